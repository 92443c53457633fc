import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DeploymentMode } from '../db/schema.ts';
import { problemSchema } from '../schemas/problem.ts';
import { campaignToday } from './campaign-today.ts';
import { campaignTodayAnswer } from './clock.schema.ts';

export interface ClockRoutesOptions {
  /** The database's deployment mode: the web app offers a demo's simulations (the desk's simulated capture) by it. */
  mode: DeploymentMode;
}

/** `GET /campaign/today` (register with prefix `/campaign`): where today stands in the campaign, for every page's header. */
export const clockRoutes: FastifyPluginAsyncZod<ClockRoutesOptions> = (app, options) => {
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
    async () => ({ ...(await campaignToday(app.db, app.clock)), demo: options.mode === 'demo' }),
  );
  return Promise.resolve();
};
