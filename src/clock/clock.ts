/**
 * The service's one source of "now". Jobs, services and routes read time from a Clock, never
 * from `new Date()`: in production it is the wall clock, in a demo the demo's own clock
 * (demo-clock.ts), so a demo played to a later day is not judged by today's date. Transport
 * timers (SMPP enquire_link and timeouts, rate-limit windows, backoff) stay on wall time.
 */
export interface Clock {
  now(): Date;
}

/** Production's clock. */
export const wallClock: Clock = { now: () => new Date() };
