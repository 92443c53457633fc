import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { genuineSample, seededUniforms } from './national-id.face.ts';
import { createHttpNationalIdService, type HttpNationalIdOptions } from './national-id.http-client.ts';
import { buildNationalIdServer } from './national-id.http-server.ts';
import type { BatchRecord, VerifyAnswer, VerifyRequest } from './national-id.port.ts';
import { createSimulatorNationalIdService } from './national-id.simulator.ts';
import { FIXTURE_CITIZENS, HOA, insertCitizens } from './national-id.simulator.testing.ts';

const REQUEST: VerifyRequest = { documentNumber: HOA.personalId, fullName: HOA.fullName, birthDate: HOA.birthDate, faceSample: null, liveness: null };

const ANSWER: VerifyAnswer = {
  fields: { documentNumber: 'match', fullName: 'match', birthDate: 'match', face: 'not_checked' },
  faceScore: null,
  liveness: 'not_checked',
  details: { documentKind: 'personal_id', legacyDocumentKnown: false, deceased: false, name: 'exact', birthDate: 'match' },
};

interface Reply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Never answer: the request hangs until the client gives up. */
  hang?: boolean;
}

/** A scripted endpoint on 127.0.0.1: `script(n)` decides the reply to the n-th request (from 1). */
async function scriptedServer(script: (n: number) => Reply) {
  const requestIds: string[] = [];
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    requestIds.push(String(req.headers['x-request-id']));
    const reply = script(requestIds.length);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (reply.hang) return;
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? JSON.stringify(ANSWER));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requestIds,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Client options for tests: short deadlines, backoffs recorded instead of waited. */
function testClient(baseUrl: string, overrides: Partial<HttpNationalIdOptions> = {}) {
  const backoffs: number[] = [];
  const client = createHttpNationalIdService({
    baseUrl,
    timeoutMs: 200,
    retries: 2,
    backoffBaseMs: 100,
    sleep: (ms) => {
      backoffs.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  });
  return { client, backoffs };
}

describeEachDatabase('HTTP client against the simulator-backed server', ({ db }) => {
  let server: FastifyInstance;
  let baseUrl: string;
  const simulator = () => createSimulatorNationalIdService(db());

  beforeAll(async () => {
    await insertCitizens(db(), FIXTURE_CITIZENS);
    server = await buildNationalIdServer({ service: simulator(), apiToken: 'token-1' });
    baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives the same answers as the simulator itself, faces included', async () => {
    const { client } = testClient(baseUrl, { apiToken: 'token-1' });
    const withFace = { ...REQUEST, fullName: 'Nguyen Van Hoa', faceSample: genuineSample(HOA.faceSeed, seededUniforms(7)) };
    for (const request of [REQUEST, withFace, { ...REQUEST, documentNumber: HOA.legacyCmnd ?? '' }]) {
      expect(await client.verify(request)).toEqual(await simulator().verify(request));
    }
    const records: BatchRecord[] = FIXTURE_CITIZENS.map((c, i) => ({
      ref: `r${i}`,
      documentNumber: c.personalId,
      fullName: c.fullName,
      birthDate: c.birthDate,
    }));
    const batch = await client.verifyBatch(records);
    expect(batch).toEqual(await simulator().verifyBatch(records));
    expect(batch.status === 'answered' && batch.results.every((r) => r.fields.fullName === 'match')).toBe(true);
  });

  it('does not retry when the token is refused (4xx)', async () => {
    const { client, backoffs } = testClient(baseUrl, { apiToken: 'wrong' });
    expect(await client.verify(REQUEST)).toEqual({ status: 'unavailable', reason: 'http_error' });
    expect(backoffs).toEqual([]);
  });
});

describe('HTTP client resilience', () => {
  const servers: { close(): Promise<void> }[] = [];
  const serve = async (script: (n: number) => Reply) => {
    const server = await scriptedServer(script);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('times out a hanging server, retries with the same request id, then gives up', async () => {
    const server = await serve(() => ({ hang: true }));
    const { client, backoffs } = testClient(server.url, { timeoutMs: 100 });
    expect(await client.verify(REQUEST)).toEqual({ status: 'unavailable', reason: 'timeout' });
    expect(server.requestIds).toHaveLength(3);
    expect(new Set(server.requestIds).size).toBe(1);
    // Exponential backoff with jitter: each wait within [ceiling / 2, ceiling].
    expect(backoffs).toHaveLength(2);
    expect(backoffs[0]).toBeGreaterThanOrEqual(50);
    expect(backoffs[0]).toBeLessThanOrEqual(100);
    expect(backoffs[1]).toBeGreaterThanOrEqual(100);
    expect(backoffs[1]).toBeLessThanOrEqual(200);
  });

  it('succeeds on retry after a 500', async () => {
    const server = await serve((n) => (n === 1 ? { status: 500, body: 'oops' } : {}));
    const { client } = testClient(server.url);
    expect(await client.verify(REQUEST)).toEqual({ status: 'answered', ...ANSWER });
    expect(server.requestIds).toHaveLength(2);
  });

  it('waits as long as Retry-After asks on 429, within the backoff cap', async () => {
    const server = await serve((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '2' } } : {}));
    const { client, backoffs } = testClient(server.url, { backoffMaxMs: 1_500 });
    expect((await client.verify(REQUEST)).status).toBe('answered');
    expect(backoffs).toEqual([1_500]);
  });

  it('sends only the fields of the contract', async () => {
    const server = await serve(() => ({}));
    const { client } = testClient(server.url);
    const callerObject = { ...REQUEST, subscriberId: 42, msisdn: '0912345678' };
    expect((await client.verify(callerObject)).status).toBe('answered');
    expect(server.bodies).toEqual([REQUEST]);
  });

  it('does not retry a 400', async () => {
    const server = await serve(() => ({ status: 400, body: '{"code":"invalid_request"}' }));
    const { client } = testClient(server.url);
    expect(await client.verify(REQUEST)).toEqual({ status: 'unavailable', reason: 'http_error' });
    expect(server.requestIds).toHaveLength(1);
  });

  it('reports a refused connection as a network failure', async () => {
    const server = await scriptedServer(() => ({}));
    await server.close();
    const { client } = testClient(server.url, { retries: 1 });
    expect(await client.verify(REQUEST)).toEqual({ status: 'unavailable', reason: 'network' });
  });

  const { fields: _fields, ...withoutFields } = ANSWER;
  it.each([
    ['invalid JSON', '{"fields": {'],
    ['an HTML error page', '<html><body>Bad Gateway</body></html>'],
    ['a wrong type', JSON.stringify({ ...ANSWER, fields: { ...ANSWER.fields, fullName: true } })],
    ['an unknown result value', JSON.stringify({ ...ANSWER, fields: { ...ANSWER.fields, documentNumber: 'yes' } })],
    ['a missing field', JSON.stringify(withoutFields)],
    ['a face result for a request without a face', JSON.stringify({ ...ANSWER, fields: { ...ANSWER.fields, face: 'match' } })],
    ['null', 'null'],
  ])('turns %s into bad_response, never a match, without retrying', async (_what, body) => {
    const server = await serve(() => ({ body }));
    const { client } = testClient(server.url);
    expect(await client.verify(REQUEST)).toEqual({ status: 'unavailable', reason: 'bad_response' });
    expect(server.requestIds).toHaveLength(1);
  });

  it('turns a batch answer that does not line up with the records into bad_response', async () => {
    const result = { ref: 'other', fields: ANSWER.fields, details: ANSWER.details };
    const server = await serve(() => ({ body: JSON.stringify({ results: [result] }) }));
    const { client } = testClient(server.url);
    const records: BatchRecord[] = [{ ref: 'mine', documentNumber: HOA.personalId, fullName: HOA.fullName, birthDate: HOA.birthDate }];
    expect(await client.verifyBatch(records)).toEqual({ status: 'unavailable', reason: 'bad_response' });
    expect(await client.verifyBatch([])).toEqual({ status: 'unavailable', reason: 'bad_response' });
  });

  it('opens the circuit after consecutive failures and half-opens with one trial after the cool-down', async () => {
    let healthy = false;
    const server = await serve(() => (healthy ? {} : { status: 503 }));
    let now = 0;
    const { client } = testClient(server.url, { retries: 1, breakerThreshold: 2, breakerCoolDownMs: 10_000, now: () => now });

    expect(await client.verify(REQUEST)).toEqual({ status: 'unavailable', reason: 'http_error' });
    expect(await client.verify(REQUEST)).toEqual({ status: 'unavailable', reason: 'http_error' });
    expect(server.requestIds).toHaveLength(4); // two calls, each with one retry
    expect(await client.verify(REQUEST)).toEqual({ status: 'unavailable', reason: 'circuit_open' });
    expect(server.requestIds).toHaveLength(4); // refused without a request

    now += 10_000;
    expect(await client.verify(REQUEST)).toEqual({ status: 'unavailable', reason: 'http_error' });
    expect(server.requestIds).toHaveLength(5); // the trial is a single request, no retries
    expect(await client.verify(REQUEST)).toEqual({ status: 'unavailable', reason: 'circuit_open' });

    healthy = true;
    now += 10_000;
    expect((await client.verify(REQUEST)).status).toBe('answered');
    expect((await client.verify(REQUEST)).status).toBe('answered');
    expect(server.requestIds).toHaveLength(7);
  });
});
