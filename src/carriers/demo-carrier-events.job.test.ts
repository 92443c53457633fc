import { beforeAll, expect, it } from 'vitest';
import type { Deployment } from '../clock/index.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { newCitizen, newLine } from '../verification/attempts/verification.testing.ts';
import { demoCarrierEventsJob, reportDemoCarrierEvents, slotsDue } from './demo-carrier-events.job.ts';

const QUARTER = 15 * 60_000;
const NOW = new Date('2026-05-06T03:07:00.000Z');
/** Rates far above the demo's, so forty lines report every kind within one quarter-hour. */
const BUSY = { device_changed: 30, line_closed: 8, ported_out: 8, holder_transferred: 30 };

it('reports the quarter-hours from where the demo networks got to, to the last one ended, two days at most', () => {
  const slot = (at: string) => Math.floor(Date.parse(at) / QUARTER);
  expect(slotsDue(null, NOW)).toEqual([slot('2026-05-06T02:45:00Z')]);
  expect(slotsDue('2026-05-06T02:20:00.000Z', NOW)).toEqual([slot('2026-05-06T02:15:00Z'), slot('2026-05-06T02:30:00Z'), slot('2026-05-06T02:45:00Z')]);
  expect(slotsDue('2026-04-01T00:00:00.000Z', NOW)).toHaveLength(192);
  expect(slotsDue('2026-05-06T03:01:00.000Z', NOW)).toEqual([]);
});

describeEachDatabase("the demo's carrier networks reporting events", ({ db }) => {
  beforeAll(() => seedReferenceData(db()));

  it('report handset changes, closures, ports and transfers through the carriers’ events, each once however often the job runs', async () => {
    expect(demoCarrierEventsJob.intervalMs({ db: db(), clock: { now: () => NOW }, deployment: { mode: 'production' } as Deployment })).toBe(0);
    for (let i = 0; i < 40; i++) await newLine(db(), await newCitizen(db(), { birthDate: '1985-03-02' }), { carrier: 'mobifone', registered_at: '2020-01-01T00:00:00.000Z' });

    const first = await reportDemoCarrierEvents(db(), NOW, BUSY);
    expect(first.applied).toBeGreaterThan(10);
    const events = await db().kysely.selectFrom('carrier_events').select(['kind', 'status', 'at', 'reference']).execute();
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['device_changed', 'line_closed', 'ported_out', 'holder_transferred']));
    for (const event of events) {
      expect(event.reference).toMatch(/^demo-/);
      expect(Date.parse(event.at)).toBeLessThan(NOW.getTime());
    }
    const lines = await db().kysely.selectFrom('subscribers').select(['carrier', 'closed_at', 'verification_required_reason']).execute();
    expect(lines.some((l) => l.verification_required_reason === 'device_change')).toBe(true);
    expect(lines.some((l) => l.closed_at !== null)).toBe(true);

    // The same quarter-hour again: every event is a duplicate of its first report.
    expect((await reportDemoCarrierEvents(db(), NOW, BUSY)).applied).toBe(0);
    expect(await db().kysely.selectFrom('carrier_events').select('id').execute()).toHaveLength(events.length);
    // An hour later: the quarter-hours since.
    const later = await reportDemoCarrierEvents(db(), new Date(NOW.getTime() + 3_600_000), BUSY);
    expect(later.applied).toBeGreaterThan(0);
  });
});

describeEachDatabase("the demo's carrier networks before their first event", ({ db }) => {
  beforeAll(() => seedReferenceData(db()));

  it('report the quarter-hours since the demo began when its clock is moved on before any event', async () => {
    for (let i = 0; i < 40; i++) await newLine(db(), await newCitizen(db(), { birthDate: '1985-03-02' }), { carrier: 'viettel', registered_at: '2020-01-01T00:00:00.000Z' });
    const began = new Date(NOW.getTime() - 86_400_000);
    await db().kysely.insertInto('demo_runs').values({ seed: 1, lines: 40, citizens: 40, settings: JSON.stringify({ referenceNow: began.toISOString() }), generated_at: began.toISOString() }).execute();

    // About one handset change in five quarter-hours: the last one alone would most likely report nothing.
    const reported = await reportDemoCarrierEvents(db(), NOW, { device_changed: 0.5, line_closed: 0, ported_out: 0, holder_transferred: 0 });
    expect(reported.applied).toBeGreaterThan(5);
    const times = await db().kysely.selectFrom('carrier_events').select('at').execute();
    expect(Math.min(...times.map((e) => Date.parse(e.at)))).toBeLessThan(NOW.getTime() - 12 * 3_600_000);
  });
});
