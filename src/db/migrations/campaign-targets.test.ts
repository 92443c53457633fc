import { expect, it } from 'vitest';
import { STANDARD_CAMPAIGN_TARGETS } from '../../domain/index.ts';
import { migrateToLatest } from '../migrate.ts';
import { createTestDatabase, testDialects } from '../testing.ts';
import { migrateTo } from './migrate-to.testing.ts';

for (const dialect of testDialects()) {
  it(`0022 gives a campaign already there the Circular's three targets [${dialect}]`, async () => {
    const t = createTestDatabase(dialect);
    const db = t.open();
    try {
      await migrateTo(db, '0021_staged_numbers_on_demand');
      await db.kysely
        .insertInto('campaigns')
        .values({ code: 'AG-2026', name: 'Chiến dịch', province_code: '89', legal_basis: 'Thông tư 08/2026/TT-BKHCN', starts_on: '2026-04-28', ends_on: '2026-05-28' })
        .execute();
      expect((await migrateToLatest(db))[0]).toBe('0022_campaign_targets');
      const targets = await db.kysely.selectFrom('campaign_targets').select(['code', 'measure', 'goal_share', 'updated_by']).orderBy('id').execute();
      expect(targets.map((r) => ({ ...r, goal_share: Number(r.goal_share) }))).toEqual(
        STANDARD_CAMPAIGN_TARGETS.map((s) => ({ code: s.code, measure: s.measure, goal_share: s.goalShare, updated_by: 'migration' })),
      );
    } finally {
      await db.close();
      await t.dispose();
    }
  });
}
