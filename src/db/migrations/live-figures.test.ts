import { expect, it } from 'vitest';
import { migrateToLatest } from '../migrate.ts';
import { createTestDatabase, testDialects } from '../testing.ts';
import { migrateTo } from './migrate-to.testing.ts';
import { testLine } from '../../registry/subscriber.testing.ts';
import { seedReferenceData } from '../../registry/index.ts';

for (const dialect of testDialects()) {
  it(`0023 opens the figures of a registry already there on the day of its latest change [${dialect}]`, async () => {
    const t = createTestDatabase(dialect);
    const db = t.open();
    try {
      await migrateTo(db, '0022_campaign_targets');
      await seedReferenceData(db);
      await db.kysely
        .insertInto('subscribers')
        .values([
          testLine({ verification_state: 'verified', updated_at: '2026-05-02T18:30:00.000Z' }),
          testLine({ verification_state: 'unverified', updated_at: '2026-05-01T01:00:00.000Z' }),
          testLine({ verification_state: 'unverified', line_class: 'non_h2h', updated_at: '2026-05-01T01:00:00.000Z' }),
        ])
        .execute();
      expect(await migrateToLatest(db)).toContain('0023_live_figures');
      const daily = await db.kysely.selectFrom('figures_daily').select(['day', 'commune_code', 'measure', 'n']).orderBy('measure').execute();
      // 18:30 UTC on 2/5 is 01:30 on 3/5 in Vietnam.
      expect(daily.map((r) => ({ ...r, n: Number(r.n) }))).toEqual([
        { day: '2026-05-03', commune_code: '30292', measure: 'lines', n: 2 },
        { day: '2026-05-03', commune_code: '30292', measure: 'lines_verified', n: 1 },
      ]);
      const totals = await db.kysely.selectFrom('figures_total').select(['measure', 'n']).orderBy('measure').execute();
      expect(totals.map((r) => [r.measure, Number(r.n)])).toEqual([['lines', 2], ['lines_verified', 1]]);
    } finally {
      await db.close();
      await t.dispose();
    }
  });
}
