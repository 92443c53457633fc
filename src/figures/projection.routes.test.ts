import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Clock } from '../clock/index.ts';
import { describeEachDatabase } from '../db/testing.ts';
import type { routeTestApp } from '../http/testing.ts';
import { testLine } from '../registry/subscriber.testing.ts';
import { markVerified } from '../registry/index.ts';
import { enterTargetGroups } from '../verification/target-groups/target-groups.service.ts';
import { figuresTestApp, LONG_XUYEN, OTHER_COMMUNE as OTHER } from './figures.testing.ts';
import type { ProjectionAnswer } from './projection.service.ts';

type Answer = ProjectionAnswer;

describeEachDatabase('/api/v1/figures/projection', ({ db }) => {
  // 10:00 on 10/5 in Vietnam: the window is 3/5–9/5.
  const clock: Clock = { now: () => new Date('2026-05-10T03:00:00Z') };
  let app: ReturnType<typeof routeTestApp>;
  let viewer: Record<string, string>;
  let officer: Record<string, string>;
  beforeAll(async () => {
    const lines = [...Array.from({ length: 11 }, () => testLine({ commune_code: LONG_XUYEN })), ...Array.from({ length: 4 }, () => testLine({ commune_code: OTHER }))];
    let ids: number[];
    ({ app, viewer, officer, ids } = await figuresTestApp(db(), clock, lines));
    await db().kysely.transaction().execute(async (trx) => {
      await enterTargetGroups(
        trx,
        ids.map((subscriberId) => ({ subscriberId, group: 'carrier_notice' as const, source: 'test', at: '2026-04-28T01:00:00.000Z' })),
      );
      // Long Xuyên: one line a day at a mobile point on 2/5, outside the window, then 3/5–9/5; one more this morning.
      for (let i = 0; i < 8; i++) {
        await markVerified(trx, { subscriberId: ids[i] ?? 0, at: `2026-05-0${2 + i}T02:00:00.000Z`, actor: 'test', channel: 'mobile_point' });
      }
      await markVerified(trx, { subscriberId: ids[8] ?? 0, at: '2026-05-10T01:00:00.000Z', actor: 'test', channel: 'vneid' });
    });
  });
  afterAll(() => app.close());

  const get = async (query: string, headers = viewer) => {
    const answer = await app.inject({ method: 'GET', url: `/api/v1/figures/projection${query}`, headers });
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<Answer>();
  };
  const commune = (a: Answer, code: string) => a.communes.find((c) => c.communeCode === code);

  it('projects each commune at its last 7 complete days, today not counted in the pace', async () => {
    const answer = await get('');
    expect(answer.window).toEqual({ from: '2026-05-03', to: '2026-05-09', days: 7 });
    // 9 of 11 verified, 1 a day: the last 2 on 11/5 and 12/5.
    expect(commune(answer, LONG_XUYEN)).toMatchObject({ target: 11, verified: 9, remaining: 2, pacePerDay: 1, shareOnEnd: 1, reachesFullOn: '2026-05-12', onTrack: true, neededPerDay: 1 });
    expect(commune(answer, OTHER)).toMatchObject({ target: 4, verified: 0, pacePerDay: 0, shareOnEnd: 0, reachesFullOn: null, onTrack: false, neededPerDay: 1 });
    // A commune without target lines is unknown, not 0%.
    expect(answer.communes.find((c) => c.target === 0)).toMatchObject({ share: null, shareOnEnd: null });
  });

  it('reaches 100% overall only when every commune does, and draws the line to the last day', async () => {
    const { overall } = await get('');
    expect(overall).toMatchObject({ target: 15, verified: 9, remaining: 6, reachesFullOn: null, onTrack: false, neededPerDay: 1 });
    expect(overall.series).toHaveLength(18);
    expect(overall.series[0]).toEqual({ day: '2026-05-11', verified: 10, share: 0.6667 });
    expect(overall.series.at(-1)).toEqual({ day: '2026-05-28', verified: 11, share: 0.7333 });
  });

  it("asks what a mobile point would do where there has been none, at the province's yield", async () => {
    const answer = await get(`?extraPointCommune=${OTHER}&extraPointDays=3`);
    expect(answer.whatIf).toMatchObject({ communeCode: OTHER, days: 3, source: 'province', verificationsPerDay: 1, targetShare: 1, targetLinesPerDay: 1 });
    expect(commune(answer, OTHER)).toMatchObject({ shareOnEnd: 0.75, reachesFullOn: null });
    const longer = await get(`?extraPointCommune=${OTHER}&extraPointDays=4`);
    expect(commune(longer, OTHER)).toMatchObject({ shareOnEnd: 1, reachesFullOn: '2026-05-14', onTrack: true });
    expect(longer.overall).toMatchObject({ reachesFullOn: '2026-05-14', onTrack: true });
  });

  it("shows a commune officer their commune only, and another's as not found", async () => {
    const answer = await get('', officer);
    expect(answer.communes.map((c) => c.communeCode)).toEqual([OTHER]);
    expect(answer.overall).toMatchObject({ target: 4, verified: 0 });
    const theirs = await get(`?commune=${OTHER}`, officer);
    expect(theirs.overall.target).toBe(4);
    for (const query of [`?commune=${LONG_XUYEN}`, '?commune=99999', `?extraPointCommune=${LONG_XUYEN}&extraPointDays=2`]) {
      const refused = await app.inject({ method: 'GET', url: `/api/v1/figures/projection${query}`, headers: officer });
      expect(refused.statusCode, query).toBe(404);
      expect(refused.json(), query).toMatchObject({ code: 'COMMUNE_NOT_FOUND' });
    }
  });

  it('refuses a half what-if, too many days, a bad code and a what-if elsewhere than the commune viewed', async () => {
    for (const query of [`?extraPointCommune=${OTHER}`, '?extraPointDays=3', `?extraPointCommune=${OTHER}&extraPointDays=61`, `?extraPointCommune=${OTHER}&extraPointDays=0`, '?commune=3029', '?commune=%00', `?commune=${LONG_XUYEN}&extraPointCommune=${OTHER}&extraPointDays=2`, '?x=1']) {
      const refused = await app.inject({ method: 'GET', url: `/api/v1/figures/projection${query}`, headers: viewer });
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json(), query).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });
});
