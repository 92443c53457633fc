/** What a pushed result needs to know beyond the line: its earlier push, and what happened to the line since. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The attempt a system's reference already made, if any. */
export function findPushedAttempt(db: Kysely<DB>, source: string, reference: string) {
  return db
    .selectFrom('verification_attempts')
    .select(['id', 'subscriber_id', 'at', 'outcome'])
    .where('source', '=', source)
    .where('external_ref', '=', reference)
    .executeTakeFirst();
}

/**
 * Events after which an earlier verification no longer speaks for the line: a new handset, the
 * registration changed (another holder, other data), the line closed, reopened or moved carrier.
 */
const SUPERSEDING_EVENTS = ['verification_required', 'registration_changed', 'holder_transferred', 'line_closed', 'line_reopened', 'ported_in', 'ported_out'] as const;

/** What decides whether a result of instant `at` (ISO, UTC) may still change the line. */
export async function lineSince(db: Kysely<DB>, subscriberId: number, at: string) {
  const line = await db
    .selectFrom('subscribers')
    .select(['verified_at', 'closed_at', 'device_changed_at'])
    .where('id', '=', subscriberId)
    .executeTakeFirstOrThrow();
  const later = await db
    .selectFrom('subscriber_events')
    .select('id')
    .where('subscriber_id', '=', subscriberId)
    .where('kind', 'in', SUPERSEDING_EVENTS)
    .where('at', '>', at)
    .limit(1)
    .executeTakeFirst();
  const after = (instant: string | null) => instant !== null && Date.parse(instant) > Date.parse(at);
  return {
    verifiedLater: after(line.verified_at),
    closedAt: line.closed_at === null ? null : new Date(line.closed_at).toISOString(),
    changedSince: later !== undefined || after(line.device_changed_at),
  };
}
