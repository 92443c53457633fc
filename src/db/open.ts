/**
 * Opens the configured database: SQLite through better-sqlite3 (default, embedded) or PostgreSQL
 * through pg, both behind one Kysely instance, plus a bulk loader for set-sized writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Writes many rows fast, inside one transaction opened by {@link Database.bulkLoad}. */
export interface BulkWriter {
  insert(table: keyof DB & string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
}

export interface Database {
  readonly kysely: Kysely<DB>;
  readonly dialect: Dialect;
  /** The URL with any password masked, for logs. */
  readonly description: string;
  /** Runs `fn` in one transaction of the driver itself, for loads too large for row-by-row Kysely. */
  bulkLoad<T>(fn: (writer: BulkWriter) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// pg returns int8 as string and timestamptz as Date by default; the application uses numbers and
// ISO strings on both dialects.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface OpenOptions {
  /** PostgreSQL only: a schema to create (if missing) and use, so tests can share one server. */
  schema?: string;
}

/** Opens `file:PATH` (SQLite) or `postgres://…`; the caller runs migrations. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith('file:')) return openSqlite(url.slice('file:'.length));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.schema);
  throw new Error(`Unsupported database URL (expected file:PATH or postgres://…): ${maskUrl(url)}`);
}

function openSqlite(file: string): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  const statements = new Map<string, SqliteDatabase.Statement>();
  const writer: BulkWriter = {
    insert(table, columns, rows) {
      const key = `${table}(${columns.join(',')})`;
      let stmt = statements.get(key);
      if (!stmt) {
        stmt = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
        statements.set(key, stmt);
      }
      for (const row of rows) stmt.run(...row);
      return Promise.resolve();
    },
  };
  return {
    kysely,
    dialect: 'sqlite',
    description: `sqlite:${file}`,
    async bulkLoad(fn) {
      sqlite.exec('begin immediate');
      try {
        const result = await fn(writer);
        sqlite.exec('commit');
        return result;
      } catch (error) {
        sqlite.exec('rollback');
        throw error;
      }
    },
    close: () => kysely.destroy(),
  };
}

// PostgreSQL accepts at most 65,535 bind parameters per statement.
const PG_MAX_PARAMS = 60_000;

function openPostgres(url: string, schema: string | undefined): Database {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  let schemaReady: Promise<void> | undefined;
  const ensureSchema = () =>
    (schemaReady ??= schema
      ? pool.query(`create schema if not exists ${schema}`).then(() => undefined)
      : Promise.resolve());
  const kysely = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: async () => {
        await ensureSchema();
        return pool;
      },
    }),
  });
  return {
    kysely,
    dialect: 'postgres',
    description: maskUrl(url) + (schema ? ` (schema ${schema})` : ''),
    async bulkLoad(fn) {
      await ensureSchema();
      const client = await pool.connect();
      try {
        await client.query('begin');
        const writer: BulkWriter = {
          async insert(table, columns, rows) {
            const perStatement = Math.max(1, Math.floor(PG_MAX_PARAMS / columns.length));
            for (let start = 0; start < rows.length; start += perStatement) {
              const chunk = rows.slice(start, start + perStatement);
              const params: unknown[] = [];
              const tuples = chunk.map((row) => {
                const placeholders = row.map((value) => {
                  params.push(value);
                  return `$${params.length}`;
                });
                return `(${placeholders.join(', ')})`;
              });
              await client.query(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, params);
            }
          },
        };
        const result = await fn(writer);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => kysely.destroy(),
  };
}

/** Hides the password of a connection URL. */
export function maskUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
