/** How long sessions last and how sign-ins are slowed (config.ts feeds these from TTTB_SESSION_*). */
export interface AccessSettings {
  /** A session unused this long ends (minutes). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, whatever the activity (hours). */
  sessionAbsoluteHours: number;
}

export const DEFAULT_ACCESS_SETTINGS: AccessSettings = { sessionIdleMinutes: 30, sessionAbsoluteHours: 12 };

/**
 * The growing delay after failed sign-ins: free failures, then 2^(n − free) seconds up to a
 * ceiling, on three counts. The pair (account, client) grows to 15 minutes: that is the guesser.
 * The account alone, whatever the client, grows only to 30 seconds, so a stranger who fails on
 * purpose can slow the Department's admin a little but never lock them out. The client alone
 * grows to 15 minutes: one address trying many accounts.
 */
export const SIGN_IN_DELAYS = {
  pair: { free: 3, ceilingSeconds: 900 },
  account: { free: 10, ceilingSeconds: 30 },
  client: { free: 20, ceilingSeconds: 900 },
} as const;

/** Failures older than this are forgotten. */
export const FAILURE_MEMORY_HOURS = 24;
