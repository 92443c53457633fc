import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildNationalIdServer } from './national-id.http-server.ts';
import { MAX_BATCH_SIZE, type NationalIdService, type VerifyAnswer } from './national-id.port.ts';

const ANSWER: VerifyAnswer = {
  fields: { documentNumber: 'match', fullName: 'match', birthDate: 'match', face: 'not_checked' },
  faceScore: null,
  liveness: 'not_checked',
  details: { documentKind: 'personal_id', legacyDocumentKnown: false, deceased: false, name: 'exact', birthDate: 'match' },
};

const REQUEST = { documentNumber: '089090001234', fullName: 'Nguyễn Văn Hòa', birthDate: '1990-05-09', faceSample: null, liveness: null };

/** A service that answers every request the same way, so only the HTTP layer is under test. */
const fixedService = (available = true): NationalIdService => {
  const fields = { ...ANSWER.fields, face: 'not_checked' as const };
  return {
    verify: () => Promise.resolve(available ? { status: 'answered', ...ANSWER } : { status: 'unavailable', reason: 'timeout' }),
    verifyBatch: (records) =>
      Promise.resolve(
        available
          ? { status: 'answered', results: records.map((r) => ({ ref: r.ref, fields, details: ANSWER.details })) }
          : { status: 'unavailable', reason: 'timeout' },
      ),
  };
};

describe('national-ID stand-in server', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
  });
  const start = async (available = true, apiToken?: string) => {
    app = await buildNationalIdServer({ service: fixedService(available), ...(apiToken ? { apiToken } : {}) });
    return app;
  };
  const post = (server: FastifyInstance, url: string, payload: unknown, headers: Record<string, string> = {}) =>
    server.inject({ method: 'POST', url, payload: payload as object, headers });

  it('answers a valid request with the answer, echoing the request id', async () => {
    const response = await post(await start(), '/v1/verify', REQUEST, { 'x-request-id': 'req-1' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(ANSWER);
    expect(response.headers['x-request-id']).toBe('req-1');
  });

  it('refuses a request that breaks the contract with 400 and the problems', async () => {
    const response = await post(await start(), '/v1/verify', { ...REQUEST, birthDate: '09/05/1990' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'invalid_request', problems: [expect.stringContaining('birthDate')] });
  });

  it('refuses malformed JSON in the same problem format', async () => {
    const server = await start();
    const response = await server.inject({
      method: 'POST',
      url: '/v1/verify',
      payload: '{"documentNumber":',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request' });
  });

  it('refuses an oversize batch with 413', async () => {
    const records = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => ({ ref: String(i), ...REQUEST }));
    const response = await post(await start(), '/v1/verify-batch', { records });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'batch_too_large' });
  });

  it('requires the API token when one is configured', async () => {
    const server = await start(true, 's3cret');
    expect((await post(server, '/v1/verify', REQUEST)).statusCode).toBe(401);
    expect((await post(server, '/v1/verify', REQUEST, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
    expect((await post(server, '/v1/verify', REQUEST, { authorization: 'Bearer s3cret' })).statusCode).toBe(200);
  });

  it('answers 503 with Retry-After when the service behind it is unavailable', async () => {
    const server = await start(false);
    for (const [url, payload] of [['/v1/verify', REQUEST], ['/v1/verify-batch', { records: [] }]] as const) {
      const response = await post(server, url, payload);
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.json()).toMatchObject({ code: 'unavailable' });
    }
  });
});
