/**
 * The roadmap as a scheduled job: `roadmapJob` (id, payload, idempotent handler) and a timer
 * that runs it every few minutes inside the service. The handler is idempotent, so the timer's
 * retry of a failed run is always safe.
 */
import { z } from 'zod';
import type { Database } from '../db/open.ts';
import { runRoadmap, type RoadmapRunResult } from './roadmap.service.ts';
import type { RoadmapSettings } from './roadmap.settings.ts';
import { startIntervalJob, type Scheduler, type SchedulerLog } from '../jobs/interval-scheduler.ts';

/** `at` defaults to the clock's now when the job runs. */
const roadmapPayload = z.object({ at: z.iso.datetime({ offset: true }).optional() });

export const roadmapJob = {
  id: 'roadmap.run',
  payload: roadmapPayload,
  /** Applies every roadmap step due at `at`; returns the transitions it made (none on a rerun). */
  handle(
    db: Database,
    payload: z.infer<typeof roadmapPayload>,
    options: { settings?: Partial<RoadmapSettings>; now: () => Date },
  ): Promise<RoadmapRunResult> {
    const at = payload.at === undefined ? options.now() : new Date(payload.at);
    return runRoadmap(db, { at, ...(options.settings ? { settings: options.settings } : {}) });
  },
};

/** Runs the roadmap now and then every `intervalMs` (see {@link startIntervalJob}). */
export function startRoadmapScheduler(
  db: Database,
  options: { intervalMs: number; log: SchedulerLog; now: () => Date; settings?: Partial<RoadmapSettings> },
): Scheduler {
  return startIntervalJob({
    id: roadmapJob.id,
    intervalMs: options.intervalMs,
    log: options.log,
    run: () => roadmapJob.handle(db, {}, { now: options.now, ...(options.settings ? { settings: options.settings } : {}) }),
    describe: (result) =>
      Object.values(result.counts).some((n) => n > 0) ? 'lộ trình khoá: đã chuyển trạng thái thuê bao' : undefined,
  });
}
