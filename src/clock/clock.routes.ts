import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../schemas/problem.ts';
import { campaignToday } from './campaign-today.ts';
import { campaignTodayAnswer } from './clock.schema.ts';

/** `GET /campaign/today` (register with prefix `/campaign`): where today stands in the campaign, for every page's header. */
export const clockRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    '/today',
    {
      config: { access: 'public' },
      schema: {
        tags: ['campaign'],
        summary: 'Hôm nay là ngày thứ mấy của chiến dịch, còn bao nhiêu ngày (giờ Việt Nam)',
        response: { 200: campaignTodayAnswer, 404: problemSchema },
      },
    },
    () => campaignToday(app.db, app.clock),
  );
  return Promise.resolve();
};
