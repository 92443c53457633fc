import { expect, it, vi } from 'vitest';
import type { Database } from '../db/open.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { startJobs, type SchedulerLog } from '../jobs/scheduler.ts';
import { roadmapJob } from './roadmap.job.ts';
import { HOUR, lineRequiredAt, lineState } from './roadmap.testing.ts';

/** The roadmap job alone on the service's scheduler, every `intervalMs`, reading `now`. */
function startRoadmap(database: Database, options: { intervalMs: number; log: SchedulerLog; now: () => Date }) {
  return startJobs([roadmapJob], { db: database, clock: { now: options.now }, roadmapIntervalMs: options.intervalMs }, options.log);
}

describeEachDatabase('roadmap job', ({ db }) => {
  it('applies what is due on its clock and does nothing the second time', async () => {
    await seedReferenceData(db());
    const T = '2026-05-01T03:00:00.000Z';
    const id = await lineRequiredAt(db(), T);
    const ctx = { db: db(), clock: { now: () => new Date('2026-05-01T12:00:00+07:00') }, roadmapIntervalMs: 0 };
    expect((await roadmapJob.run(ctx)).counts.one_way).toBe(1);
    expect((await roadmapJob.run(ctx)).counts).toEqual({ reminder: 0, one_way: 0, two_way: 0, terminated: 0 });
    expect(await lineState(db(), id)).toMatchObject({ lock_level: 'one_way' });
  });

  it('runs on a timer, logs what it did, and stops cleanly', async () => {
    const id = await lineRequiredAt(db(), new Date(Date.now() - 3 * HOUR).toISOString());
    const log = { info: vi.fn(), error: vi.fn() };
    // The scheduler's timers are fake, so "nothing runs after stop" is checked by moving time on,
    // not by waiting (a wait passes whether or not a timer was left behind).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // Every run reads the clock, quiet runs too: its reads count the runs.
      const now = vi.fn(() => new Date());
      const scheduler = startRoadmap(db(), { intervalMs: 10, log, now });
      await vi.waitFor(() => expect(log.info).toHaveBeenCalled(), { timeout: 30_000 });
      await scheduler.stop();
      expect(await lineState(db(), id)).toMatchObject({ lock_level: 'one_way' });
      expect(log.error).not.toHaveBeenCalled();
      const runsBefore = now.mock.calls.length;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(now.mock.calls.length).toBe(runsBefore);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads time from the clock it is given: a demo played to 12/5/2026 is locked one way, not terminated by today’s date', async () => {
    const id = await lineRequiredAt(db(), '2026-05-01T03:00:00.000Z');
    const log = { info: vi.fn(), error: vi.fn() };
    const scheduler = startRoadmap(db(), { intervalMs: 60_000, log, now: () => new Date('2026-05-12T03:00:00.000Z') });
    await vi.waitFor(() => expect(log.info).toHaveBeenCalled(), { timeout: 30_000 });
    await scheduler.stop();
    expect(await lineState(db(), id)).toMatchObject({ lock_level: 'one_way' });
  });

  it('logs a failed run instead of throwing, and tries again', async () => {
    const broken = {
      ...db(),
      kysely: {
        transaction: () => {
          throw new Error('database gone');
        },
      },
    } as unknown as Database;
    const log = { info: vi.fn(), error: vi.fn() };
    const scheduler = startRoadmap(broken, { intervalMs: 10, log, now: () => new Date() });
    await vi.waitFor(() => expect(log.error.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 30_000 });
    await scheduler.stop();
    expect(log.error.mock.calls[0]?.[0]).toMatchObject({ job: 'roadmap.run' });
  });
});
