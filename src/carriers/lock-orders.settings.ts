/** The lock orders' clock: how long a carrier has to carry out an order, and when an open one is flagged. */
const HOUR_MS = 3_600_000;

export interface LockOrderSettings {
  /** From an order's due instant to its confirmation (Circular 08: within 2 hours — likely). */
  confirmWithinMs: number;
  /** An order still unconfirmed this long after its due instant is flagged (assumed: the same 2 hours). */
  flagUnconfirmedAfterMs: number;
}

export const DEFAULT_LOCK_ORDER_SETTINGS: LockOrderSettings = { confirmWithinMs: 2 * HOUR_MS, flagUnconfirmedAfterMs: 2 * HOUR_MS };
