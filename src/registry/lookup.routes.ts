import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../schemas/problem.ts';
import { actorHeaders, lookupAnswer, lookupQuery } from './lookup.schema.ts';
import { lookupLine, lookupPerson } from './lookup.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema };

/**
 * `GET /lines/:msisdn` and `GET /persons/:document` (register under `/api/v1`): masked by
 * default; `?reveal=true` answers in clear and is audit-logged. Until the access capability
 * lands, the caller names itself in `X-Actor`; roles will then decide who may reveal.
 */
export const lookupRoutes: FastifyPluginAsyncZod = (app) => {
  const tags = ['registry'];
  app.get(
    '/lines/:msisdn',
    {
      config: { access: 'subscriber.lookup' },
      schema: {
        tags,
        summary: 'Tra cứu một thuê bao',
        params: z.object({ msisdn: z.string().max(32) }),
        querystring: lookupQuery,
        headers: actorHeaders,
        response: { 200: lookupAnswer, ...errors },
      },
    },
    (req) =>
      lookupLine(app.db, req.params.msisdn, { reveal: req.query.reveal, actor: req.headers['x-actor'], reference: app.reference, now: () => app.clock.now() }),
  );
  app.get(
    '/persons/:document',
    {
      config: { access: 'subscriber.lookup' },
      schema: {
        tags,
        summary: 'Tra cứu các thuê bao của một người theo số giấy tờ',
        params: z.object({ document: z.string().max(32) }),
        querystring: lookupQuery,
        headers: actorHeaders,
        response: { 200: lookupAnswer, ...errors },
      },
    },
    (req) => lookupPerson(app.db, req.params.document, { reveal: req.query.reveal, actor: req.headers['x-actor'], now: () => app.clock.now() }),
  );
  return Promise.resolve();
};
