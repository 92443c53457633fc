/**
 * Campaign notices go out only between 07:00 and 22:00 Vietnam time (UTC+7, no daylight saving;
 * docs/domain.md, "SMS"). Both hours are settings of the caller; these are the defaults.
 */
export interface SendWindow {
  /** First hour (local) a notice may be sent. */
  fromHour: number;
  /** Hour (local) from which notices wait until the next morning. */
  untilHour: number;
}

export const DEFAULT_SEND_WINDOW: SendWindow = { fromHour: 7, untilHour: 22 };

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The earliest instant at or after `at` that lies inside the send window. */
export function nextSendInstant(at: Date, window: SendWindow = DEFAULT_SEND_WINDOW): Date {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const hour = local.getUTCHours();
  if (hour >= window.fromHour && hour < window.untilHour) return at;
  const morning = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), window.fromHour));
  if (hour >= window.untilHour) morning.setUTCDate(morning.getUTCDate() + 1);
  return new Date(morning.getTime() - VIETNAM_OFFSET_MS);
}
