import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { chunksOf } from '../db/chunks.ts';

export interface NewNotice {
  /** null for a number outside the registry (a self-check OTP or reply). */
  subscriberId: number | null;
  msisdn: string;
  /** e.g. `roadmap.one_way`, `verification.confirmed`, `otp` */
  kind: string;
  /** Unique per (line, kind, roadmap step …): a notice is queued and sent at most once. */
  idempotencyKey: string;
  text: string;
  createdAt: string;
  notBefore: string;
}

/**
 * Queues a notice in the outbox, in the caller's transaction. A second call with the same
 * idempotency key changes nothing. Returns whether a row was added.
 */
export async function queueNotice(db: Kysely<DB>, notice: NewNotice): Promise<boolean> {
  return (await queueNotices(db, [notice])) > 0;
}

// Rows per insert: seven values per notice stay under SQLite's 32,766 bind parameters
// (PostgreSQL allows 65,535).
const NOTICES_PER_STATEMENT = 4_000;

/**
 * Queues many notices set-based (one multi-row insert per 4,000), in the caller's transaction,
 * with the same rule as {@link queueNotice}: a key already in the outbox changes nothing.
 * Returns how many rows were added.
 */
export async function queueNotices(db: Kysely<DB>, notices: readonly NewNotice[]): Promise<number> {
  let added = 0;
  for (const chunk of chunksOf(notices, NOTICES_PER_STATEMENT)) {
    const result = await db
      .insertInto('notices')
      .values(
        chunk.map((notice) => ({
          subscriber_id: notice.subscriberId,
          msisdn: notice.msisdn,
          kind: notice.kind,
          idempotency_key: notice.idempotencyKey,
          text: notice.text,
          created_at: notice.createdAt,
          not_before: notice.notBefore,
        })),
      )
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** Notices of one line, oldest first (look-up and tests). */
export function listNoticesOf(db: Kysely<DB>, subscriberId: number) {
  return db.selectFrom('notices').selectAll().where('subscriber_id', '=', subscriberId).orderBy('id').execute();
}
