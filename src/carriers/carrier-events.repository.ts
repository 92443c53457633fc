/** The carrier events' SQL: the line a carrier reports on, its earlier report under the same reference, and what happened to the line since. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { inScope, SUBSCRIBER_SCOPE, type Scope } from '../db/scope.ts';

/** A line within the reporter's reach (outside it: undefined, exactly as an unknown number). */
export function findReportedLine(db: Kysely<DB>, msisdn: string, scope: Scope) {
  return db
    .selectFrom('subscribers')
    .select(['id', 'carrier', 'line_class', 'lock_level', 'closed_at', 'verified_at', 'registered_at'])
    .where('msisdn', '=', msisdn)
    .where(inScope(scope, SUBSCRIBER_SCOPE))
    .executeTakeFirst();
}

export type ReportedLine = NonNullable<Awaited<ReturnType<typeof findReportedLine>>>;

export function findCarrierEvent(db: Kysely<DB>, source: string, reference: string) {
  return db
    .selectFrom('carrier_events')
    .select(['id', 'subscriber_id', 'kind', 'at'])
    .where('source', '=', source)
    .where('reference', '=', reference)
    .executeTakeFirst();
}

export function insertCarrierEvent(
  db: Kysely<DB>,
  row: { source: string; reference: string; subscriberId: number; kind: string; at: string; receivedAt: string; status: string },
) {
  return db
    .insertInto('carrier_events')
    .values({
      source: row.source,
      reference: row.reference,
      subscriber_id: row.subscriberId,
      kind: row.kind,
      at: row.at,
      received_at: row.receivedAt,
      status: row.status,
    })
    .execute();
}

/** Changes of the line that decide its state: after one of them, an earlier report changes nothing. */
const DECIDING_EVENTS = ['device_changed', 'registration_changed', 'holder_transferred', 'line_closed', 'line_reopened', 'ported_in', 'ported_out'] as const;

/** Whether the line changed after instant `at` (ISO, UTC): a deciding event, or (`countVerification`) a verification. */
export async function changedAfter(db: Kysely<DB>, line: ReportedLine, at: string, countVerification: boolean): Promise<boolean> {
  if (countVerification && line.verified_at !== null && Date.parse(line.verified_at) > Date.parse(at)) return true;
  const later = await db
    .selectFrom('subscriber_events')
    .select('id')
    .where('subscriber_id', '=', line.id)
    .where('kind', 'in', DECIDING_EVENTS)
    .where('at', '>', at)
    .limit(1)
    .executeTakeFirst();
  return later !== undefined;
}

/** Ends a new membership at the line's verification when the line was verified after the notice. */
export function endMembershipAt(db: Kysely<DB>, subscriberId: number, group: 'carrier_notice', at: string) {
  return db
    .updateTable('target_memberships')
    .set({ ended_at: at })
    .where('subscriber_id', '=', subscriberId)
    .where('target_group', '=', group)
    .where('ended_at', 'is', null)
    .execute();
}
