/**
 * The one scheduler of the service's jobs (job.ts): each runs now and then every `intervalMs`,
 * measured from the end of a run so runs never overlap. A failure is logged and retried at the
 * next tick, never thrown out of the timer.
 */
import type { AnyJob } from './job.ts';

/** The part of a pino logger a scheduled job uses. */
export interface SchedulerLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface Scheduler {
  /** Ids of the jobs that run (those whose interval is not 0), in the order given. */
  readonly jobs: readonly string[];
  /** Stops every timer and waits for the runs in progress to finish. */
  stop(): Promise<void>;
}

/** Starts every job of `jobs` whose interval in `ctx` is above 0. */
export function startJobs<C>(jobs: readonly AnyJob<C>[], ctx: C, log: SchedulerLog): Scheduler {
  const started = jobs.flatMap((job) => {
    const intervalMs = job.intervalMs(ctx);
    return intervalMs > 0 ? [{ id: job.id, timer: startTimer(job, intervalMs, ctx, log) }] : [];
  });
  return {
    jobs: started.map((s) => s.id),
    async stop() {
      await Promise.all(started.map((s) => s.timer.stop()));
    },
  };
}

function startTimer<C>(job: AnyJob<C>, intervalMs: number, ctx: C, log: SchedulerLog): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const runOnce = async () => {
    try {
      const result = await job.run(ctx);
      const message = job.describe(result);
      if (message) log.info({ job: job.id, result }, message);
    } catch (error) {
      log.error({ job: job.id, err: error }, `${job.id}: lần chạy thất bại, sẽ thử lại ở lần sau`);
    }
  };
  const tick = () => {
    running = runOnce().then(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, intervalMs);
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
