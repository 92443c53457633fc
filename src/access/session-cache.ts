/**
 * Live sessions held in memory for a few seconds, so a signed-in request costs a map lookup rather
 * than a database read (`bench web`: the read was most of what access cost per request).
 *
 * Correct within this process: every write to users or sessions (access.repository.ts) empties the
 * cache and moves its generation on, and a read that began before such a write is not kept. Another
 * process's change (the `tttb user …` commands) is seen within `HOLD_MS`. Held by the service's
 * clock, so a demo clock moved on expires entries as a test's fake clock does; a clock moved back
 * empties them.
 */
import type { SessionRow } from './access.repository.ts';

const HOLD_MS = 5_000;
/** Beyond this many, the cache starts again: memory stays bounded whatever the traffic. */
const MAX_ENTRIES = 10_000;

const entries = new Map<string, { row: SessionRow; heldAt: number }>();
let generation = 0;

/** The row held for `idHash` at `nowMs`, if it is fresh. */
export function heldSession(idHash: string, nowMs: number): SessionRow | undefined {
  const entry = entries.get(idHash);
  if (entry === undefined) return undefined;
  if (nowMs < entry.heldAt || nowMs - entry.heldAt >= HOLD_MS) {
    entries.delete(idHash);
    return undefined;
  }
  return entry.row;
}

/** A mark to take before reading the database: `holdSession` keeps the read only if nothing was written since. */
export function sessionGeneration(): number {
  return generation;
}

export function holdSession(row: SessionRow, nowMs: number, readAt: number): void {
  if (readAt !== generation) return;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  entries.set(row.id_hash, { row, heldAt: nowMs });
}

/** Called by every write to users or sessions. */
export function forgetSessions(): void {
  generation += 1;
  entries.clear();
}
