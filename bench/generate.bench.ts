/**
 * Demo generation into SQLite: `generateDemo` (generate + bulk insert) against a named peer, a bare
 * better-sqlite3 prepared-statement insert of the same rows already in memory (same tables, same
 * columns, one transaction). The ratio is tttb's time over the peer's: what generating the data
 * costs on top of merely storing it. With a PostgreSQL server (`--postgres URL` or
 * TTTB_TEST_DATABASE_URL), `generateDemo` into an empty PostgreSQL database too, beside SQLite:
 * the ratio PostgreSQL / SQLite is the bulk path's cost on the bigger database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { migrateToLatest } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { generateDemo } from '../src/demo/index.ts';
import { CITIZEN_COLUMNS, DemoRowGenerator, PLANTED_COLUMNS, SUBSCRIBER_COLUMNS, type Row } from '../src/demo/row-generator.ts';
import { seedReferenceData } from '../src/registry/index.ts';
import { numberArg } from './args.ts';
import { postgresArg, withFreshPostgres } from './postgres.ts';

const DEFAULT_LINES = 1_000_000;
const DEFAULT_SEED = 2026;

/** `--lines N` (default 1,000,000), `--seed S` (default 2026), `--postgres URL`. */
export async function run(args: string[]): Promise<void> {
  const lines = numberArg(args, '--lines', DEFAULT_LINES);
  const seed = numberArg(args, '--seed', DEFAULT_SEED);
  const postgresUrl = postgresArg(args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-bench-generate-'));
  try {
    const tttb = await timeGenerateDemo(`file:${path.join(dir, 'tttb.db')}`, lines, seed);
    const peer = await timeBareInsert(path.join(dir, 'peer.db'), lines, seed);
    if (peer.rows !== tttb.rows) throw new Error(`peer wrote ${peer.rows} rows, tttb ${tttb.rows}`);
    const onPostgres = postgresUrl ? await withFreshPostgres(postgresUrl, 'generate', (url) => timeGenerateDemo(url, lines, seed)) : undefined;
    if (onPostgres && onPostgres.rows !== tttb.rows) throw new Error(`PostgreSQL got ${onPostgres.rows} rows, SQLite ${tttb.rows}`);
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    const row = (what: string, m: { ms: number; rows: number }) => ({
      what,
      lines: fmt(lines),
      rows: fmt(m.rows),
      seconds: (m.ms / 1000).toFixed(2),
      'lines/s': fmt(lines / (m.ms / 1000)),
      'rows/s': fmt(m.rows / (m.ms / 1000)),
    });
    console.table([
      row('tttb generateDemo (generate + insert) → SQLite', tttb),
      row('peer: bare better-sqlite3 insert, rows in memory', peer),
      ...(onPostgres ? [row('tttb generateDemo (generate + insert) → PostgreSQL', onPostgres)] : []),
    ]);
    console.log(`ratio (tttb / peer time): ${(tttb.ms / peer.ms).toFixed(2)}`);
    if (onPostgres) console.log(`ratio (PostgreSQL / SQLite, tttb generateDemo): ${(onPostgres.ms / tttb.ms).toFixed(2)}`);
    else console.log('PostgreSQL skipped: give --postgres URL or set TTTB_TEST_DATABASE_URL');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function timeGenerateDemo(url: string, lines: number, seed: number): Promise<{ ms: number; rows: number }> {
  const db = await preparedDatabase(url);
  try {
    const started = performance.now();
    const summary = await generateDemo(db, { lines, seed });
    const ms = performance.now() - started;
    const planted = Object.values(summary.planted).reduce((a, b) => a + b, 0);
    return { ms, rows: summary.citizens + summary.lines + planted };
  } finally {
    await db.close();
  }
}

async function timeBareInsert(file: string, lines: number, seed: number): Promise<{ ms: number; rows: number }> {
  await (await preparedDatabase(`file:${file}`)).close();
  const tables: [string, readonly string[], Row[]][] = [
    ['nid_citizens', CITIZEN_COLUMNS, []],
    ['subscribers', SUBSCRIBER_COLUMNS, []],
    ['demo_planted', PLANTED_COLUMNS, []],
  ];
  for (const batch of new DemoRowGenerator({ lines, seed }).batches()) {
    tables[0]?.[2].push(...batch.citizens);
    tables[1]?.[2].push(...batch.subscribers);
    tables[2]?.[2].push(...batch.planted);
  }
  // The same connection settings as tttb's SQLite connection.
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  try {
    const started = performance.now();
    sqlite.transaction(() => {
      for (const [table, columns, rows] of tables) {
        const insert = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
        for (const row of rows) insert.run(...row);
      }
    })();
    return { ms: performance.now() - started, rows: tables.reduce((sum, [, , rows]) => sum + rows.length, 0) };
  } finally {
    sqlite.close();
  }
}

async function preparedDatabase(url: string) {
  const db = openDatabase(url);
  await migrateToLatest(db);
  await seedReferenceData(db);
  return db;
}
