/**
 * `/statistics` (under `/api/v1`): the official statistics' versions — the statistics office's
 * table uploaded as a new version, and the list of versions (docs/imports.md, "Official statistics").
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf, requireAction } from '../../access/index.ts';
import { problemSchema } from '../../schemas/problem.ts';
import { acceptFileBodies, spoolUpload } from '../import/upload.ts';
import { importStatisticsFile } from './statistics-import.service.ts';
import { listVersions, versionView } from './statistics.repository.ts';
import { statisticsImportReport, statisticsUploadQuery, versionList, versionsQuery } from './statistics.schema.ts';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema };
const tags = ['registry'];
/** A table of 102 communes is a few kB; this leaves room for a workbook with other sheets. */
export const MAX_STATISTICS_UPLOAD_BYTES = 20 * 1024 ** 2;

export const statisticsRoutes: FastifyPluginAsyncZod = (app) => {
  acceptFileBodies(app);

  app.post(
    '',
    {
      config: { access: 'statistics.load' },
      bodyLimit: MAX_STATISTICS_UPLOAD_BYTES,
      schema: {
        tags,
        summary: 'Nạp bảng số liệu dân số theo xã của cơ quan thống kê thành một phiên bản mới (thân yêu cầu là tệp CSV hoặc xlsx)',
        querystring: statisticsUploadQuery,
        response: { 200: statisticsImportReport, 409: problemSchema, 413: problemSchema, 415: problemSchema, 422: problemSchema, ...refusals },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      requireAction(principal, 'statistics.load');
      const spooled = await spoolUpload(req, MAX_STATISTICS_UPLOAD_BYTES);
      try {
        return await importStatisticsFile(app.db, {
          path: spooled.path,
          fileName: req.query.fileName ?? `upload.${spooled.format ?? 'bin'}`,
          source: req.query.source,
          publishedOn: req.query.published,
          ...(req.query.effective ? { effectiveFrom: req.query.effective } : {}),
          dryRun: req.query.dryRun,
          actor: principal.actor,
          now: app.clock.now(),
        });
      } finally {
        spooled.remove();
      }
    },
  );

  app.get(
    '',
    { config: { access: 'figures.read' }, schema: { tags, summary: 'Các phiên bản số liệu thống kê (ngày áp dụng mới nhất trước)', querystring: versionsQuery, response: { 200: versionList, ...refusals } } },
    async (req) => ({ versions: (await listVersions(app.db, req.query.limit)).map(versionView) }),
  );
  return Promise.resolve();
};
