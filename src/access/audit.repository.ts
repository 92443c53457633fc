/** The audit log's SQL: one writer for every capability, and the auditor's filtered read. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** One audited act: who (the signed-in principal's actor), what, why, when, from where. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** The reason the actor gave (reveals, exports), as typed. */
  reason?: string | null;
  requestId?: string | null;
  clientAddress?: string | null;
  details?: Record<string, unknown> | null;
}

export async function insertAuditEntry(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      reason: entry.reason ?? null,
      request_id: entry.requestId ?? null,
      client_address: entry.clientAddress ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

/** Who changed something through a request, and when: what an audited change of a record names. */
export interface AuditedChange {
  actor: string;
  now: Date;
  requestId?: string | null;
  clientAddress?: string | null;
}

/** Audits `action` on `subject` by `change`'s actor, in the caller's transaction. */
export async function auditChange(db: Kysely<DB>, change: AuditedChange, action: string, subject: { type: string; id: string }, details: Record<string, unknown>): Promise<void> {
  await insertAuditEntry(db, {
    at: change.now.toISOString(),
    actor: change.actor,
    action,
    subjectType: subject.type,
    subjectId: subject.id,
    requestId: change.requestId ?? null,
    clientAddress: change.clientAddress ?? null,
    details,
  });
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
}

/** Newest first, by id (ids grow with time), filtered; `limit` rows at most. */
export function findAuditEntries(db: Kysely<DB>, filter: AuditFilter, limit: number) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
  if (filter.actor) query = query.where('actor', '=', filter.actor);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', new Date(filter.from).toISOString());
  if (filter.to) query = query.where('at', '<', new Date(filter.to).toISOString());
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.execute();
}
