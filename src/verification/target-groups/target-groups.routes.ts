import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../access/index.ts';
import { dimensionsOf, targetGroupCountsQuery, targetGroupCountsResponse } from './target-groups.schema.ts';
import { countTargetGroups } from './target-groups.service.ts';

/** `GET /api/v1/target-groups/counts?by=commune,carrier,group`: member lines of the target groups. */
export const targetGroupRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    '/counts',
    {
      config: { access: 'figures.read' },
      schema: {
        tags: ['target-groups'],
        summary: 'Số thuê bao thuộc các nhóm đối tượng, theo xã, nhà mạng, nhóm',
        querystring: targetGroupCountsQuery,
        response: { 200: targetGroupCountsResponse },
      },
    },
    async (req) => {
      const by = dimensionsOf(req.query);
      return { by, items: await countTargetGroups(app.db, { by, scope: principalOf(req).scope }) };
    },
  );
  return Promise.resolve();
};
