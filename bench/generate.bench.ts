/**
 * Demo generation into SQLite: `generateDemo` (generate + bulk insert) against a named peer, a bare
 * better-sqlite3 prepared-statement insert of the same rows already in memory (same tables, same
 * columns, one transaction). The ratio is tttb's time over the peer's: what generating the data
 * costs on top of merely storing it.
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

const DEFAULT_LINES = 1_000_000;
const DEFAULT_SEED = 2026;

/** `--lines N` (default 1,000,000) and `--seed S` (default 2026). */
export async function run(args: string[]): Promise<void> {
  const lines = numberArg(args, '--lines', DEFAULT_LINES);
  const seed = numberArg(args, '--seed', DEFAULT_SEED);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-bench-generate-'));
  try {
    const tttb = await timeGenerateDemo(path.join(dir, 'tttb.db'), lines, seed);
    const peer = await timeBareInsert(path.join(dir, 'peer.db'), lines, seed);
    if (peer.rows !== tttb.rows) throw new Error(`peer wrote ${peer.rows} rows, tttb ${tttb.rows}`);
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.table([
      { what: 'tttb generateDemo (generate + insert)', lines: fmt(lines), rows: fmt(tttb.rows), seconds: (tttb.ms / 1000).toFixed(2), 'lines/s': fmt(lines / (tttb.ms / 1000)), 'rows/s': fmt(tttb.rows / (tttb.ms / 1000)) },
      { what: 'peer: bare better-sqlite3 insert, rows in memory', lines: fmt(lines), rows: fmt(peer.rows), seconds: (peer.ms / 1000).toFixed(2), 'lines/s': fmt(lines / (peer.ms / 1000)), 'rows/s': fmt(peer.rows / (peer.ms / 1000)) },
    ]);
    console.log(`ratio (tttb / peer time): ${(tttb.ms / peer.ms).toFixed(2)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function timeGenerateDemo(file: string, lines: number, seed: number): Promise<{ ms: number; rows: number }> {
  const db = await preparedDatabase(file);
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
  await (await preparedDatabase(file)).close();
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

async function preparedDatabase(file: string) {
  const db = openDatabase(`file:${file}`);
  await migrateToLatest(db);
  await seedReferenceData(db);
  return db;
}
