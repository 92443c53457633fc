import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
});

/** `GET /healthz`: 200 when the service can reach its database, a 503 problem otherwise. */
export const healthRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Kiểm tra tình trạng dịch vụ và cơ sở dữ liệu',
        response: { 200: healthSchema },
      },
    },
    async (request) => {
      try {
        await sql`select 1`.execute(app.db.kysely);
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        throw new AppError('DATABASE_UNAVAILABLE');
      }
      return { status: 'ok' as const, database: app.db.dialect };
    },
  );
  return Promise.resolve();
};
