/** The carriers' data page: how timely the lock orders were carried out, the subscriber files loaded, a file's report. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';
import { uploadFile } from '../api/upload.ts';
import { answeredFile } from '../download.ts';
import type { components, paths } from '../api/schema';

export type LockTimeliness = components['schemas']['LockOrderTimeliness'];
export type ImportRun = components['schemas']['ImportRun'];
export type ImportReport = components['schemas']['ImportReport'];
export type ImportQuery = NonNullable<paths['/api/v1/imports/subscribers']['post']['parameters']['query']>;

export function useLockTimeliness() {
  return useQuery({ queryKey: ['lock-orders', 'timeliness'], queryFn: () => answerOf(api.GET('/api/v1/lock-orders/timeliness')) });
}

/** The history; polled every second while `following` (a file of this page is being loaded). */
export function useImportHistory(following = false) {
  return useQuery({
    queryKey: ['imports'],
    queryFn: () => answerOf(api.GET('/api/v1/imports', { params: { query: { limit: 50 } } })),
    refetchInterval: following ? 1000 : false,
  });
}

/** Sends a subscriber file (the body is the file) and answers the run's report; `sent` is the upload's progress. */
export function useSubscriberUpload() {
  const queries = useQueryClient();
  const [sent, setSent] = useState<{ bytes: number; total: number } | null>(null);
  const mutation = useMutation({
    mutationFn: ({ file, query }: { file: File; query: ImportQuery }) => {
      setSent({ bytes: 0, total: file.size });
      return uploadFile<ImportReport>({ path: '/api/v1/imports/subscribers', query: { ...query, fileName: file.name }, file, onSent: (bytes, total) => setSent({ bytes, total }) });
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['imports'] }),
  });
  return { ...mutation, sent };
}

/** A run's problems workbook (every rejected row and warning) and its name. */
export function useImportReport() {
  return useMutation({
    mutationFn: (id: number) => answeredFile(api.GET('/api/v1/imports/{id}/report.xlsx', { params: { path: { id } }, parseAs: 'blob' }), `bao-cao-nap-tep-${id}.xlsx`),
  });
}

/** The subscriber file's template, xlsx (with its instructions sheet) or CSV. */
export function useImportTemplate() {
  return useMutation({
    mutationFn: (format: 'xlsx' | 'csv') => answeredFile(api.GET('/api/v1/imports/subscribers/template', { params: { query: { format } }, parseAs: 'blob' }), `mau-tep-thue-bao.${format}`),
  });
}
