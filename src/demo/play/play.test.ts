import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDemoDeployment } from '../../clock/index.ts';
import { describeEachDatabase } from '../../db/testing.ts';
import { verifyFigures } from '../../figures/index.ts';
import { generateDemo } from '../index.ts';
import { playDemo, type DayPlayed } from './play.ts';
import { reportsGrid } from '../../reports/index.ts';

describeEachDatabase('demo play', ({ db }) => {
  const total = (days: readonly DayPlayed[]) => days.reduce((s, d) => s + Object.values(d.verified).reduce((a, n) => a + n, 0), 0);

  it('moves the campaign day by day through the real services, the figures equal to their recount, the same for the same seed', async () => {
    await generateDemo(db(), { lines: 1500, seed: 11 });
    const deployment = await openDemoDeployment(db());
    const days = await playDemo(db(), deployment, { to: '2026-05-01', seed: 5 });
    expect(days.map((d) => d.day)).toEqual(['2026-04-28', '2026-04-29', '2026-04-30', '2026-05-01']);
    // The evening of the last day, in Vietnam.
    expect(deployment.clock.now().toISOString()).toMatch(/^2026-05-01T15:00:/);
    expect(total(days)).toBeGreaterThan(20);
    expect(await verifyFigures(db().kysely)).toEqual([]);

    const flows = await db().kysely.selectFrom('figures_daily').select(['measure', 'day']).where(sql`measure`, 'like', 'verified_%').where('n', '>', 0).execute();
    expect(new Set(flows.map((f) => f.measure)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(flows.map((f) => f.day))).toEqual(new Set(days.map((d) => d.day)));
    const gained = await db().kysely.selectFrom('figures_daily').select('n').where('measure', '=', 'target_verified').where('day', '>=', '2026-04-28').execute();
    expect(gained.reduce((s, r) => s + Number(r.n), 0)).toBeGreaterThan(0);

    // A day already played is not played again: the demo's clock does not go back.
    await expect(playDemo(db(), deployment, { to: '2026-05-01', seed: 5 })).rejects.toMatchObject({ code: 'DEMO_PLAY_DAY_PASSED' });
    const next = await playDemo(db(), deployment, { to: '2026-05-02', seed: 5 });
    expect(next.map((d) => d.day)).toEqual(['2026-05-02']);

    await generateDemo(db(), { lines: 1500, seed: 11, replace: true });
    await deployment.refresh();
    const again = await playDemo(db(), deployment, { to: '2026-05-01', seed: 5 });
    expect(again).toEqual(days);
  });

  it("plays the carriers' weekly reports: on time and late, one refused and corrected, reviewed, one returned and sent again", async () => {
    await generateDemo(db(), { lines: 1500, seed: 12, replace: true });
    const deployment = await openDemoDeployment(db());
    const days = await playDemo(db(), deployment, { to: '2026-05-07', seed: 5 });
    const sum = (key: keyof DayPlayed['reports']) => days.reduce((s, d) => s + d.reports[key], 0);
    const grid = await reportsGrid(db(), deployment.clock, 'province');
    const carriers = grid.carriers.length;
    expect(carriers).toBeGreaterThanOrEqual(3);
    expect({ refused: sum('refused'), returned: sum('returned'), accepted: sum('accepted'), submitted: sum('submitted') }).toEqual({ refused: 1, returned: 1, accepted: carriers - 1, submitted: carriers + 1 });
    const week1 = grid.carriers.map((c) => c.weeks[0]);
    expect(week1.every((w) => w?.timeliness === 'on_time' || w?.timeliness === 'late')).toBe(true);
    expect(week1.map((w) => w?.status).sort()).toEqual([...Array.from({ length: carriers - 1 }, () => 'accepted'), 'submitted'].sort());
    // Week 2 has not ended on 7/5.
    expect(grid.carriers.every((c) => c.weeks[1]?.timeliness === 'not_ended')).toBe(true);
    const comments = await db().kysely.selectFrom('weekly_report_rows').select('comment').where('comment', 'is not', null).execute();
    expect(comments.map((c) => c.comment)).toContain('Gồm lượt tự kiểm tra qua tổng đài của nhà mạng');
  });
});
