/**
 * The roadmap as a scheduled job: every step due on the clock, applied every few minutes inside
 * the service (`TTTB_ROADMAP_INTERVAL_SECONDS`, 0 = off). Idempotent, so the scheduler's retry of
 * a failed run is always safe; `tttb roadmap run` applies the same steps at a chosen time.
 */
import type { Database } from '../db/open.ts';
import type { Clock } from '../clock/index.ts';
import type { JobDefinition } from '../jobs/job.ts';
import { runRoadmap, type RoadmapRunResult } from './roadmap.service.ts';

export interface RoadmapJobContext {
  db: Database;
  clock: Clock;
  roadmapIntervalMs: number;
}

export const roadmapJob: JobDefinition<RoadmapJobContext, RoadmapRunResult> = {
  id: 'roadmap.run',
  intervalMs: (ctx) => ctx.roadmapIntervalMs,
  /** Applies every roadmap step due now on the clock; returns the transitions it made (none on a rerun). */
  run: (ctx) => runRoadmap(ctx.db, { at: ctx.clock.now() }),
  describe: (result) => (Object.values(result.counts).some((n) => n > 0) ? 'lộ trình khoá: đã chuyển trạng thái thuê bao' : undefined),
};
