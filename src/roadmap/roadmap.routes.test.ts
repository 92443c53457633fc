import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { routeTestApp } from '../http/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { roadmapRoutes } from './roadmap.routes.ts';
import { lineRequiredAt } from './roadmap.testing.ts';

describeEachDatabase('roadmap API', ({ db }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await seedReferenceData(db());
    await lineRequiredAt(db(), '2026-05-01T03:00:00.000Z', 'mismatch', { commune_code: '30301', carrier: 'mobifone', msisdn: '0901234567' });
    app = routeTestApp(db());
    await app.register(roadmapRoutes, { prefix: '/api/v1/roadmap' });
  });
  afterAll(() => app.close());

  it('previews per commune and carrier; a date alone means the end of that day', async () => {
    const res = await app.inject({ url: '/api/v1/roadmap/preview?at=2026-06-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      at: '2026-06-01T16:59:59.999Z',
      rows: [{ communeCode: '30301', communeName: 'Phường Mỹ Thới', carrier: 'mobifone', oneWay: 1, twoWay: 1, terminated: 0 }],
      totals: { oneWay: 1, twoWay: 1, terminated: 0 },
    });
    const other = await app.inject({ url: '/api/v1/roadmap/preview?at=2026-06-01&commune=30292' });
    expect(other.json()).toMatchObject({ rows: [], totals: { oneWay: 0 } });
  });

  it('lists the due lines of a commune with masked numbers', async () => {
    const res = await app.inject({ url: '/api/v1/roadmap/due-lines?commune=30301&at=2026-05-02%2000:00' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      communeCode: '30301',
      items: [{ msisdn: '09******67', nextStep: 'one_way', dueAt: '2026-05-01T05:00:00.000Z', levelAt: 'one_way' }],
      nextAfterId: null,
    });
  });

  it('answers a bad time or commune with a Vietnamese problem', async () => {
    const res = await app.inject({ url: '/api/v1/roadmap/preview?at=mai' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ code: string; detail: string }>()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json<{ detail: string }>().detail).toContain('thời điểm "mai" không hợp lệ');
    expect((await app.inject({ url: '/api/v1/roadmap/due-lines' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/roadmap/preview?commune=abc' })).statusCode).toBe(400);
  });
});
