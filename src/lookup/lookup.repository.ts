/**
 * SQL of the look-up: a line or a person's lines with their history, memberships and attempts.
 * Every read of lines is bounded by the caller's scope, so a line outside it is simply not found.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { inScope, SUBSCRIBER_SCOPE, type Scope } from '../db/scope.ts';

/** How a look-up names its lines: a number, the subscriber's id, or the holder's document number. */
export type LineKey = { msisdn: string } | { id: number } | { documentNumber: string };

/** The lines of `key` within `scope`, oldest registration first. */
export function findLines(db: Kysely<DB>, scope: Scope, key: LineKey) {
  return db
    .selectFrom('subscribers')
    .selectAll()
    .where(inScope(scope, SUBSCRIBER_SCOPE))
    .$call((q) =>
      'msisdn' in key ? q.where('msisdn', '=', key.msisdn) : 'id' in key ? q.where('id', '=', key.id) : q.where('document_number', '=', key.documentNumber),
    )
    .orderBy('registered_at')
    .orderBy('id')
    .execute();
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
