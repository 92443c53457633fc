/** How far ahead of tttb's clock a time another system reports may be: that system's clock drifts a little. */
const REPORTED_CLOCK_SKEW_MS = 5 * 60_000;

/** Whether a reported instant lies in the future of `now`, beyond the drift allowed. */
export function isReportedInFuture(at: Date, now: Date): boolean {
  return at.getTime() > now.getTime() + REPORTED_CLOCK_SKEW_MS;
}
