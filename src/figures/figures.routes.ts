/** `/figures` (under `/api/v1`): the campaign's live figures within the caller's scope. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../access/index.ts';
import { problemSchema } from '../schemas/problem.ts';
import { readDimensions } from '../schemas/count-query.ts';
import { figuresAnswer, figuresQuery } from './figures.schema.ts';
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
  return Promise.resolve();
};
