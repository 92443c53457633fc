import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Reconciliation runs (with the cursor a run resumes from) and the latest field-level result of
 * every line reconciled against the National Population Database.
 */
export const reconciliation: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await t
      .id(db.schema.createTable('reconciliation_runs'))
      .addColumn('started_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('finished_at', t.timestamp)
      // Highest subscriber id already reconciled: the run resumes after it.
      .addColumn('cursor', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('checked', t.bigint, (c) => c.notNull().defaultTo(0))
      // Lines per mismatch kind so far, as JSON: committed with each batch, so a resumed run adds on.
      .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('last_error', 'text')
      .execute();
    await db.schema.createIndex('reconciliation_runs_open').on('reconciliation_runs').columns(['finished_at']).execute();

    await db.schema
      .createTable('reconciliation_results')
      .addColumn('subscriber_id', t.bigint, (c) => c.primaryKey().references('subscribers.id'))
      .addColumn('run_id', t.bigint, (c) => c.notNull().references('reconciliation_runs.id'))
      .addColumn('found_at', t.timestamp, (c) => c.notNull())
      .addColumn('mismatch_kind', 'text', (c) => c.notNull())
      .addColumn('document_result', 'text', (c) => c.notNull())
      .addColumn('name_result', 'text', (c) => c.notNull())
      .addColumn('birth_date_result', 'text', (c) => c.notNull())
      .addColumn('name_detail', 'text')
      .addColumn('birth_date_detail', 'text')
      .addColumn('deceased', 'integer', (c) => c.notNull())
      .execute();
  },
};
