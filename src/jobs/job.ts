/**
 * The one way to define a job. `C` is its payload: the slice of the service's context the job
 * needs (database, clock, national service, settings), so the same definition runs in the service,
 * in a test with a fixed clock, or from a command.
 */
export interface JobDefinition<C, R> {
  /** Stable name, in log lines (`job`) and in `RunningService.jobs`. */
  id: string;
  /** Time from the end of one run to the start of the next; 0 turns the job off in this service. */
  intervalMs: (ctx: C) => number;
  /**
   * Does what is due and returns what it did. Idempotent: a second run, a retry after a failure or
   * a run on another instance changes nothing that the first one did.
   */
  run: (ctx: C) => Promise<R>;
  /** A log line for a run that did something; undefined keeps quiet runs out of the log. */
  // A method, so a job of any result fits a list of jobs (method parameters are bivariant).
  describe(result: R): string | undefined;
}

/** A job whose result the caller does not look at: the form lists of jobs take. */
export type AnyJob<C> = JobDefinition<C, unknown>;
