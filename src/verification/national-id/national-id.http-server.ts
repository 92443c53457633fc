/**
 * A stand-in for the national verification endpoint: serves docs/national-id-contract.md backed
 * by any NationalIdService (normally the simulator). The demo runs it, and the HTTP client's tests
 * talk to it over real TCP.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyReply } from 'fastify';
import { MAX_BATCH_SIZE, type NationalIdService } from './national-id.port.ts';
import { batchRequestSchema, describeProblems, verifyRequestSchema } from './national-id.schema.ts';

export interface NationalIdServerOptions {
  service: NationalIdService;
  /** When set, requests must carry `Authorization: Bearer <apiToken>`. */
  apiToken?: string;
}

// A full batch of 10,000 records is about 1.5 MB of JSON.
const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

/** The contract's routes as a Fastify plugin, for mounting in a larger app. */
export const nationalIdRoutes: FastifyPluginAsync<NationalIdServerOptions> = (app, { service, apiToken }) => {
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (apiToken !== undefined && request.headers.authorization !== `Bearer ${apiToken}`) {
      return sendProblem(reply, 401, 'unauthorized', 'Missing or wrong API token');
    }
  });

  // Malformed JSON and oversize bodies: the same problem format as every other refusal.
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    return sendProblem(reply, status, status === 500 ? 'internal_error' : 'invalid_request', status === 500 ? 'Internal error' : error.message);
  });

  app.post('/v1/verify', async (request, reply) => {
    const parsed = verifyRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendProblem(reply, 400, 'invalid_request', 'Invalid request', describeProblems(parsed.error));
    const outcome = await service.verify(parsed.data);
    if (outcome.status === 'unavailable') return sendUnavailable(reply, outcome.reason);
    const { status: _answered, ...answer } = outcome;
    return answer;
  });

  app.post('/v1/verify-batch', async (request, reply) => {
    const body = request.body as { records?: unknown } | null;
    if (Array.isArray(body?.records) && body.records.length > MAX_BATCH_SIZE) {
      return sendProblem(reply, 413, 'batch_too_large', `A batch carries at most ${MAX_BATCH_SIZE} records`);
    }
    const parsed = batchRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendProblem(reply, 400, 'invalid_request', 'Invalid request', describeProblems(parsed.error));
    const outcome = await service.verifyBatch(parsed.data.records);
    if (outcome.status === 'unavailable') return sendUnavailable(reply, outcome.reason);
    return { results: outcome.results };
  });
  return Promise.resolve();
};

/** A standalone server of the contract; call `listen({ host: '127.0.0.1', port: 0 })` on it. */
export async function buildNationalIdServer(options: NationalIdServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // The caller's request id (the same on every retry) names the request in our logs too.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  await app.register(nationalIdRoutes, options);
  return app;
}

function sendUnavailable(reply: FastifyReply, reason: string): FastifyReply {
  // The upstream (population database) is down: 503 tells clients to retry later.
  void reply.header('retry-after', '1');
  return sendProblem(reply, 503, 'unavailable', `Verification temporarily unavailable (${reason})`);
}

function sendProblem(reply: FastifyReply, status: number, code: string, title: string, problems?: string[]): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', status, code, title, ...(problems ? { problems } : {}) });
}
