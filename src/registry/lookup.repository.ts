/** SQL of the look-up: a line or a person's lines with their history, memberships and attempts. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Lines by number or by the holder's document number, oldest registration first. */
export function findLines(db: Kysely<DB>, by: { msisdn: string } | { documentNumber: string }) {
  const query = db.selectFrom('subscribers').selectAll().orderBy('registered_at').orderBy('id');
  return ('msisdn' in by ? query.where('msisdn', '=', by.msisdn) : query.where('document_number', '=', by.documentNumber)).execute();
}

export function eventsOf(db: Kysely<DB>, subscriberIds: readonly number[]) {
  return db
    .selectFrom('subscriber_events')
    .select(['subscriber_id', 'at', 'kind', 'from_state', 'to_state', 'actor', 'channel', 'reason'])
    .where('subscriber_id', 'in', subscriberIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function membershipsOf(db: Kysely<DB>, subscriberIds: readonly number[]) {
  return db
    .selectFrom('target_memberships')
    .select(['subscriber_id', 'target_group', 'source', 'detail', 'since', 'ended_at'])
    .where('subscriber_id', 'in', subscriberIds)
    .orderBy('since')
    .orderBy('id')
    .execute();
}

/** Attempts newest first, without the retry bookkeeping (never the pending identity claim). */
export function attemptsOf(db: Kysely<DB>, subscriberIds: readonly number[]) {
  return db
    .selectFrom('verification_attempts')
    .select(['subscriber_id', 'at', 'channel', 'place', 'outcome', 'reasons'])
    .where('subscriber_id', 'in', subscriberIds)
    .orderBy('id', 'desc')
    .execute();
}

export async function insertAuditEntry(
  db: Kysely<DB>,
  entry: { at: string; actor: string; action: string; subjectType: string; subjectId: string; details: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      request_id: null,
      details: JSON.stringify(entry.details),
    })
    .execute();
}
