import { sql, type Kysely, PostgresAdapter, type CreateTableBuilder, type ColumnDefinitionBuilder } from 'kysely';

/** Types that differ between SQLite and PostgreSQL, so one migration serves both. */
export function columnTypes(db: Kysely<unknown>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    postgres,
    timestamp: postgres ? sql`timestamptz` : sql`text`,
    /** An auto-increment surrogate key. */
    id<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C | 'id'> {
      return postgres
        ? table.addColumn('id', 'bigint', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity())
        : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
    },
    bigint: postgres ? sql`bigint` : sql`integer`,
    now: postgres ? sql`now()` : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
  };
}
