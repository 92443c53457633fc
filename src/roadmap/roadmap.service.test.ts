import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { analyzeSms } from '../domain/index.ts';
import { markVerified, seedReferenceData } from '../registry/index.ts';
import { listDueLines, previewRoadmap, runRoadmap } from './roadmap.service.ts';
import { DECREE_49_ROADMAP_SETTINGS } from './roadmap.settings.ts';
import { DAY, eventsOf, HOUR, insertLine, lineRequiredAt, lineState, MINUTE, noticesOf, plus } from './roadmap.testing.ts';

const nothing = { reminder: 0, one_way: 0, two_way: 0, terminated: 0 };
const run = (db: Parameters<typeof runRoadmap>[0], at: string, settings = {}) => runRoadmap(db, { at: new Date(at), settings });

describeEachDatabase('roadmap: a line found mismatched, locked one-way, then verified', ({ db }) => {
  // 21:30 in Vietnam: the one-way lock falls at 23:30, inside quiet hours.
  const T = '2026-05-10T14:30:00.000Z';
  let id = 0;
  beforeAll(async () => {
    await seedReferenceData(db());
    id = await lineRequiredAt(db(), T, 'mismatch', { msisdn: '0961234578' });
  });

  it('is not locked one minute before the 2-hour delay', async () => {
    expect((await run(db(), plus(T, 2 * HOUR - MINUTE))).counts).toEqual(nothing);
    expect(await lineState(db(), id)).toMatchObject({ lock_level: 'none', locked_at: null });
  });

  it('is locked one-way at exactly +2 h, with one event and one notice held until 07:00', async () => {
    expect((await run(db(), plus(T, 2 * HOUR))).counts).toEqual({ ...nothing, one_way: 1 });
    expect(await lineState(db(), id)).toMatchObject({
      lock_level: 'one_way',
      lock_reason: 'campaign_mismatch',
      locked_at: plus(T, 2 * HOUR),
    });
    expect((await eventsOf(db(), id)).map((e) => [e.kind, e.from_state, e.to_state])).toEqual([
      ['verification_required', 'unverified', 'unverified'],
      ['locked', 'none', 'one_way'],
    ]);
    const notices = await noticesOf(db(), id);
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.kind).toBe('roadmap.one_way');
    expect(notice.idempotency_key).toBe(`roadmap:${id}:one_way:${T}`);
    // 23:30 local → held until 07:00 the next morning (00:00 UTC).
    expect(notice.not_before).toBe('2026-05-11T00:00:00.000Z');
    // Two-way lock 30 days after 23:30 on 10/05: 09/06/2026 23:30 Vietnam time.
    expect(notice.text).toContain('09******78');
    expect(notice.text).toContain('09/06/2026 23:30');
    expect(analyzeSms(notice.text)).toMatchObject({ encoding: 'gsm7', parts: 1 });
  });

  it('changes nothing when run again at the same or a later time', async () => {
    expect((await run(db(), plus(T, 2 * HOUR))).counts).toEqual(nothing);
    expect((await run(db(), plus(T, 3 * HOUR))).counts).toEqual(nothing);
    expect(await eventsOf(db(), id)).toHaveLength(2);
    expect(await noticesOf(db(), id)).toHaveLength(1);
  });

  it('is unlocked by verification and never locked again by the roadmap', async () => {
    await db().kysely
      .transaction()
      .execute((trx) => markVerified(trx, { subscriberId: id, at: plus(T, 5 * HOUR), actor: 'store-1', channel: 'carrier_store' }));
    expect(await lineState(db(), id)).toMatchObject({ lock_level: 'none', lock_reason: null, verification_state: 'verified' });
    expect((await eventsOf(db(), id)).map((e) => e.kind)).toEqual(['verification_required', 'locked', 'verified', 'unlocked']);
    expect((await run(db(), plus(T, 60 * DAY))).counts).toEqual(nothing);
    expect(await lineState(db(), id)).toMatchObject({ lock_level: 'none' });
  });
});

