import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../access/index.ts';
import * as s from './roadmap.schema.ts';
import { listDueLines, previewRoadmap } from './roadmap.service.ts';
import { readAt } from './roadmap.time-option.ts';

/**
 * `GET /api/v1/roadmap/preview` (per commune and carrier: lines that will be locked or terminated
 * by a date) and `GET /api/v1/roadmap/due-lines` (the lines of one commune, masked, for the teams).
 * A date alone means the end of that day.
 */
export const roadmapRoutes: FastifyPluginAsyncZod = (app) => {
  const tags = ['roadmap'];
  app.get(
    '/preview',
    {
      config: { access: 'figures.read' },
      schema: {
        tags,
        summary: 'Dự báo số thuê bao sẽ bị khoá / chấm dứt đến một mốc thời gian, theo xã và nhà mạng',
        querystring: s.previewQuery,
        response: { 200: s.previewResponse },
      },
    },
    (req) =>
      previewRoadmap(app.db, {
        at: readAt(req.query.at, 'end_of_day', () => app.clock.now()),
        ...(req.query.commune !== undefined ? { communeCode: req.query.commune } : {}),
        scope: principalOf(req).scope,
      }),
  );
  app.get(
    '/due-lines',
    {
      config: { access: 'subscriber.lookup' },
      schema: {
        tags,
        summary: 'Danh sách thuê bao của một xã sắp bị khoá (số đã che), cho tổ công nghệ số cộng đồng',
        querystring: s.dueLinesQuery,
        response: { 200: s.dueLinesResponse },
      },
    },
    (req) =>
      listDueLines(app.db, {
        communeCode: req.query.commune,
        scope: principalOf(req).scope,
        at: readAt(req.query.at, 'end_of_day', () => app.clock.now()),
        ...(req.query.afterId !== undefined ? { afterId: req.query.afterId } : {}),
        ...(req.query.limit !== undefined ? { limit: req.query.limit } : {}),
      }),
  );
  return Promise.resolve();
};
