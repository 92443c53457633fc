import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * What this database is for, decided once when it is created: `demo` (synthetic data, simulators,
 * its own clock) or `production` (the real adapters, the wall clock). One row, written by the
 * first command or start that opens the database (src/deployment). A database that already held
 * a generated demo before this migration is a demo.
 */
export const deployment: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('deployment')
      // Always 1: the check keeps the table to a single row.
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('demo', 'production')`))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      // The demo's "now" when it was last set, and the wall-clock instant it was set at; null in production.
      .addColumn('demo_now', t.timestamp)
      .addColumn('demo_now_set_at', t.timestamp)
      .execute();
    const demo = await sql<{ generated_at: string }>`select min(generated_at) as generated_at from demo_runs`.execute(db);
    if (demo.rows[0]?.generated_at) {
      await sql`insert into deployment (id, mode, created_at, demo_now, demo_now_set_at) values (1, 'demo', ${t.now}, ${t.now}, ${t.now})`.execute(db);
    }
  },
};
