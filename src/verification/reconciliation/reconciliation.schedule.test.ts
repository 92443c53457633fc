/**
 * The scheduled reconciliation: a start of the service resumes an unfinished run and otherwise
 * reconciles only when the interval has passed, on the clock, since the last run finished.
 */
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { generateDemo } from '../../demo/index.ts';
import { createSimulatorNationalIdService, type NationalIdService } from '../national-id/index.ts';
import { reconcileWhenDue, runReconciliation } from './index.ts';

const DAY_MS = 86_400_000;
const T0 = new Date('2026-05-02T03:00:00.000Z');
const at = (ms: number) => () => new Date(T0.getTime() + ms);

/** The simulator, counting its batch calls. */
function counted(service: NationalIdService) {
  const calls = { n: 0 };
  const counting: NationalIdService = {
    ...service,
    verifyBatch: (records) => {
      calls.n++;
      return service.verifyBatch(records);
    },
  };
  return { service: counting, calls };
}

describeEachDatabase('reconciliation on its schedule', ({ db }) => {
  it('runs at once when no run ever finished, then not again until the interval has passed since it finished', async () => {
    await generateDemo(db(), { lines: 300, seed: 5 });
    const { service, calls } = counted(createSimulatorNationalIdService(db()));
    const first = await reconcileWhenDue(db(), service, { intervalMs: DAY_MS, now: at(0) });
    expect(first).toMatchObject({ runId: 1, finished: true });
    const callsAfterFirst = calls.n;

    // A restart of the service an hour later, and another just before the day is up: nothing to do.
    expect(await reconcileWhenDue(db(), service, { intervalMs: DAY_MS, now: at(3_600_000) })).toBeUndefined();
    expect(await reconcileWhenDue(db(), service, { intervalMs: DAY_MS, now: at(DAY_MS - 60_000) })).toBeUndefined();
    expect(calls.n).toBe(callsAfterFirst);
    expect(await db().kysely.selectFrom('reconciliation_runs').select('id').execute()).toHaveLength(1);

    // A day after the run finished, the next one is due.
    expect(await reconcileWhenDue(db(), service, { intervalMs: DAY_MS, now: at(DAY_MS + 60_000) })).toMatchObject({ runId: 2, finished: true });
  });

  it('resumes an unfinished run whenever it is asked, due or not', async () => {
    await generateDemo(db(), { lines: 300, seed: 5, replace: true });
    const simulator = createSimulatorNationalIdService(db());
    await runReconciliation(db(), simulator, { now: at(0) });
    const unavailable: NationalIdService = { ...simulator, verifyBatch: () => Promise.resolve({ status: 'unavailable', reason: 'timeout' }) };
    const stopped = await runReconciliation(db(), unavailable, { restart: true, now: at(60_000) });
    expect(stopped.finished).toBe(false);

    const resumed = await reconcileWhenDue(db(), simulator, { intervalMs: DAY_MS, now: at(120_000) });
    expect(resumed).toMatchObject({ runId: stopped.runId, resumed: true, finished: true });
  });
});
