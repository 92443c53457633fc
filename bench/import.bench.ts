/**
 * A carrier's subscriber file into the registry (`importSubscriberFile`), against named peers on the
 * same file in the same run: SQLite's own `sqlite3 .import` into a bare table, and PostgreSQL's
 * `COPY` (psql `\copy`) into a bare table — the bare load, no validation, no indexes.
 *
 * 1. A file of N demo lines (default 6,000,000) in the documented format, one carrier's.
 * 2. Into an empty SQLite registry, and an empty PostgreSQL one (when `--postgres URL` is given or
 *    TTTB_TEST_DATABASE_URL is set): lines/s validated, ratio to the bare load, peak RSS.
 * 3. A weekly refresh: the same file with 3% of lines changed, 0.5% gone and 0.5% new, as a
 *    snapshot over the loaded registry, against the bare load of that file.
 * Needs free disk of about 1.5 KB a line (the files, the databases and their staging).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import { CARRIER_FILE_COLUMNS, toCarrierFileRow } from '../src/demo/carrier-files.ts';
import { DemoRowGenerator } from '../src/demo/row-generator.ts';
import { numberArg } from './args.ts';
import { postgresArg, withFreshPostgres } from './postgres.ts';

const DEFAULT_LINES = 6_000_000;
const CARRIER = 'viettel';
const BYTES_PER_LINE_NEEDED = 1_500;

interface Measured {
  what: string;
  seconds: number;
  lines: number;
  peakRssMb?: number;
}

export async function run(args: string[]): Promise<void> {
  const lines = numberArg(args, '--lines', DEFAULT_LINES);
  const postgresUrl = postgresArg(args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-bench-import-'));
  const free = fs.statfsSync(dir);
  const freeBytes = free.bavail * free.bsize;
  console.log(`free disk in ${dir}: ${(freeBytes / 1e9).toFixed(1)} GB; this run needs about ${((lines * BYTES_PER_LINE_NEEDED) / 1e9).toFixed(1)} GB`);
  if (freeBytes < lines * BYTES_PER_LINE_NEEDED) throw new Error('not enough free disk for this run');
  try {
    const file = path.join(dir, 'full.csv');
    const refresh = path.join(dir, 'refresh.csv');
    const written = await writeFiles(file, refresh, lines);
    console.log(`files: ${fmt(written.lines)} lines (${(fs.statSync(file).size / 1e6).toFixed(0)} MB), refresh ${fmt(written.refreshLines)} lines`);

    const results: Measured[] = [];
    const sqliteDb = path.join(dir, 'tttb.db');
    results.push(childImport('tttb import → empty SQLite', `file:${sqliteDb}`, file, 'snapshot', lines));
    results.push(sqliteBare('peer: sqlite3 .import → bare table', path.join(dir, 'bare.db'), file, lines));
    results.push(childImport('tttb import, weekly refresh as snapshot → SQLite', `file:${sqliteDb}`, refresh, 'snapshot', written.refreshLines));
    results.push(sqliteBare('peer: sqlite3 .import of the refresh → bare table', path.join(dir, 'bare2.db'), refresh, written.refreshLines));
    if (postgresUrl) {
      await withFreshPostgres(postgresUrl, 'import', async (url) => {
        results.push(childImport('tttb import → empty PostgreSQL', url, file, 'snapshot', lines));
        results.push(await postgresBare('peer: PostgreSQL COPY → bare table', url, file, lines));
        results.push(childImport('tttb import, weekly refresh as snapshot → PostgreSQL', url, refresh, 'snapshot', written.refreshLines));
        results.push(await postgresBare('peer: PostgreSQL COPY of the refresh → bare table', url, refresh, written.refreshLines));
      });
    } else console.log('PostgreSQL skipped: give --postgres URL or set TTTB_TEST_DATABASE_URL');

    console.table(results.map((r) => ({ what: r.what, lines: fmt(r.lines), seconds: r.seconds.toFixed(2), 'lines/s': fmt(r.lines / r.seconds), 'peak RSS MB': r.peakRssMb?.toFixed(0) ?? '' })));
    for (let i = 0; i + 1 < results.length; i += 2) {
      const [tttb, peer] = [results[i] as Measured, results[i + 1] as Measured];
      console.log(`ratio (${tttb.what} / ${peer.what}): ${(tttb.seconds / peer.seconds).toFixed(2)}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The full file and its refresh, streamed from the demo generator, every line as CARRIER's. */