describeEachDatabase('roadmap: the full timeline on exact dates', ({ db }) => {
  const T = '2026-05-01T03:00:00.000Z';
  const oneWayAt = plus(T, 2 * HOUR);
  const twoWayAt = plus(oneWayAt, 30 * DAY);
  const endAt = plus(twoWayAt, 5 * DAY);
  const ids = { line: 0, verified: 0, fraud: 0 };
  beforeAll(async () => {
    await seedReferenceData(db());
    ids.line = await lineRequiredAt(db(), T);
    ids.verified = await insertLine(db(), { verification_state: 'verified', verified_at: T });
    // Locked for fraud, and a mismatch found too: the campaign roadmap must leave it alone.
    ids.fraud = await lineRequiredAt(db(), T, 'mismatch', { lock_level: 'one_way', lock_reason: 'fraud', locked_at: T });
  });

  it('lists the line for its commune team before anything happens', async () => {
    const page = await listDueLines(db(), { communeCode: '30292', at: new Date(plus(T, 31 * DAY)) });
    expect(page.items).toEqual([
      expect.objectContaining({ id: ids.line, nextStep: 'one_way', dueAt: oneWayAt, levelAt: 'two_way', lockLevel: 'none' }),
    ]);
    expect(page.items[0]!.msisdn).toMatch(/^09\*{6}\d\d$/);
  });

  it('locks one-way at +2 h, two-way at exactly +30 days, terminates at exactly +5 days more', async () => {
    expect((await run(db(), oneWayAt)).counts).toEqual({ ...nothing, one_way: 1 });
    expect((await run(db(), plus(twoWayAt, -1))).counts).toEqual(nothing);
    expect((await run(db(), twoWayAt)).counts).toEqual({ ...nothing, two_way: 1 });
    expect(await lineState(db(), ids.line)).toMatchObject({ lock_level: 'two_way', locked_at: twoWayAt });
    expect((await run(db(), plus(endAt, -1))).counts).toEqual(nothing);
    expect((await run(db(), endAt)).counts).toEqual({ ...nothing, terminated: 1 });
    expect((await run(db(), plus(endAt, 10 * DAY))).counts).toEqual(nothing);

    expect(await lineState(db(), ids.line)).toMatchObject({ lock_level: 'terminated', lock_reason: 'campaign_mismatch', locked_at: endAt });
    expect((await eventsOf(db(), ids.line)).slice(1)).toEqual([
      { kind: 'locked', at: oneWayAt, from_state: 'none', to_state: 'one_way', reason: 'campaign_mismatch' },
      { kind: 'locked', at: twoWayAt, from_state: 'one_way', to_state: 'two_way', reason: 'campaign_mismatch' },
      { kind: 'terminated', at: endAt, from_state: 'two_way', to_state: 'terminated', reason: 'campaign_mismatch' },
    ]);
    const notices = await noticesOf(db(), ids.line);
    expect(notices.map((n) => n.kind)).toEqual(['roadmap.one_way', 'roadmap.two_way', 'roadmap.terminated']);
    // Deadlines in Vietnam time: two-way 31/05 12:00, termination 05/06 12:00.
    expect(notices[0]!.text).toContain('31/05/2026 12:00');
    expect(notices[1]!.text).toContain('05/06/2026 12:00');
    expect(notices[2]!.text).toContain('05/06/2026 12:00');
    for (const n of notices) expect(analyzeSms(n.text)).toMatchObject({ encoding: 'gsm7', parts: 1 });
  });

  it('never locks a verified line, and never touches a line locked for fraud', async () => {
    expect(await lineState(db(), ids.verified)).toMatchObject({ lock_level: 'none', verification_state: 'verified' });
    expect(await lineState(db(), ids.fraud)).toMatchObject({ lock_level: 'one_way', lock_reason: 'fraud', locked_at: T });
    expect(await eventsOf(db(), ids.verified)).toEqual([]);
    expect((await eventsOf(db(), ids.fraud)).map((e) => e.kind)).toEqual(['verification_required']);
    expect(await noticesOf(db(), ids.fraud)).toEqual([]);
  });
});

describeEachDatabase('roadmap: handset changes follow the roadmap only from 15/06/2026', ({ db }) => {
  const before = '2026-06-14T16:59:59.000Z'; // 23:59:59 on 14/06 in Vietnam
  const after = '2026-06-20T01:00:00.000Z';
  const ids = { before: 0, after: 0 };
  beforeAll(async () => {
    await seedReferenceData(db());
    ids.before = await lineRequiredAt(db(), before, 'device_change', { verification_state: 'verified', verified_at: '2026-05-01T00:00:00.000Z' });
    ids.after = await lineRequiredAt(db(), after, 'device_change', { verification_state: 'verified', verified_at: '2026-05-01T00:00:00.000Z' });
  });

  it('ignores a change seen before the rule and locks one seen after it within 2 hours', async () => {
    expect((await run(db(), plus(after, 2 * HOUR))).counts).toEqual({ ...nothing, one_way: 1 });
    expect(await lineState(db(), ids.before)).toMatchObject({ lock_level: 'none' });
    expect(await lineState(db(), ids.after)).toMatchObject({ lock_level: 'one_way', lock_reason: 'campaign_device_change' });
    const [notice] = await noticesOf(db(), ids.after);
    expect(notice?.text).toContain('doi may');
    expect((await run(db(), plus(after, 90 * DAY))).counts).toEqual({ ...nothing, two_way: 1, terminated: 1 });
    expect(await lineState(db(), ids.before)).toMatchObject({ lock_level: 'none' });
  });

  it('follows earlier changes too when the rule date is moved back', async () => {
    const settings = { deviceChangeRuleFrom: '2026-06-01T00:00:00.000Z' };
    expect((await run(db(), plus(before, 2 * HOUR), settings)).counts).toEqual({ ...nothing, one_way: 1 });
    expect(await lineState(db(), ids.before)).toMatchObject({ lock_level: 'one_way', lock_reason: 'campaign_device_change' });
  });
});

