/**
 * The walk every batch job makes (roadmap steps, reconciliation runs): through a table in key order,
 * one batch at a time, each batch the caller's unit of work (its own transaction when it writes), so
 * a stop or a crash between batches keeps what was done and the next walk resumes after it.
 */
export interface KeyOrderWalk<R> {
  /** The key to start after (0 from the start, a stored cursor to resume). */
  after: number;
  /** Rows per batch: a batch that comes back shorter is the last. */
  size: number;
  keyOf(row: R): number;
}

/**
 * Calls `batch(after)` with the key of the last row of the previous batch until a batch comes back
 * empty or short; `batch` returns the rows it read and handled, or `'stop'` to end the walk early.
 * Returns whether the walk reached the end (false: stopped).
 */
export async function walkInKeyOrder<R>(walk: KeyOrderWalk<R>, batch: (after: number) => Promise<readonly R[] | 'stop'>): Promise<boolean> {
  let after = walk.after;
  for (;;) {
    const rows = await batch(after);
    if (rows === 'stop') return false;
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < walk.size) return true;
    after = walk.keyOf(last);
  }
}
