import { beforeAll, expect, it } from 'vitest';
import type { Deployment } from '../clock/index.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { runRoadmap } from '../roadmap/index.ts';
import { HOUR, lineRequiredAt, plus } from '../roadmap/roadmap.testing.ts';
import { demoCarriersJob, demoDoneAt } from './demo-carriers.job.ts';

const REQUIRED = '2026-05-04T03:00:00.000Z';
const RUN = new Date(plus(REQUIRED, 3 * HOUR));

it('a demo carrier carries most orders out within minutes and a few hours late', () => {
  const order = { dueAt: REQUIRED, orderedAt: REQUIRED };
  const delays = Array.from({ length: 10_000 }, (_, i) => (demoDoneAt({ ...order, id: i + 1 }).getTime() - Date.parse(REQUIRED)) / 60_000);
  expect(Math.min(...delays)).toBeGreaterThanOrEqual(4);
  expect(Math.max(...delays)).toBeLessThan(360);
  const late = delays.filter((d) => d > 120).length / delays.length;
  expect(late).toBeGreaterThan(0.03);
  expect(late).toBeLessThan(0.1);
});

describeEachDatabase("the demo's carriers", ({ db }) => {
  beforeAll(() => seedReferenceData(db()));
  const demo = { mode: 'demo' } as Deployment;

  it('confirm their orders through the feed once their network has carried them out, and only then', async () => {
    const ids = [await lineRequiredAt(db(), REQUIRED, 'mismatch', { carrier: 'viettel' }), await lineRequiredAt(db(), REQUIRED, 'mismatch', { carrier: 'itel' })];
    await runRoadmap(db(), { at: RUN });
    const states = () => db().kysely.selectFrom('subscribers').select('lock_state').where('id', 'in', ids).orderBy('id').execute();
    expect(demoCarriersJob.intervalMs({ db: db(), clock: { now: () => RUN }, deployment: demo })).toBeGreaterThan(0);
    expect(demoCarriersJob.intervalMs({ db: db(), clock: { now: () => RUN }, deployment: { mode: 'production' } as Deployment })).toBe(0);

    expect(await demoCarriersJob.run({ db: db(), clock: { now: () => RUN }, deployment: demo })).toEqual({ confirmed: 0 });
    expect(await states()).toEqual([{ lock_state: 'ordered' }, { lock_state: 'ordered' }]);
    const later = new Date(plus(RUN.toISOString(), 7 * HOUR));
    expect(await demoCarriersJob.run({ db: db(), clock: { now: () => later }, deployment: demo })).toEqual({ confirmed: 2 });
    expect(await states()).toEqual([{ lock_state: 'confirmed' }, { lock_state: 'confirmed' }]);
    expect(await demoCarriersJob.run({ db: db(), clock: { now: () => later }, deployment: demo })).toEqual({ confirmed: 0 });
  });
});
