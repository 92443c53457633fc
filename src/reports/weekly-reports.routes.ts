/**
 * `/reports/weekly` (under `/api/v1`): carriers' weekly reports — the grid of who reported, a
 * week's revisions, the draft and the xlsx template from tttb's figures, a submission as JSON or
 * as the filled template, and the Department's review (docs/reports.md).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf, requireAction } from '../access/index.ts';
import { REPORT_COLUMN_CODES, type ReportFigures } from '../domain/index.ts';
import { XLSX_TYPE } from '../registry/import/import-workbooks.ts';
import { acceptFileBodies, spoolUpload } from '../registry/import/upload.ts';
import { problemSchema } from '../schemas/problem.ts';
import { readReportTemplate, reportTemplate } from './report-workbook.ts';
import {
  draftAnswer,
  gridAnswer,
  reviewBody,
  revisionParams,
  revisionView,
  submissionAnswer,
  submissionBody,
  uploadQuery,
  weekAnswer,
  weekParams,
  weekQuery,
} from './weekly-reports.schema.ts';
import { draftReport, reportOfWeek, reportsGrid, reviewReport, submitReport, type SubmissionAnswer } from './weekly-reports.service.ts';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['reports'];
/** A filled template of 102 communes is some 30 kB; this leaves room for a workbook someone added sheets to. */
export const MAX_REPORT_UPLOAD_BYTES = 10 * 1024 ** 2;

export const weeklyReportRoutes: FastifyPluginAsyncZod = (app) => {
  acceptFileBodies(app);
  const change = (req: FastifyRequest) => ({ principal: principalOf(req), now: app.clock.now(), requestId: req.id, clientAddress: req.ip });
  // A refused report is an answer the caller reads row by row, with its own status.
  const answer = (reply: FastifyReply, result: SubmissionAnswer) => reply.code(result.state === 'refused' ? 422 : 200).send(result);
  const submitted = { 200: submissionAnswer, 422: submissionAnswer, 409: problemSchema, ...refusals };

  app.get(
    '',
    { config: { access: 'reports.read' }, schema: { tags, summary: 'Tình hình nộp báo cáo tuần: mỗi nhà mạng × tuần (đúng hạn, muộn, chưa nộp) và số đã duyệt', response: { 200: gridAnswer, ...refusals } } },
    (req) => reportsGrid(app.db, app.clock, principalOf(req).scope),
  );
  app.get(
    '/:carrier/:week',
    {
      config: { access: 'reports.read' },
      schema: { tags, summary: 'Báo cáo tuần của một nhà mạng: hạn nộp, các lần nộp, số liệu một lần nộp bên cạnh số liệu của tttb', params: weekParams, querystring: weekQuery, response: { 200: weekAnswer, ...refusals } },
    },
    (req) => reportOfWeek(app.db, app.clock, principalOf(req).scope, req.params.carrier, req.params.week, req.query.revision),
  );
  app.get(
    '/:carrier/:week/draft',
    { config: { access: 'reports.submit' }, schema: { tags, summary: 'Bản nháp báo cáo tuần lập từ số liệu của tttb, để nhà mạng kiểm tra, bổ sung rồi nộp', params: weekParams, response: { 200: draftAnswer, ...refusals } } },
    (req) => draftReport(app.db, app.clock, principalOf(req).scope, req.params.carrier, req.params.week),
  );
  app.get(
    '/:carrier/:week/template.xlsx',
    { config: { access: 'reports.submit' }, schema: { tags, summary: 'Mẫu báo cáo tuần (xlsx) điền sẵn số liệu của tttb', params: weekParams, response: { 200: z.any().describe('Tệp xlsx'), ...refusals } } },
    async (req, reply) => {
      const draft = await draftReport(app.db, app.clock, principalOf(req).scope, req.params.carrier, req.params.week);
      const file = await reportTemplate({ campaignCode: draft.campaignCode, carrier: draft.carrier, week: draft.week, dueAt: draft.dueAt }, draft.rows);
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="bao-cao-tuan-${draft.week.week}-${draft.carrier}.xlsx"`).send(file);
    },
  );
  app.post(
    '/:carrier/:week',
    { config: { access: 'reports.submit' }, schema: { tags, summary: 'Nộp báo cáo tuần (JSON): một lần nộp mới, kiểm tra toàn bộ, có lỗi thì không nộp', params: weekParams, body: submissionBody, response: submitted } },
    async (req, reply) => {
      const rows = req.body.rows.map((r, i) => ({
        row: i + 1,
        communeCode: r.communeCode,
        figures: Object.fromEntries(REPORT_COLUMN_CODES.map((c) => [c, r[c]])) as ReportFigures,
        comment: r.comment ?? null,
      }));
      return answer(reply, await submitReport(app.db, app.clock, req.params.carrier, req.params.week, { rows, source: req.body.source, sheet: null, correctionReason: req.body.correctionReason ?? null }, change(req)));
    },
  );
  app.post(
    '/:carrier/:week/upload',
    {
      config: { access: 'reports.submit' },
      bodyLimit: MAX_REPORT_UPLOAD_BYTES,
      schema: { tags, summary: 'Nộp báo cáo tuần bằng mẫu xlsx đã điền (thân yêu cầu là tệp): lỗi chỉ rõ trang, hàng, cột', params: weekParams, querystring: uploadQuery, response: { ...submitted, 413: problemSchema, 415: problemSchema } },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      requireAction(principal, 'reports.submit');
      const draft = await draftReport(app.db, app.clock, principal.scope, req.params.carrier, req.params.week);
      const spooled = await spoolUpload(req, MAX_REPORT_UPLOAD_BYTES);
      try {
        const fileName = req.query.fileName ?? 'bao-cao-tuan.xlsx';
        const read = await readReportTemplate(spooled.path, fileName, { campaignCode: draft.campaignCode, carrier: draft.carrier, week: draft.week, dueAt: draft.dueAt });
        const located = (p: SubmissionAnswer['problems'][number]) => ({ ...p, cell: p.cell ?? (p.row === null ? null : read.cellOf(p.row, p.column)) });
        if (read.problems.length > 0) return answer(reply, { state: 'refused', revision: null, warnings: [], problems: read.problems.map(located) });
        const result = await submitReport(app.db, app.clock, req.params.carrier, req.params.week, { rows: read.rows, source: 'xlsx', sheet: read.sheet, correctionReason: req.query.correctionReason ?? null }, change(req));
        return answer(reply, { ...result, warnings: result.warnings.map(located), problems: result.problems.map(located) } as SubmissionAnswer);
      } finally {
        spooled.remove();
      }
    },
  );
  for (const decision of ['accept', 'return'] as const) {
    app.post(
      `/:carrier/:week/:revision/${decision}`,
      {
        config: { access: 'reports.review' },
        schema: {
          tags,
          summary: decision === 'accept' ? 'Sở chấp nhận một lần nộp đang chờ duyệt (báo cáo được khoá)' : 'Sở trả lại một lần nộp đang chờ duyệt, kèm lý do',
          params: revisionParams,
          body: reviewBody,
          response: { 200: revisionView, 409: problemSchema, ...refusals },
        },
      },
      (req) => reviewReport(app.db, app.clock, req.params.carrier, req.params.week, req.params.revision, { decision, comment: req.body.comment ?? null }, change(req)),
    );
  }
  return Promise.resolve();
};
