/**
 * An instant (ISO text) as a value of a statement. PostgreSQL types a parameter it cannot infer (in
 * a select list, an `insert … select`) as text, which a timestamptz column refuses: there it is cast.
 * SQLite keeps instants as text.
 */
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

export function instantValue<D>(db: Kysely<D>, iso: string): RawBuilder<string> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql<string>`cast(${iso} as timestamptz)` : sql<string>`${iso}`;
}
