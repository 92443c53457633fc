/**
 * Access: people and machine clients, sign-in and sessions, the permission table's enforcement and
 * the audit log (docs/access.md). Other capabilities write audit rows through `insertAuditEntry`.
 */
export { insertAuditEntry, type AuditEntry } from './audit.repository.ts';
export { principalOf, requireAction } from './principal.ts';
