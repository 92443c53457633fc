/** The part of a pino logger a scheduled job uses. */
export interface SchedulerLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface Scheduler {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export interface IntervalJob<R> {
  id: string;
  intervalMs: number;
  log: SchedulerLog;
  run(): Promise<R>;
  /** A log line for a run that did something; undefined keeps quiet runs out of the log. */
  describe(result: R): string | undefined;
}

/**
 * Runs an idempotent job now and then every `intervalMs`, measured from the end of a run so runs
 * never overlap. A failure is logged and retried at the next tick, never thrown out of the timer.
 */
export function startIntervalJob<R>(job: IntervalJob<R>): Scheduler {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const runOnce = async () => {
    try {
      const result = await job.run();
      const message = job.describe(result);
      if (message) job.log.info({ job: job.id, result }, message);
    } catch (error) {
      job.log.error({ job: job.id, err: error }, `${job.id}: lần chạy thất bại, sẽ thử lại ở lần sau`);
    }
  };
  const tick = () => {
    running = runOnce().then(() => {
      running = undefined;
      if (!stopped) timer = setTimeout(tick, job.intervalMs);
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
