/** The auditor's view of the audit log: filtered pages, and a CSV export that is itself audited. */
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db/open.ts';
import type { Principal } from '../domain/index.ts';
import { findAuditEntries, insertAuditEntry, type AuditFilter } from './audit.repository.ts';

type AuditRow = Awaited<ReturnType<typeof findAuditEntries>>[number];

function entryView(row: AuditRow) {
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    reason: row.reason,
    requestId: row.request_id,
    clientAddress: row.client_address,
    details: row.details,
  };
}

export async function listAudit(db: Database, filter: AuditFilter, limit: number) {
  const rows = await findAuditEntries(db.kysely, filter, limit + 1);
  const entries = rows.slice(0, limit).map(entryView);
  return { entries, nextBefore: rows.length > limit ? (entries.at(-1)?.id ?? null) : null };
}

/** The most rows one export holds; a larger period is exported in parts. */
export const AUDIT_EXPORT_LIMIT = 100_000;

/**
 * The filtered log as CSV (UTF-8 with a BOM, so Excel reads Vietnamese right). The export is
 * written to the log first, with who, why and the filter: no row, no export.
 */
export async function exportAudit(
  db: Database,
  principal: Principal,
  request: { filter: AuditFilter; reason: string; requestId: string; clientAddress: string; now: Date },
): Promise<string> {
  await insertAuditEntry(db.kysely, {
    at: request.now.toISOString(),
    actor: principal.actor,
    action: 'audit.export',
    subjectType: 'audit_log',
    subjectId: null,
    reason: request.reason,
    requestId: request.requestId,
    clientAddress: request.clientAddress,
    details: { filter: request.filter },
  });
  const rows = (await findAuditEntries(db.kysely, request.filter, AUDIT_EXPORT_LIMIT)).map(entryView);
  const header = ['id', 'thời điểm', 'người thực hiện', 'hành động', 'loại đối tượng', 'đối tượng', 'lý do', 'mã yêu cầu', 'địa chỉ máy', 'chi tiết'];
  const body = rows.map((r) => [r.id, r.at, r.actor, r.action, r.subjectType, r.subjectId, r.reason, r.requestId, r.clientAddress, r.details]);
  // A cell starting with = + - @ would run as a formula in Excel: quote it as text.
  const safe = body.map((cells) => cells.map((c) => (typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
  return '\uFEFF' + stringify([header, ...safe]);
}
