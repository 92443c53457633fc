import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../db/testing.ts';
import { openDatabase } from '../db/open.ts';
import { loadReferenceData } from '../reference/index.ts';
import { seedReferenceData } from '../registry/index.ts';
import { buildApp } from './app.ts';
import { createSimulatorNationalIdService } from '../verification/national-id/index.ts';

describeEachDatabase('HTTP service', ({ db }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await seedReferenceData(db());
    app = await buildApp({ db: db(), reference: loadReferenceData(), nationalId: createSimulatorNationalIdService(db()), logLevel: 'silent' });
  });
  afterAll(() => app.close());

  it('answers /healthz with 200 when the database is reachable', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: db().dialect });
  });

  it('serves the OpenAPI document generated from the schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/api/v1/checks/id',
        '/api/v1/checks/phone',
        '/api/v1/admin-units/',
        '/api/v1/verifications',
        '/api/v1/lines/search',
        '/api/v1/lines/{id}',
        '/api/v1/roadmap/preview',
      ]),
    );
    expect(doc.components.schemas).toHaveProperty('AdminUnit');
    const ui = await app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('answers an unknown route with a problem+json 404 carrying a stable code and a Vietnamese title', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here?phone=0912345678' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', title: 'Không có đường dẫn API này', instance: '/api/v1/nothing-here' });
  });

  it('answers a malformed body with VALIDATION_FAILED naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/checks/phone', payload: { numbr: 5 } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json<{ code: string; errors: { field: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.field)).toContain('body.number');
  });

  it('answers invalid JSON with VALIDATION_FAILED, not a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/checks/phone',
      headers: { 'content-type': 'application/json' },
      payload: '{"number": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('checks a phone number and an ID like the CLI does', async () => {
    const phone = await app.inject({ method: 'POST', url: '/api/v1/checks/phone', payload: { number: '+84 912 345 678' } });
    expect(phone.json()).toMatchObject({ valid: true, msisdn: '0912345678', carrier: 'vinaphone', knownBy: 'both', note: null });
    const id = await app.inject({
      method: 'POST',
      url: '/api/v1/checks/id',
      payload: { number: '089095012345', birthDate: '1995-03-02', sex: 'female' },
    });
    expect(id.json()).toMatchObject({ valid: false, kind: 'personal_id', reasons: ['sex_mismatch'] });
    const badDate = await app.inject({ method: 'POST', url: '/api/v1/checks/id', payload: { number: '089095012345', birthDate: '31/02/1995' } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('birthDate');
  });

  it('lists the 102 commune-level units of An Giang', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/admin-units/' });
    const body = res.json<{ total: number; items: { type: string }[] }>();
    expect(body.total).toBe(102);
    const count = (type: string) => body.items.filter((u) => u.type === type).length;
    expect([count('xa'), count('phuong'), count('dac_khu')]).toEqual([85, 14, 3]);
  });
});

describeEachDatabase('HTTP service on a demo’s clock', ({ db }) => {
  it('dates its answers by the clock it is given, not by today’s date', async () => {
    await seedReferenceData(db());
    const demoNow = new Date('2026-05-12T03:00:00.000Z');
    const app = await buildApp({ db: db(), reference: loadReferenceData(), nationalId: createSimulatorNationalIdService(db()), logLevel: 'silent', clock: { now: () => demoNow } });
    try {
      const otp = await app.inject({ method: 'POST', url: '/api/v1/selfcheck/otp', payload: { msisdn: '0912345678' } });
      expect(otp.statusCode).toBe(202);
      expect(otp.json<{ expiresAt: string }>().expiresAt.slice(0, 10)).toBe('2026-05-12');
      const notice = await db().kysely.selectFrom('notices').select('not_before').executeTakeFirstOrThrow();
      expect(notice.not_before.slice(0, 10)).toBe('2026-05-12');
    } finally {
      await app.close();
    }
  });
});

describe('HTTP service without its database', () => {
  it('answers /healthz with a 503 problem when the database cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so every query fails to connect.
    const db = openDatabase('postgres://postgres@127.0.0.1:1/unreachable');
    const app = await buildApp({ db, reference: loadReferenceData(), nationalId: createSimulatorNationalIdService(db), logLevel: 'silent' });
    try {
      const res = await app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE', title: 'Không kết nối được cơ sở dữ liệu' });
    } finally {
      await app.close();
      await db.close();
    }
  });
});
