/** `/figures` (under `/api/v1`): the campaign's live figures within the caller's scope. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../access/index.ts';
import { problemSchema } from '../schemas/problem.ts';
import { readDimensions } from '../schemas/count-query.ts';
import { figuresAnswer, figuresQuery, projectionAnswer, projectionQuery } from './figures.schema.ts';
import { projectionView } from './projection.service.ts';
import { figuresView, type FigureDimension } from './figures.service.ts';

export const figuresRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    '',
    {
      config: { access: 'figures.read' },
      schema: {
        tags: ['figures'],
        summary: 'Số liệu trực tiếp của chiến dịch theo xã, nhà mạng, ngày hoặc tuần (trong phạm vi của người xem)',
        querystring: figuresQuery,
        response: { 200: figuresAnswer, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    (req) =>
      figuresView(app.db.kysely, app.clock, {
        by: readDimensions<FigureDimension>(req.query.by, []),
        from: req.query.from,
        to: req.query.to,
        scope: principalOf(req).scope,
      }),
  );
  app.get(
    '/projection',
    {
      config: { access: 'figures.read' },
      schema: {
        tags: ['figures'],
        summary: 'Dự báo theo tốc độ 7 ngày gần nhất: tỷ lệ vào ngày cuối, ngày đạt 100%, số cần mỗi ngày; giả định thêm điểm lưu động',
        querystring: projectionQuery,
        response: { 200: projectionAnswer, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    (req) =>
      projectionView(app.db.kysely, app.clock, {
        scope: principalOf(req).scope,
        ...(req.query.commune !== undefined ? { commune: req.query.commune } : {}),
        ...(req.query.extraPointCommune !== undefined && req.query.extraPointDays !== undefined
          ? { extraPoint: { communeCode: req.query.extraPointCommune, days: req.query.extraPointDays } }
          : {}),
      }),
  );
  return Promise.resolve();
};
