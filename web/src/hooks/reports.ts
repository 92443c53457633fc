import { useQuery } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';
import type { components } from '../api/schema';

export type ReportsGridView = components['schemas']['WeeklyReportsGrid'];

/** Who reported which campaign week (carrier × week), within the reader's scope; off for a reader without reports.read. */
export function useReportsGrid(enabled: boolean) {
  return useQuery({ queryKey: ['reports', 'grid'], queryFn: () => answerOf(api.GET('/api/v1/reports/weekly')), enabled, refetchInterval: 60_000 });
}
