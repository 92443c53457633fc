import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface NewNotice {
  subscriberId: number;
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
  const result = await db
    .insertInto('notices')
    .values({
      subscriber_id: notice.subscriberId,
      msisdn: notice.msisdn,
      kind: notice.kind,
      idempotency_key: notice.idempotencyKey,
      text: notice.text,
      created_at: notice.createdAt,
      not_before: notice.notBefore,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Notices of one line, oldest first (look-up and tests). */
export function listNoticesOf(db: Kysely<DB>, subscriberId: number) {
  return db.selectFrom('notices').selectAll().where('subscriber_id', '=', subscriberId).orderBy('id').execute();
}
