/**
 * No personal number reaches the log in clear: every route is driven with a known phone number and
 * a known ID number — in the path, the query and the body, valid and invalid, as JSON, broken JSON
 * and plain text — and the whole log, captured at `trace`, is searched for every way of writing them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { describeEachDatabase } from '../db/testing.ts';
import { loadReferenceData } from '../reference/index.ts';
import { seedReferenceData } from '../registry/index.ts';
import { testLine } from '../registry/subscriber.testing.ts';
import { createSimulatorNationalIdService } from '../verification/national-id/index.ts';
import { buildApp } from './app.ts';
import { signedInAs } from '../access/access.testing.ts';
import { capturedLog, requestTo, servedRoutes, type ServedRoute } from './testing.ts';

const PHONE = '0912345678';
const ID = '089095012345';
/** What a client may send: the numbers as people write them, and invalid strings around them. */
const SENT = [
  PHONE,
  '84912345678',
  '+84912345678',
  '0912.345.678',
  '0912 345 678',
  `${PHONE}999`,
  `x${PHONE}`,
  ID,
  '089.095.012.345',
  '089 095 012 345',
  `${ID}0`,
];
/** What must not appear anywhere in the log. */
const FORMS = [
  PHONE,
  '84912345678',
  '+84912345678',
  '912345678',
  '0912.345.678',
  '0912 345 678',
  '%2B84912345678',
  '0912%20345%20678',
  ID,
  '089.095.012.345',
  '089 095 012 345',
  '089%20095%20012%20345',
];
/** Body fields and query parameters of the API that may carry a number, and a few any API might. */
const FIELDS = ['msisdn', 'number', 'document', 'phone', 'text', 'a', 'b', 'otp', 'challengeId', 'sessionToken', 'commune', 'at', 'from', 'to', 'by', 'afterId', 'limit', 'reason'];

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { name: string }[]; requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } }>>;
}

/** The route's own query and body field names from the OpenAPI document, with the generic ones. */
function fieldsOf(doc: OpenApiDoc, route: ServedRoute): string[] {
  const operation = doc.paths[route.url.replace(/:(\w+)/gu, '{$1}')]?.[route.method.toLowerCase()];
  const body = Object.keys(operation?.requestBody?.content?.['application/json']?.schema?.properties ?? {});
  return [...new Set([...FIELDS, ...(operation?.parameters ?? []).map((p) => p.name), ...body])];
}

function requestsFor(route: ServedRoute, fields: string[], value: string, headers: Record<string, string>): InjectOptions[] {
  const query = Object.fromEntries(fields.map((f) => [f, value]));
  const json = JSON.stringify(query);
  const requests = [requestTo(route, value, { query, headers })];
  if (route.method === 'POST') {
    requests.push(
      requestTo(route, value, { headers, payload: query }),
      requestTo(route, value, { headers: { ...headers, 'content-type': 'application/json' }, payload: json.slice(0, -1) }),
      requestTo(route, value, { headers: { ...headers, 'content-type': 'application/xml' }, payload: `<n>${value}</n>` }),
      requestTo(route, value, { headers: { ...headers, 'content-type': 'application/json', 'content-length': '3' }, payload: json }),
    );
  }
  return requests;
}

describeEachDatabase('personal numbers in the log', ({ db }) => {
  const log = capturedLog();
  let app: FastifyInstance;
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    await seedReferenceData(db());
    await db().kysely.insertInto('subscribers').values(testLine({ msisdn: PHONE, carrier: 'vinaphone', document_number: ID })).execute();
    app = await buildApp({
      db: db(),
      reference: loadReferenceData(),
      nationalId: createSimulatorNationalIdService(db()),
      // Every client address gets through, so the rate limit does not hide the routes behind it.
      selfCheck: { requestsPerClientPerMinute: 1_000_000 },
      logLevel: 'trace',
      logStream: log.stream,
      // A demo, so the demo-only routes are walked too.
      mode: 'demo',
    });
    // Signed in, so the look-up reads what it is sent rather than refusing it unread.
    headers = (await signedInAs(db(), 'province_admin')).headers;
  });
  afterAll(() => app.close());

  it('holds no form of a phone or ID number sent to any route, in any part of the request', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<OpenApiDoc>();
    const routes = [...servedRoutes(app), { method: 'GET', url: '/api/v1/no-such-route/:x' }, { method: 'GET', url: '/api/v1/lines/%E0%A4%A/:x' }];
    expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/v1/lines/search', '/api/v1/persons/search', '/api/v1/lines/:id', '/api/v1/selfcheck/otp']));
    const statuses = new Set<number>();
    for (const route of routes) {
      const fields = fieldsOf(doc, route);
      for (const value of SENT) {
        for (const request of requestsFor(route, fields, value, headers)) statuses.add((await app.inject(request)).statusCode);
      }
    }
    // The walk reached answers, refusals and Fastify's own errors alike.
    expect([...statuses]).toEqual(expect.arrayContaining([200, 202, 400, 404, 415]));
    expect(log.lines().length).toBeGreaterThan(routes.length);
    const leaks = log.lines().filter((line) => FORMS.some((form) => line.includes(form)));
    expect(leaks).toEqual([]);
  });
});
