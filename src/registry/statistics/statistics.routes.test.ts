import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedInAs } from '../../access/access.testing.ts';
import { describeEachDatabase } from '../../db/testing.ts';
import { routeTestApp } from '../../http/testing.ts';
import { loadAdminUnits } from '../../reference/index.ts';
import { adminUnitRoutes } from '../admin-units.routes.ts';
import { seedReferenceData } from '../index.ts';
import { statisticsRoutes } from './statistics.routes.ts';

const UNITS = loadAdminUnits();
const NOW = new Date('2026-05-10T03:00:00Z');
const table = (step: number) => ['commune_code,population,population_14plus', ...UNITS.map((u, i) => `${u.code},${1000 + i * step},${800 + i * step}`)].join('\n') + '\n';

interface UnitsAnswer {
  asOf: string;
  items: { code: string; population: number | null; population14plus: number | null }[];
  statistics: { id: number; source: string; effectiveFrom: string; isDemo: boolean } | null;
}

describeEachDatabase('the statistics API and the admin units’ figures as of a day', ({ db }) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;
  beforeAll(async () => {
    await seedReferenceData(db());
    app = routeTestApp(db(), { now: () => NOW });
    await app.register(adminUnitRoutes, { prefix: '/api/v1/admin-units' });
    await app.register(statisticsRoutes, { prefix: '/api/v1/statistics' });
    headers = (await signedInAs(db(), 'province_admin')).headers;
  });
  afterAll(() => app.close());

  const upload = (body: string, query: string) =>
    app.inject({ method: 'POST', url: `/api/v1/statistics?source=${encodeURIComponent('Cục Thống kê tỉnh An Giang, Niên giám 2025')}&${query}`, headers: { ...headers, 'content-type': 'text/csv' }, payload: body });
  const units = async (query = '') => (await app.inject({ method: 'GET', url: `/api/v1/admin-units/${query}` })).json<UnitsAnswer>();

  it('serves the units without figures while no version is in force', async () => {
    const answer = await units();
    expect(answer).toMatchObject({ asOf: '2026-05-10', statistics: null });
    expect(answer.items.every((u) => u.population === null && u.population14plus === null)).toBe(true);
  });

  it('loads an uploaded table, then serves each day the figures of the version in force that day', async () => {
    const first = await upload(table(1), 'published=2026-03-01&effective=2026-04-28&fileName=nien-giam-2025.csv');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ state: 'loaded', communes: 102, version: { fileName: 'nien-giam-2025.csv', effectiveFrom: '2026-04-28', isDemo: false, loadedBy: expect.any(String) as unknown } });
    const second = await upload(table(2), 'published=2026-05-09&effective=2026-05-12');
    expect(second.json()).toMatchObject({ state: 'loaded' });

    const today = await units();
    expect(today.statistics).toMatchObject({ id: first.json<{ version: { id: number } }>().version.id, source: 'Cục Thống kê tỉnh An Giang, Niên giám 2025', isDemo: false });
    expect(today.items.find((u) => u.code === UNITS[4]!.code)).toMatchObject({ population: 1004, population14plus: 804 });
    const later = await units('?asOf=2026-05-20');
    expect(later.statistics?.effectiveFrom).toBe('2026-05-12');
    expect(later.items.find((u) => u.code === UNITS[4]!.code)).toMatchObject({ population: 1008, population14plus: 808 });
    expect((await units('?asOf=2026-04-01')).statistics).toBeNull();

    const versions = (await app.inject({ method: 'GET', url: '/api/v1/statistics', headers })).json<{ versions: { effectiveFrom: string }[] }>();
    expect(versions.versions.map((v) => v.effectiveFrom)).toEqual(['2026-05-12', '2026-04-28']);
  });

  it('answers the same file again with the version it made, and a bad table with its problems', async () => {
    expect((await upload(table(1), 'published=2026-03-01')).json()).toMatchObject({ state: 'already_loaded', version: { effectiveFrom: '2026-04-28' } });
    const refused = await upload('commune_code,population,population_14plus\n30999,5,4\n', 'published=2026-05-01&effective=2026-05-15');
    expect(refused.statusCode).toBe(200);
    const report = refused.json<{ problems: { row: number | null; code: string }[] }>();
    expect(report).toMatchObject({ state: 'refused', version: null, outcomeCode: 'STATISTICS_ROWS_INVALID' });
    expect(report.problems[0]).toMatchObject({ row: 2, column: 'commune_code', code: 'ROW_COMMUNE_UNKNOWN', value: '30999' });
    expect(report.problems.slice(1).map((p) => [p.row, p.code])).toEqual(UNITS.map(() => [null, 'STATISTICS_COMMUNE_MISSING']));
  });

  it('refuses what it cannot take with problem+json', async () => {
    expect((await upload(table(3), 'published=2026-05-01')).json()).toMatchObject({ status: 409, code: 'STATISTICS_PAST_DAYS_SETTLED' });
    expect((await upload(table(3), 'published=2026-02-30')).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await upload('Tên xã\nXã A\n', 'published=2026-05-01&effective=2026-05-15')).json()).toMatchObject({ status: 400, code: 'STATISTICS_FILE_COLUMNS' });
    const noFile = await app.inject({ method: 'POST', url: '/api/v1/statistics?source=x&published=2026-05-01', headers, payload: { a: 1 } });
    expect(noFile.json()).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin-units/?asOf=2026-02-30' })).json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});
