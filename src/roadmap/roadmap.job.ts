/**
 * The roadmap as a scheduled job: `roadmapJob` (id, payload, idempotent handler) and a timer
 * that runs it every few minutes inside the service. A failed run is logged and retried at the
 * next tick — the handler is idempotent, so retrying is always safe.
 */
import { z } from 'zod';
import type { Database } from '../db/open.ts';
import { runRoadmap, type RoadmapRunResult } from './roadmap.service.ts';
import type { RoadmapSettings } from './roadmap.settings.ts';

/** `at` defaults to the moment the job runs. */
const roadmapPayload = z.object({ at: z.iso.datetime({ offset: true }).optional() });

export const roadmapJob = {
  id: 'roadmap.run',
  payload: roadmapPayload,
  /** Applies every roadmap step due at `at`; returns the transitions it made (none on a rerun). */
  handle(
    db: Database,
    payload: z.infer<typeof roadmapPayload>,
    options: { settings?: Partial<RoadmapSettings> } = {},
  ): Promise<RoadmapRunResult> {
    const at = payload.at === undefined ? new Date() : new Date(payload.at);
    return runRoadmap(db, { at, ...(options.settings ? { settings: options.settings } : {}) });
  },
};

/** The part of a pino logger the scheduler uses. */
export interface SchedulerLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface RoadmapScheduler {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs the roadmap now and then every `intervalMs` (measured from the end of a run, so runs never
 * overlap). Errors are logged, never thrown out of the timer.
 */
export function startRoadmapScheduler(
  db: Database,
  options: { intervalMs: number; log: SchedulerLog; settings?: Partial<RoadmapSettings> },
): RoadmapScheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const runOnce = async () => {
    try {
      const result = await roadmapJob.handle(db, {}, options.settings ? { settings: options.settings } : {});
      const moved = Object.values(result.counts).reduce((sum, n) => sum + n, 0);
      if (moved > 0) options.log.info({ job: roadmapJob.id, ...result }, 'lộ trình khoá: đã chuyển trạng thái thuê bao');
    } catch (error) {
      options.log.error({ job: roadmapJob.id, err: error }, 'lộ trình khoá: lần chạy thất bại, sẽ thử lại ở lần sau');
    }
  };
  const tick = () => {
    running = runOnce().then(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, options.intervalMs);
    });
  };
  timer = setTimeout(tick, 0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
