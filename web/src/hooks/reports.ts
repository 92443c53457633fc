import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';
import { problemOf } from '../api/problem.ts';
import type { components } from '../api/schema';
import { uploadFile } from '../api/upload.ts';
import { answeredFile } from '../download.ts';
import type { Carrier } from '../../../src/domain/reference-data.ts';

export type ReportsGridView = components['schemas']['WeeklyReportsGrid'];
export type WeeklyReportView = components['schemas']['WeeklyReport'];
export type SubmissionAnswer = components['schemas']['WeeklyReportSubmissionAnswer'];

const GRID_KEY = ['reports', 'grid'] as const;

/** Who reported which campaign week (carrier × week), within the reader's scope; off for a reader without reports.read. */
export function useReportsGrid(enabled: boolean) {
  return useQuery({ queryKey: GRID_KEY, queryFn: () => answerOf(api.GET('/api/v1/reports/weekly')), enabled, refetchInterval: 60_000 });
}

export type ReportWeekKey = { carrier: Carrier; week: number };
type Week = ReportWeekKey;
const path = ({ carrier, week }: Week) => ({ carrier, week });

/** One carrier's week: its revisions and the latest one's rows. */
export function useWeeklyReport(week: Week | null) {
  return useQuery({
    queryKey: ['reports', week?.carrier, week?.week],
    queryFn: () => answerOf(api.GET('/api/v1/reports/weekly/{carrier}/{week}', { params: { path: path(week as Week) } })),
    enabled: week !== null,
  });
}

/** After a submission or a review, the week and the grid are read again. */
function useReportChange<Input, Output>(change: (input: Input) => Promise<Output>) {
  const queries = useQueryClient();
  return useMutation({ mutationFn: change, onSuccess: () => queries.invalidateQueries({ queryKey: ['reports'] }) });
}

/** The filled template sent back; a refused one resolves with its problems (422). */
export const useReportUpload = () =>
  useReportChange(({ week, file, correctionReason }: { week: Week; file: File; correctionReason?: string }) =>
    uploadFile<SubmissionAnswer>({
      path: `/api/v1/reports/weekly/${week.carrier}/${week.week}/upload`,
      query: { fileName: file.name, correctionReason: correctionReason || undefined },
      file,
      onSent: () => undefined,
      answeredStatuses: [422],
    }),
  );

/** tttb's draft, checked by the carrier and submitted as it stands. */
export const useSubmitDraft = () =>
  useReportChange(async ({ week, correctionReason }: { week: Week; correctionReason?: string }) => {
    const draft = await answerOf(api.GET('/api/v1/reports/weekly/{carrier}/{week}/draft', { params: { path: path(week) } }));
    const rows = draft.rows.map((r) => ({ communeCode: r.communeCode, ...r.figures }));
    const { data, error, response } = await api.POST('/api/v1/reports/weekly/{carrier}/{week}', { params: { path: path(week) }, body: { rows, source: 'draft', correctionReason: correctionReason || null } });
    if (response.status === 422) return error as SubmissionAnswer;
    if (!response.ok) throw problemOf(response, error);
    return data as SubmissionAnswer;
  });

export const useReview = () =>
  useReportChange(({ week, revision, decision, comment }: { week: Week; revision: number; decision: 'accept' | 'return'; comment?: string }) =>
    answerOf(
      decision === 'accept'
        ? api.POST('/api/v1/reports/weekly/{carrier}/{week}/{revision}/accept', { params: { path: { ...path(week), revision } }, body: { comment: comment || null } })
        : api.POST('/api/v1/reports/weekly/{carrier}/{week}/{revision}/return', { params: { path: { ...path(week), revision } }, body: { comment: comment || null } }),
    ),
  );

/** The week's xlsx template, pre-filled with tttb's figures. */
export const useReportTemplate = () =>
  useMutation({
    mutationFn: (week: Week) => answeredFile(api.GET('/api/v1/reports/weekly/{carrier}/{week}/template.xlsx', { params: { path: path(week) }, parseAs: 'blob' }), `bao-cao-tuan-${week.week}-${week.carrier}.xlsx`),
  });
