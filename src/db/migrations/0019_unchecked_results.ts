import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * `reconciliation_results` without its foreign keys (to `subscribers` and `reconciliation_runs`).
 * PostgreSQL checks a foreign key row by row, each check a locking read of the parent row: on a
 * million results that was three quarters of writing them (1M lines: ~17 s of a 74 s run). They
 * guard nothing the writer does not: reconciliation writes only the ids of lines it has just read
 * and of its own run, and neither lines nor runs are ever deleted (a line is closed, a run
 * finished; the demo's replace empties every table at once).
 */
export const uncheckedResults: Migration = {
  async up(db: Kysely<unknown>) {
    if (columnTypes(db).postgres) {
      for (const name of ['reconciliation_results_subscriber_id_fkey', 'reconciliation_results_run_id_fkey']) {
        await db.schema.alterTable('reconciliation_results').dropConstraint(name).execute();
      }
      return;
    }
    // SQLite drops a foreign key only by building the table again, from its own definition.
    const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'reconciliation_results'`.execute(db);
    const definition = table.rows[0]?.sql.replace(/ references "?\w+"? \("?\w+"?\)/gi, '');
    if (!definition || /references/i.test(definition)) throw new Error(`unexpected definition of reconciliation_results: ${table.rows[0]?.sql}`);
    await sql`alter table reconciliation_results rename to reconciliation_results_before`.execute(db);
    await sql.raw(definition).execute(db);
    await sql`insert into reconciliation_results select * from reconciliation_results_before`.execute(db);
    await sql`drop table reconciliation_results_before`.execute(db);
  },
};
