import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import type { NewSubscriber } from '../db/schema.ts';
import { seedReferenceData } from '../registry/index.ts';
import { listDueLines, previewRoadmap, runRoadmap } from './roadmap.service.ts';
import { DECREE_49_ROADMAP_SETTINGS, DEFAULT_ROADMAP_SETTINGS } from './roadmap.settings.ts';
import { DAY, HOUR, plus, testLine } from './roadmap.testing.ts';

// Around the handset rule's start (15/06/2026), so handset changes fall on both sides of it.
const T0 = '2026-06-14T17:00:00.000Z';
const COMMUNES = ['30292', '30301', '30307'];
const CARRIERS = ['viettel', 'vinaphone', 'mobifone'];

const offset = (minDays: number, maxDays: number) =>
  fc.integer({ min: minDays * 24, max: maxDays * 24 }).chain((hours) => fc.constantFrom(hours * HOUR, hours * HOUR + 1, hours * HOUR - 1));

/** A line in any state the roadmap may meet: required or not, locked by the campaign or for fraud, verified. */
const lineArbitrary = fc
  .record({
    state: fc.constantFrom('unverified', 'pending', 'verified'),
    reason: fc.constantFrom(null, 'mismatch', 'mismatch', 'device_change'),
    since: offset(-70, 5),
    lock: fc.constantFrom('none', 'none', 'one_way', 'two_way', 'fraud', 'terminated'),
    lockedAt: offset(-45, 0),
    commune: fc.constantFrom(...COMMUNES),
    carrier: fc.constantFrom(...CARRIERS),
  })
  .map((l): Partial<NewSubscriber> => {
    const required = l.reason !== null && l.state !== 'verified';
    const locked = l.lock !== 'none';
    return {
      verification_state: l.state,
      verification_required_reason: required ? l.reason : null,
      verification_required_since: required ? plus(T0, l.since) : null,
      lock_level: l.lock === 'fraud' ? 'one_way' : l.lock,
      lock_reason: !locked ? null : l.lock === 'fraud' ? 'fraud' : 'campaign_mismatch',
      locked_at: locked ? plus(T0, l.lockedAt) : null,
      commune_code: l.commune,
      carrier: l.carrier,
    };
  });

describeEachDatabase('roadmap preview', ({ db }) => {
  beforeAll(() => seedReferenceData(db()));

  it('counts exactly what a run at the same instant then does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArbitrary, { minLength: 1, maxLength: 25 }),
        offset(0, 50),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(DEFAULT_ROADMAP_SETTINGS, DECREE_49_ROADMAP_SETTINGS),
        async (lines, horizon, batchSize, settings) => {
          const k = db().kysely;
          await k.deleteFrom('notices').execute();
          await k.deleteFrom('subscriber_events').execute();
          await k.deleteFrom('lock_orders').execute();
          await k.deleteFrom('subscribers').execute();
          await k.insertInto('subscribers').values(lines.map((l) => testLine(l))).execute();
          const at = new Date(plus(T0, horizon));

          const preview = await previewRoadmap(db(), { at, settings });
          const perCommune = await Promise.all(COMMUNES.map((communeCode) => listDueLines(db(), { at, communeCode, settings, limit: 100 })));
          const result = await runRoadmap(db(), { at, settings, batchSize });

          expect(preview.totals).toEqual({ oneWay: result.counts.one_way, twoWay: result.counts.two_way, terminated: result.counts.terminated });
          const changedLines = new Set(
            (await k.selectFrom('subscriber_events').select('subscriber_id').where('kind', 'in', ['locked', 'terminated']).execute()).map(
              (e) => e.subscriber_id,
            ),
          );
          expect(perCommune.flatMap((page) => page.items.map((item) => item.id)).sort((a, b) => a - b)).toEqual([...changedLines].sort((a, b) => a - b));
          // One event and one notice per transition.
          const transitions = result.counts.one_way + result.counts.two_way + result.counts.terminated + result.counts.reminder;
          expect(await k.selectFrom('subscriber_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({
            n: transitions,
          });
          expect(await k.selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: transitions });
          // After the run nothing is left to do by that instant, and a rerun does nothing.
          expect((await previewRoadmap(db(), { at, settings })).totals).toEqual({ oneWay: 0, twoWay: 0, terminated: 0 });
          expect((await runRoadmap(db(), { at, settings })).counts).toEqual({ reminder: 0, one_way: 0, two_way: 0, terminated: 0 });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('changes the dates when the settings change', async () => {
    const k = db().kysely;
    await k.deleteFrom('notices').execute();
    await k.deleteFrom('subscriber_events').execute();
    await k.deleteFrom('lock_orders').execute();
    await k.deleteFrom('subscribers').execute();
    await k.insertInto('subscribers').values(testLine({ verification_required_since: T0, verification_required_reason: 'mismatch' })).execute();
    const at = new Date(plus(T0, 10 * DAY));
    expect((await previewRoadmap(db(), { at })).totals).toEqual({ oneWay: 1, twoWay: 0, terminated: 0 });
    expect((await previewRoadmap(db(), { at, settings: DECREE_49_ROADMAP_SETTINGS })).totals).toEqual({ oneWay: 0, twoWay: 0, terminated: 0 });
    const page = await listDueLines(db(), { at: new Date(plus(T0, 16 * DAY)), communeCode: '30292', settings: DECREE_49_ROADMAP_SETTINGS });
    expect(page.items.map((i) => [i.nextStep, i.dueAt, i.levelAt])).toEqual([['one_way', plus(T0, 15 * DAY), 'one_way']]);
  });
});
