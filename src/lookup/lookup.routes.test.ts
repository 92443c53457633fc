import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { signedInAs } from '../access/access.testing.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { routeTestApp } from '../http/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { newCitizen, newLine } from '../verification/attempts/verification.testing.ts';
import { lookupRoutes } from './lookup.routes.ts';

describeEachDatabase('look-up API', ({ db }) => {
  let app: FastifyInstance;
  let officer = { username: '', headers: {} as Record<string, string> };
  let otherOfficer = officer;
  /** The signed-in person of the moment's headers; none: anonymous. */
  let headers: Record<string, string> = {};
  const inject = (request: { method: 'GET' | 'POST'; url: string; payload?: object }) => app.inject({ ...request, headers });
  let line = { id: 0, msisdn: '' };
  let document = '';
  beforeAll(async () => {
    await seedReferenceData(db());
    officer = await signedInAs(db(), 'commune_officer', [{ kind: 'commune', value: '30292' }]);
    otherOfficer = await signedInAs(db(), 'commune_officer', [{ kind: 'commune', value: '30301' }]);
    const person = await newCitizen(db());
    document = person.personalId;
    line = await newLine(db(), person, { commune_code: '30292' });
    app = routeTestApp(db());
    await app.register(lookupRoutes, { prefix: '/api/v1' });
  });
  afterAll(() => app.close());

  it('searches by number and by document in the body, and reads a line by its id, masked', async () => {
    headers = officer.headers;
    const res = await inject({ method: 'POST', url: '/api/v1/lines/search', payload: { msisdn: line.msisdn } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ revealed: false, lines: [{ id: line.id, msisdn: `09******${line.msisdn.slice(-2)}` }] });
    expect(res.body).not.toContain(document);
    const person = await inject({ method: 'POST', url: '/api/v1/persons/search', payload: { document } });
    expect(person.json<{ lines: { id: number }[] }>().lines.map((l) => l.id)).toEqual([line.id]);
    const byId = await inject({ method: 'GET', url: `/api/v1/lines/${line.id}` });
    expect(byId.json()).toEqual(res.json());
    expect((await inject({ method: 'GET', url: '/api/v1/lines/0912345678x' })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers a line of another commune with the very problem of an unknown number, but for the request id', async () => {
    headers = otherOfficer.headers;
    const problem = async (msisdn: string) => {
      const res = await inject({ method: 'POST', url: '/api/v1/lines/search', payload: { msisdn } });
      expect(res.statusCode).toBe(404);
      const { requestId, ...rest } = res.json<{ requestId: string }>();
      expect(requestId).toEqual(expect.any(String));
      return rest;
    };
    const outside = await problem(line.msisdn);
    expect(outside).toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND', title: 'Không tìm thấy thuê bao' });
    expect(outside).toEqual(await problem(`${line.msisdn.slice(0, 2)}99999${line.msisdn.slice(-3)}`));
  });

  it('reveals with a reason only, recording the request id and the client address', async () => {
    headers = officer.headers;
    const refused = await inject({ method: 'POST', url: `/api/v1/lines/${line.id}/reveal`, payload: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'REASON_REQUIRED', errors: [{ field: 'reason' }] });
    const res = await inject({ method: 'POST', url: `/api/v1/lines/${line.id}/reveal`, payload: { reason: 'Người dân hỏi tại Bộ phận một cửa' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ revealed: true, lines: [{ msisdn: line.msisdn, holder: { documentNumber: document } }] });
    const audit = await db().kysely.selectFrom('audit_log').select(['actor', 'action', 'reason', 'request_id', 'client_address']).execute();
    expect(audit).toEqual([
      { actor: officer.username, action: 'subscriber.reveal', reason: 'Người dân hỏi tại Bộ phận một cửa', request_id: expect.any(String) as string, client_address: '127.0.0.1' },
    ]);
  });

  it('refuses an anonymous caller', async () => {
    headers = {};
    const res = await inject({ method: 'POST', url: '/api/v1/lines/search', payload: { msisdn: line.msisdn } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });
});
