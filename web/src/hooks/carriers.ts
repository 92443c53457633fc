/** The carriers' data page: how timely the lock orders were carried out, the subscriber files loaded, a file's report. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';
import { attachmentName } from '../download.ts';
import type { components } from '../api/schema';

export type LockTimeliness = components['schemas']['LockOrderTimeliness'];
export type ImportRun = components['schemas']['ImportRun'];

export function useLockTimeliness() {
  return useQuery({ queryKey: ['lock-orders', 'timeliness'], queryFn: () => answerOf(api.GET('/api/v1/lock-orders/timeliness')) });
}

export function useImportHistory() {
  return useQuery({ queryKey: ['imports'], queryFn: () => answerOf(api.GET('/api/v1/imports', { params: { query: { limit: 50 } } })) });
}

/** A run's problems workbook (every rejected row and warning) and its name. */
export function useImportReport() {
  return useMutation({
    mutationFn: async (id: number) => {
      let name = `bao-cao-nap-tep-${id}.xlsx`;
      const call = api.GET('/api/v1/imports/{id}/report.xlsx', { params: { path: { id } }, parseAs: 'blob' }).then((result) => {
        name = attachmentName(result.response) ?? name;
        return result;
      });
      return { file: await answerOf(call), name };
    },
  });
}
