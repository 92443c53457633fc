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
