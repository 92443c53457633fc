import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../schemas/problem.ts';
import { auditExportQuery, auditPage, auditQuery } from './access.schema.ts';
import { exportAudit, listAudit } from './audit.service.ts';
import { principalOf } from './principal.ts';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema };
const tags = ['access'];
const config = { access: 'audit.read' } as const;

/** `/audit` (under `/api/v1`): the auditor's view of the audit log and its export. */
export const auditRoutes: FastifyPluginAsyncZod = (app) => {
  app.get('', { config, schema: { tags, summary: 'Nhật ký kiểm toán (mới nhất trước)', querystring: auditQuery, response: { 200: auditPage, ...refusals } } }, (req) => {
    const { limit, ...filter } = req.query;
    return listAudit(app.db, filter, limit);
  });
  app.get(
    '/export',
    { config, schema: { tags, summary: 'Xuất nhật ký kiểm toán (CSV; việc xuất cũng được ghi nhật ký)', querystring: auditExportQuery, response: { 200: z.string().describe('CSV, UTF-8 có BOM'), ...refusals } } },
    async (req, reply) => {
      const { reason, ...filter } = req.query;
      const csv = await exportAudit(app.db, principalOf(req), { filter, reason, requestId: req.id, clientAddress: req.ip, now: app.clock.now() });
      const day = app.clock.now().toISOString().slice(0, 10);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="nhat-ky-${day}.csv"`).send(csv);
    },
  );
  return Promise.resolve();
};
