import { expect, it } from 'vitest';
import { migrateToLatest } from '../migrate.ts';
import { readTableReferences } from '../table-order.ts';
import { createTestDatabase, testDialects } from '../testing.ts';
import { migrateTo } from './migrate-to.testing.ts';

for (const dialect of testDialects()) {
  it(`0019 drops the foreign keys of reconciliation_results and keeps its rows [${dialect}]`, async () => {
    const t = createTestDatabase(dialect);
    const db = t.open();
    try {
      await migrateTo(db, '0018_lock_orders');
      const at = '2026-05-01T03:00:00.000Z';
      const line = await db.kysely
        .insertInto('subscribers')
        .values({
          msisdn: '0912345678', carrier: 'vinaphone', line_class: 'h2h', holder_kind: 'citizen', document_type: 'personal_id',
          document_number: '089201000001', full_name: 'Nguyễn Văn An', name_key: 'nguyen van an', birth_date: '2001-01-01',
          birth_precision: 'day', registered_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const run = await db.kysely.insertInto('reconciliation_runs').values({ started_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      const result = {
        subscriber_id: line.id, run_id: run.id, found_at: at, mismatch_kind: 'name_typo', document_result: 'match', name_result: 'different',
        birth_date_result: 'match', name_detail: 'Nguyễn Văn Ân', birth_date_detail: null, deceased: 0,
      } as const;
      await db.kysely.insertInto('reconciliation_results').values(result).execute();

      // 0019 first, then whatever came after it.
      expect((await migrateToLatest(db))[0]).toBe('0019_unchecked_results');
      const { references } = await readTableReferences(db);
      expect(references.filter((r) => r.table === 'reconciliation_results')).toEqual([]);
      expect(await db.kysely.selectFrom('reconciliation_results').selectAll().execute()).toEqual([{ ...result, subscriber_id: Number(line.id), run_id: Number(run.id) }]);
    } finally {
      await db.close();
      await t.dispose();
    }
  });
}
