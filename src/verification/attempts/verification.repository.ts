/** SQL of verification attempts and admitted requests (OTP codes: one-time-code.repository.ts). */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB, VerificationAttemptTable, VerificationRequestTable } from '../../db/schema.ts';
import type { VerificationChannel } from '../../domain/index.ts';
import type { FieldResult } from '../national-id/index.ts';
import { inScope, subscriberScope, type Scope } from '../../db/scope.ts';
import type { LineFacts } from './verification.policy.ts';

export type LineRow = LineFacts & { id: number; msisdn: string };

/**
 * A line within `scope` with what the rules need about its holder's other lines (live lines under
 * the same document number), in one query. The holder's other lines count wherever they are.
 */
export async function findLine(db: Kysely<DB>, by: { msisdn: string } | { id: number }, scope: Scope): Promise<LineRow | undefined> {
  const query = db
    .selectFrom('subscribers as s')
    .select((eb) => [
      's.id',
      's.msisdn',
      's.line_class',
      's.holder_kind',
      's.lock_level',
      's.document_type',
      's.document_number',
      's.full_name',
      's.birth_date',
      's.imei',
      's.verification_required_reason',
      eb
        .selectFrom('subscribers as o')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('o.document_number', '=', 's.document_number')
        .where('o.lock_level', '!=', 'terminated')
        .as('person_lines'),
      eb
        .selectFrom('subscribers as o')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('o.document_number', '=', 's.document_number')
        .where('o.lock_level', '!=', 'terminated')
        .where('o.line_class', '=', 'h2h')
        .where((w) =>
          w.or([
            w('o.registered_at', '<', w.ref('s.registered_at')),
            w.and([w('o.registered_at', '=', w.ref('s.registered_at')), w('o.id', '<', w.ref('s.id'))]),
          ]),
        )
        .as('earlier_h2h'),
    ]);
  const row = await ('msisdn' in by ? query.where('s.msisdn', '=', by.msisdn) : query.where('s.id', '=', by.id))
    .where(inScope(scope, subscriberScope('s')))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: Number(row.id),
    msisdn: row.msisdn,
    lineClass: row.line_class,
    holderKind: row.holder_kind,
    lockLevel: row.lock_level,
    documentType: row.document_type,
    documentNumber: row.document_number,
    fullName: row.full_name,
    birthDate: row.birth_date,
    imei: row.imei,
    requiredReason: row.verification_required_reason,
    personLines: Number(row.person_lines ?? 0),
    earlierH2hLines: Number(row.earlier_h2h ?? 0),
  };
}

export type NewAttempt = Insertable<VerificationAttemptTable>;
export type AttemptRow = Selectable<VerificationAttemptTable>;

/** Keeps one attempt; returns its id. */
export async function insertAttempt(db: Kysely<DB>, attempt: NewAttempt): Promise<number> {
  const row = await db.insertInto('verification_attempts').values(attempt).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Pending attempts due for a retry, oldest first. */
export function listDuePending(db: Kysely<DB>, now: string, limit: number): Promise<AttemptRow[]> {
  return db
    .selectFrom('verification_attempts')
    .selectAll()
    .where('outcome', '=', 'pending')
    .where('resolved_at', 'is', null)
    .where('next_retry_at', '<=', now)
    .orderBy('next_retry_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Settles a pending attempt: erases the identity kept for the retry. False when another run
 * settled it first, so the caller writes nothing more.
 */
export async function settlePending(db: Kysely<DB>, id: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('verification_attempts')
    .set({ resolved_at: at, retry_claim: null, next_retry_at: null })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the line still has an attempt waiting for the national service. */
export async function hasPendingAttempt(db: Kysely<DB>, subscriberId: number): Promise<boolean> {
  const row = await db
    .selectFrom('verification_attempts')
    .select('id')
    .where('subscriber_id', '=', subscriberId)
    .where('outcome', '=', 'pending')
    .where('resolved_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Counts one more failed try of a pending attempt and schedules the next. */
export async function postponePending(db: Kysely<DB>, id: number, nextAt: string): Promise<void> {
  await db
    .updateTable('verification_attempts')
    .set((eb) => ({ retry_count: eb('retry_count', '+', 1), next_retry_at: nextAt }))
    .where('id', '=', id)
    .execute();
}

/** Attempts of a line, newest first. */
export function listAttemptsOf(db: Kysely<DB>, subscriberId: number): Promise<AttemptRow[]> {
  return db
    .selectFrom('verification_attempts')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .orderBy('id', 'desc')
    .execute();
}

/** Requests admitted since an instant: from one client address, or on one line through one kind of channel. */
export async function countRequestsSince(
  db: Kysely<DB>,
  by: { client: string } | { subscriberId: number; attended: boolean },
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom('verification_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$call((q) =>
      'client' in by ? q.where('client', '=', by.client) : q.where('subscriber_id', '=', by.subscriberId).where('attended', '=', by.attended ? 1 : 0),
    )
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertRequest(db: Kysely<DB>, row: Insertable<VerificationRequestTable>): Promise<void> {
  await db.insertInto('verification_requests').values(row).execute();
}

/**
 * Forgets a client's requests no window counts any more. Only the client's own rows: the caller
 * holds the client's key, so two transactions never delete the same rows.
 */
export async function forgetClientRequests(db: Kysely<DB>, client: string, before: string): Promise<void> {
  await db.deleteFrom('verification_requests').where('client', '=', client).where('at', '<=', before).execute();
}

/** Whether an audit row of this action and subject was written after `since`. */
export async function auditedSince(
  db: Kysely<DB>,
  entry: { action: string; subjectType: string; subjectId: string },
  since: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', entry.action)
    .where('subject_type', '=', entry.subjectType)
    .where('subject_id', '=', entry.subjectId)
    .where('at', '>', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The face results of a line's attempts since it was last verified at a desk, oldest first. */
export async function faceResultsSinceDeskSuccess(
  db: Kysely<DB>,
  subscriberId: number,
  deskChannels: readonly VerificationChannel[],
): Promise<FieldResult[]> {
  const rows = await db
    .selectFrom('verification_attempts')
    .select('face_result')
    .where('subscriber_id', '=', subscriberId)
    .where('face_result', 'in', ['match', 'no_match'])
    .$if(deskChannels.length > 0, (q) =>
      q.where((eb) =>
        eb(
          'id',
          '>',
          eb.fn.coalesce(
            eb
              .selectFrom('verification_attempts')
              .select((m) => m.fn.max('id').as('last'))
              .where('subscriber_id', '=', subscriberId)
              .where('outcome', '=', 'verified')
              .where('channel', 'in', deskChannels),
            eb.lit(0),
          ),
        ),
      ),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => r.face_result as FieldResult);
}
