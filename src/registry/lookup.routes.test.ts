import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedInAs } from '../access/access.testing.ts';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.ts';
import { routeTestApp } from '../http/testing.ts';
import { newCitizen, newLine } from '../verification/attempts/verification.testing.ts';
import { lookupRoutes } from './lookup.routes.ts';
import { seedReferenceData } from './index.ts';

describeEachDatabase('look-up API', ({ db }) => {
  let app: FastifyInstance;
  let msisdn = '';
  let document = '';
  let viewer: Record<string, string> = {};
  beforeAll(async () => {
    viewer = (await signedInAs(db(), 'province_admin')).headers;
    await seedReferenceData(db());
    const person = await newCitizen(db());
    document = person.personalId;
    msisdn = (await newLine(db(), person)).msisdn;
    app = routeTestApp(db());
    await app.register(lookupRoutes, { prefix: '/api/v1' });
  });
  afterAll(() => app.close());

  it('answers masked by default', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/lines/${msisdn}`, headers: viewer });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ revealed: false, lines: [{ msisdn: `09******${msisdn.slice(-2)}`, state: { verification: 'unverified' } }] });
    expect(res.body).not.toContain(document);
    const person = await app.inject({ method: 'GET', url: `/api/v1/persons/${document}`, headers: viewer });
    expect(person.json<{ lines: unknown[] }>().lines).toHaveLength(1);
  });

  it('reveals with X-Actor only, audit-logged', async () => {
    const refused = await app.inject({ method: 'GET', url: `/api/v1/lines/${msisdn}?reveal=true`, headers: viewer });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'ACTOR_REQUIRED' });
    const res = await app.inject({ method: 'GET', url: `/api/v1/persons/${document}?reveal=true`, headers: { ...viewer, 'x-actor': 'nv.xa01' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ revealed: true, lines: [{ msisdn, holder: { documentNumber: document } }] });
    const audit = await db().kysely.selectFrom('audit_log').select(['actor', 'action']).execute();
    expect(audit).toEqual([{ actor: 'nv.xa01', action: 'reveal' }]);
  });

  it('answers an unknown line with a 404 problem', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/lines/0919999999', headers: viewer });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND' });
  });
});
