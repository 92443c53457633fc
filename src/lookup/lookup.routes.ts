import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../access/index.ts';
import { problemSchema } from '../schemas/problem.ts';
import { lineParams, lineSearch, lookupAnswer, personSearch, revealBody } from './lookup.schema.ts';
import { lookupLine, lookupPerson } from './lookup.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/**
 * The look-up (register under `/api/v1`), bound to the signed-in principal and its scope: search
 * by a number or a document in the body, read a line by its id, masked; `POST /lines/:id/reveal`
 * answers in clear with a stated reason, audit-logged.
 */
export const lookupRoutes: FastifyPluginAsyncZod = (app) => {
  const tags = ['lookup'];
  const options = () => ({ reference: app.reference, now: () => app.clock.now() });
  app.post(
    '/lines/search',
    {
      config: { access: 'subscriber.lookup' },
      schema: { tags, summary: 'Tra cứu một thuê bao theo số', body: lineSearch, response: { 200: lookupAnswer, ...errors } },
    },
    (req) => lookupLine(app.db, principalOf(req), { msisdn: req.body.msisdn }, options()),
  );
  app.post(
    '/persons/search',
    {
      config: { access: 'subscriber.lookup' },
      schema: { tags, summary: 'Tra cứu các thuê bao của một người theo số giấy tờ', body: personSearch, response: { 200: lookupAnswer, ...errors } },
    },
    (req) => lookupPerson(app.db, principalOf(req), req.body.document, options()),
  );
  app.get(
    '/lines/:id',
    {
      config: { access: 'subscriber.lookup' },
      schema: { tags, summary: 'Một thuê bao theo mã (thông tin cá nhân được che)', params: lineParams, response: { 200: lookupAnswer, ...errors } },
    },
    (req) => lookupLine(app.db, principalOf(req), { id: req.params.id }, options()),
  );
  app.post(
    '/lines/:id/reveal',
    {
      config: { access: 'subscriber.reveal' },
      schema: {
        tags,
        summary: 'Hiện thông tin cá nhân của một thuê bao (cần lý do, ghi nhật ký truy cập)',
        params: lineParams,
        body: revealBody,
        response: { 200: lookupAnswer, ...errors },
      },
    },
    (req) =>
      lookupLine(app.db, principalOf(req), { id: req.params.id }, {
        ...options(),
        reveal: { reason: req.body.reason, requestId: req.id, clientAddress: req.ip },
      }),
  );
  return Promise.resolve();
};
