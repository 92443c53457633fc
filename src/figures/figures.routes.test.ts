import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Clock } from '../clock/index.ts';
import { describeEachDatabase } from '../db/testing.ts';
import type { routeTestApp } from '../http/testing.ts';
import { testLine } from '../registry/subscriber.testing.ts';
import { closeLine, markVerified } from '../registry/index.ts';
import { enterTargetGroups } from '../verification/target-groups/target-groups.service.ts';
import { MAX_FIGURE_ITEMS } from './figures.service.ts';
import { figuresTestApp, LONG_XUYEN, OTHER_COMMUNE as OTHER } from './figures.testing.ts';

interface Item {
  communeCode?: string;
  carrier?: string;
  day?: string;
  week?: { week: number };
  stocks: Record<string, number>;
  flows: Record<string, number>;
}


describeEachDatabase('/api/v1/figures', ({ db }) => {
  const clock: Clock = { now: () => new Date('2026-05-06T03:00:00Z') };
  let app: ReturnType<typeof routeTestApp>;
  let viewer: Record<string, string>;
  let officer: Record<string, string>;
  beforeAll(async () => {
    const lines = [testLine({ commune_code: LONG_XUYEN }), testLine({ commune_code: LONG_XUYEN, line_class: 'non_h2h' }), testLine({ commune_code: OTHER }), testLine({ commune_code: OTHER })];
    let ids: number[];
    ({ app, viewer, officer, ids } = await figuresTestApp(db(), clock, lines));
    const [a, b, c, d] = ids as [number, number, number, number];
    await db().kysely.transaction().execute(async (trx) => {
      // A line in two groups is one target line.
      await enterTargetGroups(trx, [
        { subscriberId: a, group: 'cmnd9', source: 'test', at: '2026-04-28T01:00:00.000Z' },
        { subscriberId: a, group: 'carrier_notice', source: 'test', at: '2026-04-28T01:00:00.000Z' },
        { subscriberId: b, group: 'cmnd9', source: 'test', at: '2026-04-28T01:00:00.000Z' },
        { subscriberId: c, group: 'carrier_notice', source: 'test', at: '2026-04-28T01:00:00.000Z' },
        { subscriberId: d, group: 'carrier_notice', source: 'test', at: '2026-04-28T01:00:00.000Z' },
      ]);
      // 23:59 on Monday 4/5 in Vietnam: week 1; one minute later: week 2.
      await markVerified(trx, { subscriberId: a, at: '2026-05-04T16:59:00.000Z', actor: 'test', channel: 'mobile_point' });
      await markVerified(trx, { subscriberId: c, at: '2026-05-04T17:00:00.000Z', actor: 'test', channel: 'vneid' });
      // A target line the carrier closes leaves the denominator, counted as closed.
      await closeLine(trx, { subscriberId: d, at: '2026-05-05T02:00:00.000Z', actor: 'test', reason: 'carrier', details: {} });
    });
  });
  afterAll(() => app.close());

  const get = async (query: string, headers = viewer) => {
    const answer = await app.inject({ method: 'GET', url: `/api/v1/figures${query}`, headers });
    expect(answer.statusCode).toBe(200);
    return answer.json<{ asOf: string; items: Item[] }>();
  };

  it('counts H2H target lines once across groups, verified, remaining and closed, as of now', async () => {
    const { asOf, items } = await get('');
    expect(asOf).toBe('2026-05-06T03:00:00.000Z');
    expect(items).toHaveLength(1);
    expect(items[0]?.stocks).toMatchObject({ lines: 2, target: 2, target_cmnd9: 1, target_carrier_notice: 2, target_verified: 2, remaining: 0, target_closed: 1 });
    expect(items[0]?.flows).toMatchObject({ verified_mobile_point: 1, verified_vneid: 1 });
  });

  it('splits by campaign week in Vietnam time', async () => {
    const { items } = await get('?by=week');
    expect(items.map((i) => [i.week?.week, i.stocks['target_verified'], i.flows['verified_mobile_point'], i.flows['verified_vneid']])).toEqual([
      [1, 1, 1, 0],
      [2, 2, 0, 1],
    ]);
  });

  it('answers by day up to today only, the stocks at each day end', async () => {
    const { items } = await get('?by=day&from=2026-05-03&to=2026-06-30');
    expect(items.map((i) => [i.day, i.stocks['target'], i.stocks['target_verified'], i.stocks['target_closed']])).toEqual([
      ['2026-05-03', 3, 0, 0],
      ['2026-05-04', 3, 1, 0],
      ['2026-05-05', 2, 2, 1],
      ['2026-05-06', 2, 2, 1],
    ]);
  });

  it("shows a commune officer their commune's figures only", async () => {
    const { items } = await get('?by=commune,carrier', officer);
    expect(items.map((i) => [i.communeCode, i.carrier, i.stocks['target']])).toEqual([[OTHER, 'viettel', 1]]);
  });

  it('refuses an answer larger than its limit, asking to narrow it', async () => {
    const many = MAX_FIGURE_ITEMS + 1;
    // Planted rollup rows of many communes: the limit counts items before building them.
    const rows = Array.from({ length: Math.ceil(many / 30) }, (_, i) => ({ commune_code: `c${i}`, carrier: 'viettel', measure: 'lines' as const, n: 1 }));
    for (let i = 0; i < rows.length; i += 500) await db().kysely.insertInto('figures_total').values(rows.slice(i, i + 500)).execute();
    try {
      const answer = await app.inject({ method: 'GET', url: '/api/v1/figures?by=commune,day&from=2026-04-07&to=2026-05-06', headers: viewer });
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'by' }] });
    } finally {
      await db().kysely.deleteFrom('figures_total').where('commune_code', 'like', 'c%').execute();
    }
  });

  it('refuses a time span the wrong way round, both day and week, and an unknown dimension', async () => {
    for (const query of ['?from=2026-05-05&to=2026-05-01', '?by=day,week', '?by=phone', '?from=2026-02-30']) {
      const answer = await app.inject({ method: 'GET', url: `/api/v1/figures${query}`, headers: viewer });
      expect(answer.statusCode, query).toBe(400);
      expect(answer.json(), query).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });
});
