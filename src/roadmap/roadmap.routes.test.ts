import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { routeTestApp } from '../http/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { roadmapRoutes } from './roadmap.routes.ts';
import { lineRequiredAt } from './roadmap.testing.ts';
import { signedInAs } from '../access/access.testing.ts';

describeEachDatabase('roadmap API', ({ db }) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;
  beforeAll(async () => {
    await seedReferenceData(db());
    await lineRequiredAt(db(), '2026-05-01T03:00:00.000Z', 'mismatch', { commune_code: '30301', carrier: 'mobifone', msisdn: '0901234567' });
    app = routeTestApp(db());
    headers = (await signedInAs(db(), 'province_viewer')).headers;
    await app.register(roadmapRoutes, { prefix: '/api/v1/roadmap' });
  });
  afterAll(() => app.close());

  it('previews per commune and carrier; a date alone means the end of that day', async () => {
    const res = await app.inject({ url: '/api/v1/roadmap/preview?at=2026-06-01', headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      at: '2026-06-01T16:59:59.999Z',
      rows: [{ communeCode: '30301', communeName: 'Phường Mỹ Thới', carrier: 'mobifone', oneWay: 1, twoWay: 1, terminated: 0 }],
      totals: { oneWay: 1, twoWay: 1, terminated: 0 },
    });
    const other = await app.inject({ url: '/api/v1/roadmap/preview?at=2026-06-01&commune=30292', headers });
    expect(other.json()).toMatchObject({ rows: [], totals: { oneWay: 0 } });
  });

  it("keeps a commune officer to their communes: another commune's lines are neither counted nor listed", async () => {
    const officer = (await signedInAs(db(), 'commune_officer', [{ kind: 'commune', value: '30292' }])).headers;
    const preview = await app.inject({ url: '/api/v1/roadmap/preview?at=2026-06-01', headers: officer });
    expect(preview.json()).toMatchObject({ rows: [], totals: { oneWay: 0, twoWay: 0, terminated: 0 } });
    const due = await app.inject({ url: '/api/v1/roadmap/due-lines?commune=30301&at=2026-05-02%2000:00', headers: officer });
    expect(due.json()).toMatchObject({ items: [], nextAfterId: null });
    expect((await app.inject({ url: '/api/v1/roadmap/preview?at=2026-06-01' })).statusCode).toBe(401);
  });

  it('lists the due lines of a commune with masked numbers', async () => {
    const res = await app.inject({ url: '/api/v1/roadmap/due-lines?commune=30301&at=2026-05-02%2000:00', headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      communeCode: '30301',
      items: [{ msisdn: '09******67', nextStep: 'one_way', dueAt: '2026-05-01T05:00:00.000Z', levelAt: 'one_way' }],
      nextAfterId: null,
    });
  });

  it('answers a bad time or commune with a Vietnamese problem', async () => {
    const res = await app.inject({ url: '/api/v1/roadmap/preview?at=mai', headers });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ code: string; detail: string }>()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json<{ detail: string }>().detail).toContain('thời điểm "mai" không hợp lệ');
    expect((await app.inject({ url: '/api/v1/roadmap/due-lines', headers })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/roadmap/preview?commune=abc', headers })).statusCode).toBe(400);
  });
});
