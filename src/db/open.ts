/**
 * Opens the configured database: SQLite through better-sqlite3 (default, embedded) or PostgreSQL
 * through pg, both behind one Kysely instance, plus a bulk loader for set-sized writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Compilable, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.ts';
import { copyRows } from './postgres-copy.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Writes many rows fast, inside one transaction opened by {@link Database.bulkLoad}. */
export interface BulkWriter {
  /**
   * Appends rows (text, numbers, nulls) to a table: prepared inserts on SQLite, a streamed
   * `COPY … FROM STDIN` on PostgreSQL, whose errors name the table and line but never a value.
   */
  insert(table: keyof DB, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
  /**
   * Loads rows as {@link insert} does into a temporary table with the columns of `like` (none of
   * its keys, constraints or indexes), dropped when the load ends, and returns its name: set-based
   * statements take them from there. Once per table and load.
   */
  stage(like: keyof DB, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<string>;
  /** Runs a Kysely query (built with `db.kysely`, not executed) inside the bulk transaction. */
  run<R>(query: Compilable<R>): Promise<R[]>;
  /** Kysely on the bulk transaction's own connection, for code written against `Kysely<DB>`. */
  readonly kysely: Kysely<DB>;
}

export interface BulkLoadOptions {
  /**
   * Tables whose secondary indexes are dropped for the load and rebuilt before commit: building an
   * index once is far cheaper than maintaining it row by row. Unique and primary keys stay. On
   * PostgreSQL their foreign keys are dropped for the load too and checked once before commit
   * (set-based), and the tables analysed.
   */
  rebuildIndexesOf?: readonly (keyof DB)[];
}

export interface Database {
  readonly kysely: Kysely<DB>;
  readonly dialect: Dialect;
  /** The URL with any password masked, for logs. */
  readonly description: string;
  /** PostgreSQL: the schema in use when one was asked for (tests). */
  readonly schema: string | undefined;
  /**
   * Runs `fn` in one transaction of the driver itself, for loads too large for row-by-row Kysely.
   * Inside it, execute through the writer (or `writer.kysely`), never `db.kysely`: on SQLite the
   * load holds Kysely's one connection, and a query on `db.kysely` would wait for the load to end.
   */
  bulkLoad<T>(fn: (writer: BulkWriter) => Promise<T>, options?: BulkLoadOptions): Promise<T>;
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
  /**
   * SQLite only: checkpoint the WAL from a worker thread instead of inside commits
   * (sqlite-checkpointer.ts) — for a long-running service; `onError` hears its failures.
   */
  backgroundCheckpoints?: { onError(message: string): void };
}

/** Opens `file:PATH` (SQLite) or `postgres://…`; the caller runs migrations. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith('file:')) return openSqlite(url.slice('file:'.length), options.backgroundCheckpoints);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.schema);
  throw new Error(`Unsupported database URL (expected file:PATH or postgres://…): ${maskUrl(url)}`);
}

// Distinct statements kept prepared. Queries of one shape share one SQL text; batch queries whose
// `in (…)` lists vary in length add one each, so the oldest are dropped beyond this.
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every statement again on each query; preparing costs more than
 * running a small indexed read (about 35 µs against 5 µs), which the hot paths (self-check, SMS
 * answers) pay thousands of times a second. Reusing a prepared statement is safe here: Kysely runs
 * one query at a time per connection, and each run completes before the next starts.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

const MMAP_BYTES = 256 * 1024 * 1024;

function openSqlite(file: string, backgroundCheckpoints: OpenOptions['backgroundCheckpoints']): Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Hot paths (self-check, SMS answers) read lines at random across the whole table and write a few
  // rows per request: a 64 MiB page cache keeps the indexes in memory, memory-mapped reads skip a
  // system call per page, and checkpointing every ~40 MB of WAL (not every 4 MB) writes a page that
  // many commits touched once instead of many times. Bulk loads use the same cache: 1 GiB for them
  // made a 1 M-line import's process peak at 1.3 GB, and applied it in 30 s against 32 s with this one.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
  sqlite.pragma('wal_autocheckpoint = 10000');
  let checkpointer: Checkpointer | undefined;
  if (backgroundCheckpoints && file !== ':memory:') {
    // The worker checkpoints every second (a page many commits touch is copied once a second, not
    // once per commit); the commit-time threshold (about 400 MB of WAL) is only the backstop should
    // it stop.
    sqlite.pragma('wal_autocheckpoint = 100000');
    checkpointer = startCheckpointer(path.resolve(file), { intervalMs: 1_000, onError: (error) => backgroundCheckpoints.onError(error) });
  }
  // One cache of prepared statements for Kysely's queries and the bulk writer's.
  const statements = withStatementCache(sqlite);
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }) });
  const insert = (table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]) => {
    const stmt = statements.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    for (const row of rows) stmt.run(...row);
    return Promise.resolve();
  };
  const writer: Omit<BulkWriter, 'kysely' | 'stage'> = {
    insert,
    run<R>(query: Compilable<R>) {
      const compiled = query.compile();
      const stmt = statements.prepare(compiled.sql);
      if (stmt.reader) return Promise.resolve(stmt.all(...compiled.parameters) as R[]);
      stmt.run(...compiled.parameters);
      return Promise.resolve([]);
    },
  };
  return {
    kysely,
    dialect: 'sqlite',
    description: `sqlite:${file}`,
    schema: undefined,
    bulkLoad(fn, options = {}) {
      // On Kysely's one connection, held: the service's other queries wait for the load instead
      // of running inside its transaction.
      return kysely.connection().execute(async (connection) => {
        // A load that reads a whole table through the memory map would hold every mapped page in the
        // process's RSS (256 MB of them took a 1 M-line import from 410 to 540 MB); through the page
        // cache it reads as fast.
        sqlite.pragma('mmap_size = 0');
        sqlite.exec('begin immediate');
        try {
          const indexes = sqlite
            .prepare(
              `select name, sql from sqlite_master where type = 'index' and sql is not null
               and tbl_name in (${(options.rebuildIndexesOf ?? []).map(() => '?').join(', ') || "''"})`,
            )
            .all(...(options.rebuildIndexesOf ?? [])) as { name: string; sql: string }[];
          for (const index of indexes) sqlite.exec(`drop index ${index.name}`);
          // SQLite has no `on commit drop`: the load drops its staging tables itself.
          const staged: string[] = [];
          const stage: BulkWriter['stage'] = async (like, columns, rows) => {
            const name = `staged_${like}`;
            sqlite.exec(`create temp table ${name} as select * from main.${like} where false`);
            staged.push(name);
            await insert(name, columns, rows);
            return name;
          };
          const result = await fn({ ...writer, stage, kysely: connection });
          for (const name of staged) sqlite.exec(`drop table temp.${name}`);
          for (const index of indexes) sqlite.exec(index.sql);
          sqlite.exec('commit');
          return result;
        } catch (error) {
          sqlite.exec('rollback');
          throw error;
        } finally {
          sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
        }
      });
    },
    async close() {
      await checkpointer?.stop();
      await kysely.destroy();
    },
  };
}

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
    schema,
    async bulkLoad(fn, options = {}) {
      await ensureSchema();
      const client = await pool.connect();
      try {
        await client.query('begin');
        // What the load rebuilds, read from the catalogue (small loads, a reconciliation batch,
        // rebuild nothing and skip the reads).
        const rebuilt = options.rebuildIndexesOf ?? [];
        const catalogue = async <T extends pg.QueryResultRow>(query: string) =>
          rebuilt.length > 0 ? (await client.query<T>(query, [rebuilt])).rows : [];
        // Secondary indexes only: those backing a primary key or unique constraint stay.
        const indexes = await catalogue<{ name: string; definition: string }>(
          `select i.indexname as name, i.indexdef as definition
             from pg_indexes i
            where i.schemaname = current_schema() and i.tablename = any($1)
              and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = current_schema()::regnamespace)`,
        );
        for (const index of indexes) await client.query(`drop index ${index.name}`);
        // Their foreign keys too: PostgreSQL checks one row at a time with a locking read of the
        // parent (the demo's subscribers → admin_units: a third of loading them); added back NOT
        // VALID and then validated, they are checked once, set-based.
        const foreignKeys = await catalogue<{ table: string; name: string; definition: string }>(
          `select t.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
             from pg_constraint c join pg_class t on t.oid = c.conrelid
            where c.contype = 'f' and c.connamespace = current_schema()::regnamespace and t.relname = any($1)`,
        );
        for (const key of foreignKeys) await client.query(`alter table ${key.table} drop constraint ${key.name}`);
        const writer: BulkWriter = {
          async run<R>(query: Compilable<R>) {
            const compiled = query.compile();
            const result = await client.query(compiled.sql, compiled.parameters as unknown[]);
            return result.rows as R[];
          },
          insert: (table, columns, rows) => copyRows(client, table, columns, rows),
          async stage(like, columns, rows) {
            const name = `staged_${like}`;
            await client.query(`create temp table ${name} (like ${like}) on commit drop`);
            await copyRows(client, name, columns, rows);
            return name;
          },
          kysely: onOneClient(client),
        };
        const result = await fn(writer);
        for (const index of indexes) await client.query(index.definition);
        for (const key of foreignKeys) {
          await client.query(`alter table ${key.table} add constraint ${key.name} ${key.definition} not valid`);
          await client.query(`alter table ${key.table} validate constraint ${key.name}`);
        }
        // A load that rebuilds a table's indexes changes it wholesale: fresh statistics, or the next
        // queries are planned for the table as it was (the demo's empty one: a keyset read of 5,000
        // lines sorted half the table, 176 ms instead of 2 ms). Autovacuum may be off or not yet round.
        for (const table of rebuilt) await client.query(`analyze ${table}`);
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

/** A Kysely whose every query runs on `client` (held by the caller, who releases it). */
function onOneClient(client: pg.PoolClient): Kysely<DB> {
  const held: PostgresPoolClient = { query: client.query.bind(client), release: () => undefined };
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: { connect: () => Promise.resolve(held), end: () => Promise.resolve() } }) });
}

/** Hides the password of a connection URL. */
export function maskUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
