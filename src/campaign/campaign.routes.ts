/** `/campaign` (under `/api/v1`): the campaign with its weeks and targets; the admin edits the targets. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../access/index.ts';
import { problemSchema } from '../schemas/problem.ts';
import { campaignAnswer, campaignBody, campaignParams, campaignSaved, targetBody, targetParams, targetView } from './campaign.schema.ts';
import { campaignView, removeTarget, setCampaign, setTarget } from './campaign.service.ts';

const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['campaign'];

export const campaignRoutes: FastifyPluginAsyncZod = (app) => {
  const change = (req: FastifyRequest) => ({ actor: principalOf(req).actor, now: app.clock.now(), requestId: req.id, clientAddress: req.ip });

  app.get(
    '',
    { config: { access: 'figures.read' }, schema: { tags, summary: 'Chiến dịch hiện tại: ngày, căn cứ, các tuần và các mục tiêu', response: { 200: campaignAnswer, ...refusals } } },
    () => campaignView(app.db, app.clock),
  );
  app.put(
    '/:code',
    {
      config: { access: 'campaign.manage' },
      schema: {
        tags,
        summary: 'Tạo chiến dịch (kèm ba mục tiêu của Thông tư) hoặc sửa tên, tỉnh, căn cứ, ngày bắt đầu và kết thúc (ghi nhật ký kiểm toán)',
        params: campaignParams,
        body: campaignBody,
        response: { 200: campaignSaved, ...refusals },
      },
    },
    (req) => setCampaign(app.db, req.params.code, req.body, change(req)),
  );
  app.put(
    '/targets/:code',
    {
      config: { access: 'campaign.manage' },
      schema: { tags, summary: 'Thêm hoặc sửa một mục tiêu của chiến dịch (ghi nhật ký kiểm toán)', params: targetParams, body: targetBody, response: { 200: targetView, ...refusals } },
    },
    (req) => setTarget(app.db, app.clock, req.params.code, req.body, change(req)),
  );
  app.delete(
    '/targets/:code',
    { config: { access: 'campaign.manage' }, schema: { tags, summary: 'Bỏ một mục tiêu của chiến dịch (ghi nhật ký kiểm toán)', params: targetParams, response: { 204: z.null().describe('Không có nội dung'), ...refusals } } },
    async (req, reply) => {
      await removeTarget(app.db, app.clock, req.params.code, change(req));
      return reply.code(204).send(null);
    },
  );
  return Promise.resolve();
};
