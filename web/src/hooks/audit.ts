/** The auditor's reading of the audit log: filtered pages, newest first, and the CSV export (itself audited). */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';
import { answeredFile } from '../download.ts';
import type { components, paths } from '../api/schema';

export type AuditEntry = components['schemas']['AuditEntry'];
type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;
/** Who, what and when (ISO instants): the page and the export take the same filter. */
export type AuditFilter = Pick<AuditQuery, 'actor' | 'action' | 'from' | 'to'>;

export const AUDIT_PAGE_SIZE = 50;

/** One page of the filtered log: the newest rows, or those older than `before` (the previous page's `nextBefore`). */
export function useAuditPage(filter: AuditFilter, before: number | undefined) {
  return useQuery({
    queryKey: ['audit', filter, before],
    queryFn: () => answerOf(api.GET('/api/v1/audit', { params: { query: { ...filter, before, limit: AUDIT_PAGE_SIZE } } })),
    // The rows stay on screen while the next page loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });
}

/** The filtered log as a CSV file and its name (the service's day), with the reason the auditor gives (written to the log before the export). */
export function useAuditExport() {
  return useMutation({
    mutationFn: (query: AuditFilter & { reason: string }) => answeredFile(api.GET('/api/v1/audit/export', { params: { query }, parseAs: 'blob' }), 'nhat-ky.csv'),
  });
}