async function writeFiles(file: string, refresh: string, lines: number): Promise<{ lines: number; refreshLines: number }> {
  const full = fs.createWriteStream(file);
  const next = fs.createWriteStream(refresh);
  const write = async (stream: fs.WriteStream, rows: unknown[][]) => {
    if (rows.length > 0 && !stream.write(stringify(rows))) await once(stream, 'drain');
  };
  await write(full, [CARRIER_FILE_COLUMNS as string[]]);
  await write(next, [CARRIER_FILE_COLUMNS as string[]]);
  const name = CARRIER_FILE_COLUMNS.indexOf('full_name');
  const imei = CARRIER_FILE_COLUMNS.indexOf('imei');
  const msisdn = CARRIER_FILE_COLUMNS.indexOf('msisdn');
  let n = 0;
  let refreshLines = 0;
  for (const batch of new DemoRowGenerator({ lines, seed: 2026 }).batches()) {
    const rows = batch.subscribers.map(toCarrierFileRow);
    const changed: unknown[][] = [];
    for (const row of rows) {
      n++;
      // 0.5% gone, 3% changed (a corrected name or a new handset), 0.5% new lines beside them.
      if (n % 200 === 0) continue;
      const copy = [...row];
      if (n % 33 === 0) copy[n % 2 === 0 ? name : imei] = n % 2 === 0 ? `${String(row[name])} Anh` : null;
      changed.push(copy);
      if (n % 200 === 1) {
        const added = [...row];
        // One new number per 200 lines: unique up to 200 M lines (n itself would repeat its last six digits every million).
        added[msisdn] = `0399${String(Math.floor(n / 200)).padStart(6, '0')}`;
        changed.push(added);
      }
    }
    refreshLines += changed.length;
    await write(full, rows);
    await write(next, changed);
  }
  full.end();
  next.end();
  await Promise.all([once(full, 'finish'), once(next, 'finish')]);
  return { lines: n, refreshLines };
}

function childImport(what: string, db: string, file: string, mode: string, lines: number): Measured {
  const result = spawnSync(process.execPath, ['bin/run-ts.mjs', 'bench/import.child.ts', '--db', db, '--file', file, '--carrier', CARRIER, '--mode', mode], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`${what}: the import exited with ${result.status}`);
  const out = JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as { seconds: number; phases: Record<string, { seconds: number; peakRssMb: number }>; peakRssMb: number; report: unknown };
  console.log(what, JSON.stringify(out.report));
  console.log(`  by phase: ${Object.entries(out.phases).map(([name, p]) => `${name} ${p.seconds.toFixed(1)} s (peak RSS ${p.peakRssMb.toFixed(0)} MB)`).join(', ')}`);
  return { what, seconds: out.seconds, lines, peakRssMb: out.peakRssMb };
}

function sqliteBare(what: string, db: string, file: string, lines: number): Measured {
  const columns = CARRIER_FILE_COLUMNS.map((c) => `${c} text`).join(', ');
  execFileSync('sqlite3', [db, `create table bare (${columns});`]);
  const started = performance.now();
  execFileSync('sqlite3', [db, '-cmd', '.mode csv', `.import --skip 1 ${file} bare`]);
  return { what, seconds: (performance.now() - started) / 1000, lines };
}

async function postgresBare(what: string, url: string, file: string, lines: number): Promise<Measured> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop table if exists bare; create table bare (${CARRIER_FILE_COLUMNS.map((c) => `${c} text`).join(', ')})`);
  } finally {
    await client.end();
  }
  const started = performance.now();
  execFileSync('psql', [url, '-q', '-c', `\\copy bare from '${file}' with (format csv, header true)`]);
  return { what, seconds: (performance.now() - started) / 1000, lines };
}
