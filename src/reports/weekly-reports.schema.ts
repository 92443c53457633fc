/** Requests and answers of the weekly reports' routes (zod → validation, types and OpenAPI). */
import { z } from 'zod';
import { CARRIERS, REPORT_COLUMN_CODES, REPORT_COLUMNS } from '../domain/index.ts';
import { MAX_COMMENT_LENGTH } from './report-rows.ts';

const count = z.number().int();
const figure = z.number().int('số nguyên').min(0, 'không âm').max(Number.MAX_SAFE_INTEGER);

export const weekParams = z.object({
  carrier: z.enum(CARRIERS),
  week: z.coerce.number().int().min(1).max(60),
});

export const revisionParams = weekParams.extend({ revision: z.coerce.number().int().min(1).max(100_000) });

export const weekQuery = z.object({ revision: z.coerce.number().int().min(1).max(100_000).optional().describe('Một lần nộp; mặc định lần mới nhất') }).strict();

const figures = z
  .object(Object.fromEntries(REPORT_COLUMNS.map((c) => [c.code, figure.describe(`${c.label}: ${c.help}`)])) as Record<(typeof REPORT_COLUMN_CODES)[number], typeof figure>)
  .strict();
const registryFigures = z
  .object(Object.fromEntries(REPORT_COLUMN_CODES.map((c) => [c, count.optional()])) as Record<(typeof REPORT_COLUMN_CODES)[number], z.ZodOptional<typeof count>>)
  .describe('Số liệu của hệ thống tttb cho các cột tttb đếm được (chứng thư chưa có)');

const weekView = z.object({ week: count, startsOn: z.string(), endsOn: z.string(), partial: z.boolean() });

export const submissionBody = z
  .object({
    rows: z
      .array(z.object({ communeCode: z.string().max(20), ...figures.shape, comment: z.string().max(MAX_COMMENT_LENGTH).nullable().optional() }).strict())
      .max(1_000)
      .describe('Mỗi xã, phường, đặc khu của tỉnh một dòng'),
    source: z.enum(['api', 'draft']).default('api').describe('draft: nhà mạng đã kiểm tra và nộp bản nháp tttb lập sẵn'),
    correctionReason: z.string().trim().max(1_000).nullable().optional().describe('Bắt buộc khi đính chính một báo cáo đã được chấp nhận'),
  })
  .strict()
  .meta({ id: 'WeeklyReportSubmission' });

export const uploadQuery = z
  .object({
    fileName: z.string().max(255).optional(),
    correctionReason: z.string().trim().max(1_000).optional(),
  })
  .strict();

export const reviewBody = z.object({ comment: z.string().trim().max(1_000).nullable().optional() }).strict();

const problem = z.object({
  sheet: z.string().nullable(),
  row: count.nullable().describe('Hàng trong trang tính; với JSON là thứ tự dòng (từ 1)'),
  communeCode: z.string().nullable(),
  column: z.string().nullable(),
  cell: z.string().nullable().optional().describe('Ô trong trang tính, ví dụ D7'),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
});

export const revisionView = z
  .object({
    revision: count,
    status: z.enum(['submitted', 'superseded', 'accepted', 'returned']).describe('submitted: chờ duyệt; superseded: đã có lần nộp mới hơn; accepted: đã chấp nhận (khoá); returned: trả lại'),
    source: z.enum(['api', 'xlsx', 'draft']),
    submittedAt: z.string(),
    submittedBy: z.string(),
    dueAt: z.string(),
    onTime: z.boolean(),
    correctionReason: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewedBy: z.string().nullable(),
    reviewComment: z.string().nullable(),
  })
  .meta({ id: 'WeeklyReportRevision' });

export const submissionAnswer = z
  .object({
    state: z.enum(['submitted', 'refused']),
    revision: revisionView.nullable(),
    warnings: z.array(problem).describe('Cảnh báo đã có ghi chú giải thích'),
    problems: z.array(problem).describe('Lỗi: báo cáo chưa được nộp'),
  })
  .meta({ id: 'WeeklyReportSubmissionAnswer' });

const rowView = z.object({ communeCode: z.string(), communeName: z.string().nullable(), figures, comment: z.string().nullable(), registry: registryFigures });

export const draftAnswer = z.object({ campaignCode: z.string(), carrier: z.string(), week: weekView, dueAt: z.string(), rows: z.array(rowView) }).meta({ id: 'WeeklyReportDraft' });

const timeliness = z.enum(['not_ended', 'awaiting', 'on_time', 'late', 'missing']).describe('not_ended: tuần chưa hết; awaiting: chưa đến hạn; on_time / late: lần nộp đầu đúng hạn / muộn; missing: quá hạn chưa nộp');

export const weekAnswer = z
  .object({
    carrier: z.string(),
    week: weekView,
    dueAt: z.string(),
    timeliness,
    revisions: z.array(revisionView),
    shown: revisionView.extend({ rows: z.array(rowView) }).nullable(),
  })
  .meta({ id: 'WeeklyReport' });

export const gridAnswer = z
  .object({
    asOf: z.string(),
    weeks: z.array(weekView.extend({ dueAt: z.string() })),
    carriers: z.array(
      z.object({
        carrier: z.string(),
        expected: count.describe('Tuần đã quá hạn nộp, và tuần đã nộp trước hạn'),
        received: count,
        onTime: count,
        late: count,
        missing: count,
        weeks: z.array(z.object({ week: count, timeliness, status: revisionView.shape.status.nullable(), revisions: count, firstSubmittedAt: z.string().nullable() })),
      }),
    ),
  })
  .meta({ id: 'WeeklyReportsGrid' });
