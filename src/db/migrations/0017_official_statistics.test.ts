import { Migrator, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../testing.ts';
import { migrations } from './index.ts';

for (const dialect of testDialects()) {
  describe(`0017_official_statistics [${dialect}]`, () => {
    it('keeps the figures admin_units held as a demo version, in force from the campaign’s start', async () => {
      const t = createTestDatabase(dialect);
      const db = t.open();
      try {
        const k = db.kysely;
        const migrator = new Migrator({ db: k, provider: { getMigrations: () => Promise.resolve(migrations) }, ...(db.schema ? { migrationTableSchema: db.schema } : {}) });
        expect((await migrator.migrateTo('0015_pushed_results')).error).toBeUndefined();
        // Written as the demo wrote them before versions existed (the columns are gone from the types).
        const units = [
          { code: '30292', name: 'Phường Bình Đức', type: 'phuong', province_code: '91', population: 1000, population_14plus: 800 },
          { code: '30301', name: 'Phường Mỹ Thới', type: 'phuong', province_code: '91', population: 2000, population_14plus: 1500 },
          { code: '30307', name: 'Phường Long Xuyên', type: 'phuong', province_code: '91', population: null, population_14plus: null },
        ];
        await (k as unknown as Kysely<{ admin_units: (typeof units)[number] }>).insertInto('admin_units').values(units).execute();
        await k.insertInto('deployment').values({ id: 1, mode: 'demo', created_at: '2026-04-27T17:00:00.000Z', demo_now: null, demo_now_set_at: null }).execute();
        await k
          .insertInto('campaigns')
          .values({ code: 'AG-2026', name: 'Chiến dịch 30 ngày', province_code: '91', legal_basis: 'x', starts_on: '2026-04-28', ends_on: '2026-05-28' })
          .execute();

        expect((await migrator.migrateToLatest()).error).toBeUndefined();
        const version = await k.selectFrom('statistics_versions').selectAll().executeTakeFirstOrThrow();
        expect(version).toMatchObject({ source: 'Số liệu mô phỏng (demo)', published_on: '2026-04-28', effective_from: '2026-04-28', is_demo: 1 });
        const figures = await k.selectFrom('statistics_figures').select(['commune_code', 'population', 'population_14plus']).orderBy('commune_code').execute();
        expect(figures.map((f) => [f.commune_code, Number(f.population), Number(f.population_14plus)])).toEqual([
          ['30292', 1000, 800],
          ['30301', 2000, 1500],
        ]);
        const columns = Object.keys(await k.selectFrom('admin_units').selectAll().executeTakeFirstOrThrow());
        expect(columns.sort()).toEqual(['code', 'name', 'province_code', 'type']);
      } finally {
        await db.close();
        await t.dispose();
      }
    });
  });
}
