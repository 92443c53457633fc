/**
 * `/imports` (under `/api/v1`): carriers' subscriber files — the template, a streamed upload, the
 * history and each run's row report (docs/imports.md).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf, requireAction } from '../../access/index.ts';
import { problemSchema } from '../../schemas/problem.ts';
import { csvTemplate, problemsWorkbook, XLSX_TYPE, xlsxTemplate } from './import-workbooks.ts';
import { importDetail, importIdParam, importList, importQuery, importReport, listQuery, templateQuery } from './imports.schema.ts';
import { carrierToLoad, getImport, listImports, reportOf } from './imports.service.ts';
import type { ImportRun } from './subscriber-import.repository.ts';
import { subscriberImportDependencies } from './subscriber-import.dependencies.ts';
import { importSubscriberFile } from './subscriber-import.service.ts';
import { ImportsInProgress } from './imports-in-progress.ts';
import { acceptFileBodies, spoolUpload } from './upload.ts';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['registry'];
const read = { access: 'imports.read' } as const;
const load = { access: 'imports.load' } as const;
/** An upload larger than this is refused while it streams: a 6-million-line CSV is about 0.8 GB. */
export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;
/** A file answer (xlsx or CSV bytes): Fastify sends buffers and streams as they are. */
const fileAnswer = z.any().describe('Tệp');

/** Routes of the import API; the upload's body is the file itself, streamed to a temporary file. */
export const importRoutes: FastifyPluginAsyncZod = (app) => {
  acceptFileBodies(app);
  const inProgress = new ImportsInProgress();
  const view = (run: ImportRun) => ({ ...runView(run), progress: inProgress.of(run.id) });

  app.get('/subscribers/template', { config: read, schema: { tags, summary: 'Mẫu tệp thuê bao (xlsx hoặc CSV)', querystring: templateQuery, response: { 200: fileAnswer, ...refusals } } }, async (req, reply) => {
    if (req.query.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="mau-tep-thue-bao.csv"').send(csvTemplate());
    return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="mau-tep-thue-bao.xlsx"').send(await xlsxTemplate());
  });

  app.post(
    '/subscribers',
    {
      config: load,
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: { tags, summary: 'Nạp tệp thuê bao của nhà mạng (thân yêu cầu là tệp CSV hoặc xlsx)', querystring: importQuery, response: { 200: importReport, 413: problemSchema, 415: problemSchema, 409: problemSchema, ...refusals } },
    },
    async (req) => {
      const principal = principalOf(req);
      requireAction(principal, 'imports.load');
      const carrier = carrierToLoad(principal, req.query.carrier);
      const spooled = await spoolUpload(req, MAX_UPLOAD_BYTES);
      try {
        return await inProgress.track((onProgress) =>
          importSubscriberFile(subscriberImportDependencies(app.db), {
            path: spooled.path,
            fileName: req.query.fileName ?? `upload.${spooled.format ?? 'bin'}`,
            carrier,
            mode: req.query.mode,
            policy: req.query.policy,
            dryRun: req.query.dryRun,
            confirmClosures: req.query.confirmClosures,
            actor: principal.actor,
            now: () => app.clock.now(),
            onProgress,
          }),
        );
      } finally {
        spooled.remove();
      }
    },
  );

  app.get('', { config: read, schema: { tags, summary: 'Lịch sử nạp tệp (mới nhất trước)', querystring: listQuery, response: { 200: importList, ...refusals } } }, async (req) => ({
    imports: (await listImports(app.db, principalOf(req), req.query.limit)).map(view),
  }));

  app.get('/:id', { config: read, schema: { tags, summary: 'Một lần nạp tệp và các dòng bị từ chối (tối đa 200)', params: importIdParam, response: { 200: importDetail, ...refusals } } }, async (req) => {
    const { run, problems } = await getImport(app.db, principalOf(req), req.params.id, PROBLEMS_SHOWN);
    return { import: view(run), problems: problems.map((p) => ({ row: p.row, column: p.column_name, severity: p.severity, code: p.code, message: p.message })), problemsShown: PROBLEMS_SHOWN };
  });

  app.get('/:id/report.xlsx', { config: read, schema: { tags, summary: 'Báo cáo các dòng bị từ chối và cảnh báo (xlsx)', params: importIdParam, response: { 200: fileAnswer, ...refusals } } }, async (req, reply) => {
    const { run, pages } = await reportOf(app.db, principalOf(req), req.params.id);
    return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="bao-cao-nap-tep-${run.id}.xlsx"`).send(problemsWorkbook(pages));
  });
  return Promise.resolve();
};

const PROBLEMS_SHOWN = 200;

function runView(run: ImportRun) {
  return {
    id: run.id,
    carrier: run.carrier,
    mode: run.mode,
    policy: run.policy,
    fileName: run.file_name,
    fileSha256: run.file_sha256,
    fileBytes: run.file_bytes,
    format: run.format,
    encoding: run.encoding,
    actor: run.actor,
    state: run.state,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    rowsRead: run.rows_read,
    rowsStaged: run.rows_staged,
    rowsRejected: run.rows_rejected,
    rowsWarned: run.rows_warned,
    counts: { added: run.lines_added, changed: run.lines_changed, unchanged: run.lines_unchanged, closed: run.lines_closed, portedIn: run.lines_ported_in, conflicts: run.conflicts },
    outcomeCode: run.outcome_code,
  };
}