describeEachDatabase('roadmap: a late run catches up on due dates', ({ db }) => {
  const T = '2026-05-01T03:00:00.000Z';
  it('applies one-way and two-way in one run, each at its due instant', async () => {
    await seedReferenceData(db());
    const id = await lineRequiredAt(db(), T);
    const at = plus(T, 33 * DAY);
    const preview = await previewRoadmap(db(), { at: new Date(at) });
    expect(preview.totals).toEqual({ oneWay: 1, twoWay: 1, terminated: 0 });
    expect(preview.rows).toEqual([
      { communeCode: '30292', communeName: 'Phường Bình Đức', carrier: 'viettel', oneWay: 1, twoWay: 1, terminated: 0 },
    ]);
    expect((await run(db(), at)).counts).toEqual({ ...nothing, one_way: 1, two_way: 1 });
    expect(await lineState(db(), id)).toMatchObject({ lock_level: 'two_way', locked_at: plus(T, 2 * HOUR + 30 * DAY) });
    // Both notices are queued now, for now (or the next morning), not for the past due instants.
    const notices = await noticesOf(db(), id);
    expect(notices.map((n) => n.created_at)).toEqual([at, at]);
    expect((await previewRoadmap(db(), { at: new Date(at) })).totals).toEqual({ oneWay: 0, twoWay: 0, terminated: 0 });
  });
});

describeEachDatabase('roadmap: the Decree 49 timeline from settings alone', ({ db }) => {
  const T = '2026-05-01T03:00:00.000Z';
  const settings = DECREE_49_ROADMAP_SETTINGS;
  let id = 0;
  beforeAll(async () => {
    await seedReferenceData(db());
    id = await lineRequiredAt(db(), T);
  });

  it('sends daily reminders, locks one-way at day 15, two-way at day 30 and ends at day 60', async () => {
    expect((await run(db(), T, settings)).counts).toEqual({ ...nothing, reminder: 1 });
    expect((await run(db(), plus(T, 2 * HOUR), settings)).counts).toEqual(nothing); // Circular 08 would lock here
    expect((await run(db(), plus(T, 1 * DAY), settings)).counts).toEqual({ ...nothing, reminder: 1 });
    expect((await run(db(), plus(T, 1 * DAY + HOUR), settings)).counts).toEqual(nothing);
    // Days 2 and 3 missed by the scheduler: only the current reminder goes out, no backlog.
    expect((await run(db(), plus(T, 4 * DAY), settings)).counts).toEqual({ ...nothing, reminder: 1 });
    expect((await run(db(), plus(T, 15 * DAY - 1), settings)).counts).toEqual(nothing);
    expect((await run(db(), plus(T, 15 * DAY), settings)).counts).toEqual({ ...nothing, one_way: 1 });
    expect((await run(db(), plus(T, 30 * DAY), settings)).counts).toEqual({ ...nothing, two_way: 1 });
    expect((await run(db(), plus(T, 60 * DAY - 1), settings)).counts).toEqual(nothing);
    expect((await run(db(), plus(T, 60 * DAY), settings)).counts).toEqual({ ...nothing, terminated: 1 });

    const notices = await noticesOf(db(), id);
    expect(notices.map((n) => n.idempotency_key)).toEqual([
      `roadmap:${id}:reminder_1:${T}`,
      `roadmap:${id}:reminder_2:${T}`,
      `roadmap:${id}:reminder_5:${T}`,
      `roadmap:${id}:one_way:${T}`,
      `roadmap:${id}:two_way:${T}`,
      `roadmap:${id}:terminated:${T}`,
    ]);
    // The reminders name the one-way lock: 16/05/2026 10:00 Vietnam time.
    expect(notices[0]!.text).toContain('16/05/2026 10:00');
    expect((await eventsOf(db(), id)).map((e) => e.to_state)).toEqual([
      'unverified',
      'reminder_1',
      'reminder_2',
      'reminder_5',
      'one_way',
      'two_way',
      'terminated',
    ]);
  });
});

describe('roadmap settings', () => {
  it('refuse reminders that are not before the one-way lock', async () => {
    const { resolveRoadmapSettings } = await import('./roadmap.settings.ts');
    expect(() => resolveRoadmapSettings({ remindersAfterMs: [3 * HOUR] })).toThrow(/remindersAfterMs/);
    expect(() => resolveRoadmapSettings({ twoWayLockAfterMs: -1 })).toThrow(/twoWayLockAfterMs/);
  });
});
