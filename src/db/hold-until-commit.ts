/** Serialising requests that count before they write (limits), on both dialects. */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Holds `key` until the caller's transaction ends on PostgreSQL, so requests at the same moment
 * are counted one after another and cannot all slip under a limit. SQLite runs one write
 * transaction at a time already.
 */
export async function holdUntilCommit(db: Kysely<DB>, key: string): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
  }
}
