import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { routeTestApp } from '../http/testing.ts';
import type { Clock } from './clock.ts';
import { clockRoutes } from './clock.routes.ts';

describeEachDatabase('GET /api/v1/campaign/today', ({ db }) => {
  let now = new Date('2026-05-12T03:00:00Z');
  const clock: Clock = { now: () => now };
  let app: ReturnType<typeof routeTestApp>;
  let demo: ReturnType<typeof routeTestApp>;
  beforeAll(async () => {
    app = routeTestApp(db(), clock);
    await app.register(clockRoutes, { prefix: '/api/v1/campaign', mode: 'production' });
    demo = routeTestApp(db(), clock);
    await demo.register(clockRoutes, { prefix: '/api/v1/campaign', mode: 'demo' });
  });
  afterAll(async () => {
    await app.close();
    await demo.close();
  });
  const today = () => app.inject({ method: 'GET', url: '/api/v1/campaign/today' });

  it('answers 404 CAMPAIGN_NOT_FOUND while the database has no campaign', async () => {
    const res = await today();
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'CAMPAIGN_NOT_FOUND', title: 'Chưa có chiến dịch nào trong hệ thống' });
  });

  it('counts the day of the running campaign by the service clock, in Vietnam time', async () => {
    await db()
      .kysely.insertInto('campaigns')
      .values([
        { code: 'AG-2025', name: 'Đợt trước', province_code: '89', legal_basis: 'Kế hoạch cũ', starts_on: '2025-03-01', ends_on: '2025-03-31' },
        { code: 'AG-2026', name: 'Chiến dịch tỉnh An Giang', province_code: '89', legal_basis: 'Thông tư 08/2026/TT-BKHCN', starts_on: '2026-04-28', ends_on: '2026-05-28' },
      ])
      .execute();
    expect((await today()).json()).toEqual({
      campaign: { code: 'AG-2026', name: 'Chiến dịch tỉnh An Giang', legalBasis: 'Thông tư 08/2026/TT-BKHCN', startsOn: '2026-04-28', endsOn: '2026-05-28' },
      today: '2026-05-12',
      day: 15,
      daysLeft: 16,
      phase: 'running',
      demo: false,
    });
    // 00:30 on 28/4 in Vietnam is still 27/4 in UTC: the first day already.
    now = new Date('2026-04-27T17:30:00Z');
    expect((await today()).json()).toMatchObject({ today: '2026-04-28', day: 1, daysLeft: 30, phase: 'running' });
  });

  it('tells a demo apart, so the web app offers its simulations (the desk\'s simulated capture) there only', async () => {
    expect((await demo.inject({ method: 'GET', url: '/api/v1/campaign/today' })).json()).toMatchObject({ campaign: { code: 'AG-2026' }, demo: true });
    expect((await today()).json()).toMatchObject({ demo: false });
  });

  it('shows the campaign as ended once its last day is over', async () => {
    now = new Date('2026-05-28T17:00:00Z');
    expect((await today()).json()).toMatchObject({ campaign: { code: 'AG-2026' }, today: '2026-05-29', day: 31, daysLeft: 0, phase: 'ended' });
  });
});
