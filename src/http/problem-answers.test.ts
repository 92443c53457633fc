/**
 * Requests Fastify or Node refuse before any route runs still get problem+json with a stable code,
 * the catalogue's Vietnamese title and a Vietnamese detail — never Fastify's English text.
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { describeEachDatabase } from '../db/testing.ts';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors.ts';
import { loadReferenceData } from '../reference/index.ts';
import { createSimulatorNationalIdService } from '../verification/national-id/index.ts';
import { buildApp } from './app.ts';

const PHONE_CHECK = { method: 'POST', url: '/api/v1/checks/phone' } as const;
const JSON_TYPE = { 'content-type': 'application/json' };
/** Letters only Vietnamese writes: a detail with none of them is not Vietnamese. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/iu;

const REFUSED: [string, InjectOptions, ErrorCode][] = [
  ['a path with a broken percent-escape', { method: 'GET', url: '/api/v1/lines/%E0%A4%A' }, 'URL_INVALID'],
  ['a path part over 100 characters', { method: 'GET', url: `/api/v1/lines/${'9'.repeat(101)}` }, 'URL_TOO_LONG'],
  ['broken JSON', { ...PHONE_CHECK, headers: JSON_TYPE, payload: '{"number": "0912' }, 'VALIDATION_FAILED'],
  ['an empty JSON body', { ...PHONE_CHECK, headers: JSON_TYPE, payload: '' }, 'VALIDATION_FAILED'],
  ['a body that is not JSON', { ...PHONE_CHECK, headers: { 'content-type': 'application/xml' }, payload: '<n/>' }, 'UNSUPPORTED_MEDIA_TYPE'],
  ['a body shorter than its Content-Length', { ...PHONE_CHECK, headers: { ...JSON_TYPE, 'content-length': '3' }, payload: '{"number":"1"}' }, 'BAD_REQUEST'],
  ['a body over the limit', { ...PHONE_CHECK, headers: JSON_TYPE, payload: JSON.stringify({ number: 'x'.repeat(1_100_000) }) }, 'PAYLOAD_TOO_LARGE'],
];

function expectProblem(status: number, contentType: string | undefined, body: string, code: ErrorCode) {
  const { title, status: catalogued } = ERROR_CATALOGUE[code];
  expect(status).toBe(catalogued);
  expect(contentType).toContain('application/problem+json');
  const problem = JSON.parse(body) as { code: string; title: string; detail?: string };
  expect(problem).toMatchObject({ code, title, status });
  if (problem.detail !== undefined) expect(problem.detail).toMatch(VIETNAMESE);
}

/** What the service answers on the wire to raw bytes (requests `inject` cannot even build). */
async function answerTo(port: number, bytes: string): Promise<{ status: number; contentType: string | undefined; head: string; body: string }> {
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/u.exec(head)?.[1]),
    contentType: /^content-type: (.*)$/imu.exec(head)?.[1],
    head,
    body,
  };
}

describeEachDatabase('answers to requests no route could read', ({ db }) => {
  let app: FastifyInstance;
  let port = 0;
  beforeAll(async () => {
    app = await buildApp({ db: db(), reference: loadReferenceData(), nationalId: createSimulatorNationalIdService(db()), logLevel: 'silent' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(() => app.close());

  it.each(REFUSED)('%s: problem+json with a Vietnamese title and detail', async (_what, request, code) => {
    const res = await app.inject(request);
    expectProblem(res.statusCode, String(res.headers['content-type']), res.body, code);
  });

  it('a field of the wrong type: every field message in Vietnamese too', async () => {
    const res = await app.inject({ ...PHONE_CHECK, headers: JSON_TYPE, payload: { number: 912345678 } });
    expectProblem(res.statusCode, String(res.headers['content-type']), res.body, 'VALIDATION_FAILED');
    const { errors } = res.json<{ errors: { field: string; message: string }[] }>();
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error.message).toMatch(VIETNAMESE);
    // The part of the request is named in Vietnamese, not by Fastify's word for it.
    expect(res.json<{ detail: string }>().detail).toBe('Kiểm tra lại nội dung gửi lên');
  });

  it('bytes that are not an HTTP request: a 400 problem, then the connection closes', async () => {
    const res = await answerTo(port, 'GET /api/v1/lines/0912 345 678 HTTP/1.1\r\nHost: tttb\r\n\r\n');
    expectProblem(res.status, res.contentType, res.body, 'BAD_REQUEST');
    expect(res.head).toMatch(/^cache-control: no-store$/imu);
    expect(res.head).toMatch(/^x-content-type-options: nosniff$/imu);
  });

  it('headers over the size limit: a 431 problem', async () => {
    const res = await answerTo(port, `GET /healthz HTTP/1.1\r\nHost: tttb\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectProblem(res.status, res.contentType, res.body, 'HEADERS_TOO_LARGE');
  });
});
