import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import type { NewSubscriber } from '../db/schema.ts';
import { queueNotice } from '../messaging/index.ts';
import { seedReferenceData } from './index.ts';
import { testLine } from './subscriber.testing.ts';
import { appendEvents, markVerified, requireVerification, type NewEvent } from './subscriber-state.repository.ts';

const T0 = '2026-05-01T03:00:00.000Z';

const line = (msisdn: string, extra: Partial<NewSubscriber> = {}) => testLine({ msisdn, ...extra });

describeEachDatabase('subscriber state changes', ({ db }) => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    await seedReferenceData(db());
    for (const [key, row] of Object.entries({
      plain: line('0961000001'),
      verified: line('0961000002', { verification_state: 'verified', verified_at: T0 }),
      fraud: line('0961000003', { lock_level: 'one_way', lock_reason: 'fraud', locked_at: T0 }),
      locked: line('0961000004', { lock_level: 'two_way', lock_reason: 'campaign_mismatch', locked_at: T0 }),
    })) {
      const inserted = await db().kysely.insertInto('subscribers').values(row).returning('id').executeTakeFirstOrThrow();
      ids[key] = inserted.id;
    }
  });
  const events = (id: number) =>
    db().kysely.selectFrom('subscriber_events').select(['kind', 'reason']).where('subscriber_id', '=', id).orderBy('id').execute();
  const state = (id: number) => db().kysely.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('starts the roadmap clock once: the same finding twice changes nothing', async () => {
    const id = ids['plain']!;
    const input = { subscriberId: id, reason: 'mismatch' as const, at: T0, actor: 'test', source: 'reconciliation' };
    expect(await db().kysely.transaction().execute((trx) => requireVerification(trx, input))).toBe(true);
    expect(await requireVerification(db().kysely, { ...input, at: '2026-05-02T00:00:00.000Z' })).toBe(false);
    expect(await state(id)).toMatchObject({ verification_required_since: T0, verification_required_reason: 'mismatch' });
    expect(await events(id)).toEqual([{ kind: 'verification_required', reason: 'mismatch' }]);
  });

  it('leaves a verified line alone on a mismatch, but a new handset asks again', async () => {
    const id = ids['verified']!;
    const base = { subscriberId: id, at: T0, actor: 'test', source: 'carrier' };
    expect(await requireVerification(db().kysely, { ...base, reason: 'mismatch' })).toBe(false);
    expect(await requireVerification(db().kysely, { ...base, reason: 'device_change' })).toBe(true);
    expect(await state(id)).toMatchObject({ verification_state: 'unverified', device_changed_at: T0 });
  });

  it('lifts a campaign lock on verification and writes both events', async () => {
    const id = ids['locked']!;
    const result = await db().kysely.transaction().execute((trx) =>
      markVerified(trx, { subscriberId: id, at: T0, actor: 'operator-1', channel: 'carrier_store', attemptId: 7 }),
    );
    expect(result).toEqual({ unlocked: true });
    expect(await state(id)).toMatchObject({ verification_state: 'verified', lock_level: 'none', lock_reason: null, verified_at: T0 });
    expect((await events(id)).map((e) => e.kind)).toEqual(['verified', 'unlocked']);
  });

  it('never lifts a lock of another lifecycle (fraud)', async () => {
    const id = ids['fraud']!;
    expect(await markVerified(db().kysely, { subscriberId: id, at: T0, actor: 'x', channel: 'vneid' })).toEqual({ unlocked: false });
    expect(await state(id)).toMatchObject({ verification_state: 'verified', lock_level: 'one_way', lock_reason: 'fraud' });
  });

  it('queues a notice at most once per idempotency key', async () => {
    const notice = {
      subscriberId: ids['plain']!,
      msisdn: '0961000001',
      kind: 'roadmap.one_way',
      idempotencyKey: `roadmap:${ids['plain']}:one_way`,
      text: 'Thong bao',
      createdAt: T0,
      notBefore: T0,
    };
    expect(await queueNotice(db().kysely, notice)).toBe(true);
    expect(await queueNotice(db().kysely, { ...notice, text: 'again' })).toBe(false);
    const rows = await db().kysely.selectFrom('notices').select('text').where('idempotency_key', '=', notice.idempotencyKey).execute();
    expect(rows).toEqual([{ text: 'Thong bao' }]);
  });

  it('appends many events set-based, across statements, in order and with their details', async () => {
    const id = (await db().kysely.insertInto('subscribers').values(line('0961000005')).returning('id').executeTakeFirstOrThrow()).id;
    // One more than a statement holds, so the last event goes in a second insert.
    const many: NewEvent[] = Array.from({ length: 3_001 }, (_, i) => ({
      subscriberId: id,
      at: T0,
      kind: 'roadmap_reminder',
      toState: `reminder_${i + 1}`,
      actor: 'roadmap',
      ...(i === 0 ? { reason: 'mismatch', details: { deadline: T0 } } : {}),
    }));
    await db().kysely.transaction().execute((trx) => appendEvents(trx, many));
    await appendEvents(db().kysely, []);
    const rows = await db()
      .kysely.selectFrom('subscriber_events')
      .select(['to_state', 'reason', 'channel', 'details'])
      .where('subscriber_id', '=', id)
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(3_001);
    expect(rows[0]).toEqual({ to_state: 'reminder_1', reason: 'mismatch', channel: null, details: JSON.stringify({ deadline: T0 }) });
    expect(rows[3_000]).toEqual({ to_state: 'reminder_3001', reason: null, channel: null, details: null });
  });
});
