/**
 * Reconciliation of 1,000,000 demo lines on SQLite: tttb's `runReconciliation` (read in keyset
 * batches → NationalIdService.verifyBatch (the simulator) → classify → upsert results, target
 * groups, requirements) against a named peer, DuckDB running the plain join of the same subscribers
 * with the same population records and the same per-field comparisons in one SQL statement. The
 * peer's load (SQLite → CSV → DuckDB) is timed apart and not counted. Both answers are counted by
 * mismatch kind and must agree. ratio = tttb time / DuckDB join time. With a PostgreSQL server
 * (`--postgres URL` or TTTB_TEST_DATABASE_URL), the same run on the same demo in PostgreSQL too,
 * beside SQLite, with the ratio PostgreSQL / SQLite.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { migrateToLatest } from '../src/db/migrate.ts';
import { maskUrl, openDatabase } from '../src/db/open.ts';
import { generateDemo } from '../src/demo/index.ts';
import { createSimulatorNationalIdService, type NationalIdService } from '../src/verification/national-id/index.ts';
import { MISMATCH_KINDS, runReconciliation, type MismatchCounts } from '../src/verification/reconciliation/index.ts';
import { numberArg } from './args.ts';
import { postgresArg, withFreshPostgres } from './postgres.ts';

const DEFAULT_LINES = 1_000_000;
const DEFAULT_SEED = 2026;

/**
 * `--lines N` (default 1,000,000), `--seed S` (default 2026), `--batch-size B` (tttb's default),
 * `--postgres URL`.
 */
export async function run(args: string[]): Promise<void> {
  const lines = numberArg(args, '--lines', DEFAULT_LINES);
  const seed = numberArg(args, '--seed', DEFAULT_SEED);
  const batchSize = args.includes('--batch-size') ? numberArg(args, '--batch-size', 0) : undefined;
  const postgresUrl = postgresArg(args);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-bench-reconcile-'));
  const file = path.join(dir, 'tttb.db');
  try {
    const tttb = await generatedAndReconciled(`file:${file}`, { lines, seed }, batchSize);
    const peer = await timeDuckDb(file, dir);
    const onPostgres = postgresUrl
      ? await withFreshPostgres(postgresUrl, 'reconcile', (url) => generatedAndReconciled(url, { lines, seed }, batchSize))
      : undefined;
    const disagreements = MISMATCH_KINDS.filter((k) => tttb.counts[k] !== (peer.counts[k] ?? 0));
    if (disagreements.length > 0) {
      console.error('tttb and DuckDB disagree on:', disagreements.map((k) => `${k} ${tttb.counts[k]} vs ${peer.counts[k] ?? 0}`).join(', '));
    }
    const postgresDisagrees = onPostgres ? MISMATCH_KINDS.filter((k) => onPostgres.counts[k] !== tttb.counts[k]) : [];
    if (postgresDisagrees.length > 0) console.error('PostgreSQL and SQLite disagree on:', postgresDisagrees.join(', '));

    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    const s = (ms: number) => (ms / 1000).toFixed(2);
    const tttbRows = (on: string, m: typeof tttb) => [
      { what: `tttb runReconciliation (whole run) on ${on}`, lines: fmt(m.checked), seconds: s(m.ms), 'lines/s': fmt(m.checked / (m.ms / 1000)) },
      { what: '  of which: national service (simulator)', lines: '', seconds: s(m.serviceMs), 'lines/s': '' },
      { what: '  of which: tttb itself (read, classify, write)', lines: '', seconds: s(m.ms - m.serviceMs), 'lines/s': '' },
    ];
    console.table([
      ...tttbRows('SQLite', tttb),
      ...(onPostgres ? tttbRows('PostgreSQL', onPostgres) : []),
      { what: 'peer: DuckDB load (SQLite → CSV → DuckDB), not counted', lines: fmt(peer.checked), seconds: s(peer.loadMs), 'lines/s': '' },
      { what: 'peer: DuckDB join + per-field comparisons', lines: fmt(peer.checked), seconds: s(peer.joinMs), 'lines/s': fmt(peer.checked / (peer.joinMs / 1000)) },
    ]);
    console.log('counts by mismatch kind (tttb):', JSON.stringify(tttb.counts));
    console.log(`counts agree with DuckDB: ${disagreements.length === 0 ? 'yes' : 'NO'}`);
    console.log(`ratio (tttb / DuckDB join time): ${(tttb.ms / peer.joinMs).toFixed(2)}`);
    console.log(`ratio without the national service (tttb itself / DuckDB join): ${((tttb.ms - tttb.serviceMs) / peer.joinMs).toFixed(2)}`);
    if (onPostgres) {
      console.log(`counts agree between PostgreSQL and SQLite: ${postgresDisagrees.length === 0 ? 'yes' : 'NO'}`);
      console.log(`ratio (PostgreSQL / SQLite, whole run): ${(onPostgres.ms / tttb.ms).toFixed(2)}`);
      console.log(`ratio (PostgreSQL / SQLite, tttb itself): ${((onPostgres.ms - onPostgres.serviceMs) / (tttb.ms - tttb.serviceMs)).toFixed(2)}`);
    } else console.log('PostgreSQL skipped: give --postgres URL or set TTTB_TEST_DATABASE_URL');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A demo of `demo.lines` lines generated into `url` (not timed), then reconciled (timed). */
async function generatedAndReconciled(url: string, demo: { lines: number; seed: number }, batchSize: number | undefined) {
  console.log(`generating ${demo.lines.toLocaleString('en-US')} lines (seed ${demo.seed}) into ${maskUrl(url)} …`);
  const db = openDatabase(url);
  try {
    await migrateToLatest(db);
    await generateDemo(db, demo);
    const simulator = createSimulatorNationalIdService(db);
    let serviceMs = 0;
    const timed: NationalIdService = {
      verify: (request) => simulator.verify(request),
      async verifyBatch(records) {
        const started = performance.now();
        try {
          return await simulator.verifyBatch(records);
        } finally {
          serviceMs += performance.now() - started;
        }
      },
    };
    const started = performance.now();
    const report = await runReconciliation(db, timed, batchSize === undefined ? {} : { batchSize });
    const ms = performance.now() - started;
    if (!report.finished) throw new Error('reconciliation did not finish');
    return { ms, serviceMs, checked: report.checked, counts: report.counts };
  } finally {
    await db.close();
  }
}

/** What the peer reads: the citizens' lines and the population records, as plain text columns. */
const EXPORTS = [
  {
    table: 'subs',
    sql: `select id, document_number, full_name, name_key, birth_date from subscribers where holder_kind = 'citizen'`,
    columns: 'id BIGINT, document_number VARCHAR, full_name VARCHAR, name_key VARCHAR, birth_date VARCHAR',
  },
  {
    // The peer reads the simulator's population table directly: it is the stand-in for the
    // national database, which tttb itself only reaches through NationalIdService.
    table: 'cit',
    sql: `select personal_id, legacy_cmnd, full_name, name_key, birth_date, deceased_on from nid_citizens`,
    columns: 'personal_id VARCHAR, legacy_cmnd VARCHAR, full_name VARCHAR, name_key VARCHAR, birth_date VARCHAR, deceased_on VARCHAR',
  },
] as const;

async function timeDuckDb(file: string, dir: string) {
  const loadStarted = performance.now();
  const sqlite = new SqliteDatabase(file, { readonly: true });
  const csvFiles = EXPORTS.map((e) => {
    const csv = path.join(dir, `${e.table}.csv`);
    writeCsv(sqlite, e.sql, csv);
    return csv;
  });
  sqlite.close();
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    for (const [i, e] of EXPORTS.entries()) {
      const columns = e.columns.split(', ').map((c) => c.split(' ')).map(([name, type]) => `'${name}': '${type}'`);
      await conn.run(
        `create table ${e.table} as select * from read_csv('${csvFiles[i]}', header = true, quote = '"', escape = '"', columns = {${columns.join(', ')}})`,
      );
    }
    const loadMs = performance.now() - loadStarted;

    await conn.run(PEER_MACROS);
    const joinStarted = performance.now();
    await conn.run(PEER_JOIN);
    const joinMs = performance.now() - joinStarted;
    const counts = await countsOf(conn);
    return { loadMs, joinMs, counts, checked: Object.values(counts).reduce((a, b) => a + b, 0) };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/**
 * The same comparisons as the national service's matching and tttb's classification, as one
 * statement: a document known as a personal ID or a legacy CMND; names equal by their canonical
 * keys (computed at write time on both sides), "diacritics missing" when one side is the other
 * with the marks of some letters lost (docs/domain.md, "Names"); birth dates equal, compatible (one is a prefix of the
 * other: `1950` / `1950-03-02`), swapped (day and month exchanged) or different.
 */
const PEER_MACROS = `
create macro bare(s) as replace(strip_accents(s), 'đ', 'd');
-- \`fewer\` is \`fuller\` with some letters' marks lost: letter by letter, the same or that letter bare.
create macro marks_lost(fewer, fuller) as
  length(fewer) = length(fuller)
  and list_bool_and(list_transform(range(1, length(fewer) + 1),
        i -> substr(fewer, i, 1) = substr(fuller, i, 1) or substr(fewer, i, 1) = bare(substr(fuller, i, 1))));
`;

const PEER_JOIN = `
create table peer_results as
with keyed as (
  select personal_id as doc, false as legacy, name_key, birth_date, deceased_on from cit
  union all
  select legacy_cmnd, true, name_key, birth_date, deceased_on from cit where legacy_cmnd is not null
),
joined as (
  select s.id,
         k.doc is not null as known,
         coalesce(k.legacy, false) as legacy,
         k.deceased_on is not null as deceased,
         case
           when k.doc is null then null
           when s.name_key = k.name_key then 'same'
           when marks_lost(s.name_key, k.name_key) or marks_lost(k.name_key, s.name_key) then 'diacritics_missing'
           else 'different'
         end as name_cmp,
         case
           when k.doc is null then null
           when s.birth_date = k.birth_date then 'match'
           when starts_with(s.birth_date, k.birth_date) or starts_with(k.birth_date, s.birth_date) then 'compatible'
           when length(s.birth_date) = 10 and length(k.birth_date) = 10 and left(s.birth_date, 4) = left(k.birth_date, 4)
                and substr(s.birth_date, 6, 2) = substr(k.birth_date, 9, 2) and substr(s.birth_date, 9, 2) = substr(k.birth_date, 6, 2)
             then 'day_month_swapped'
           else 'different'
         end as birth_cmp
  from subs s left join keyed k on k.doc = s.document_number
)
select id, name_cmp, birth_cmp, deceased,
       case
         when not known then 'document_unknown'
         when legacy then 'cmnd9'
         when name_cmp = 'different' and birth_cmp <> 'match' then 'other_person_id'
         when deceased then 'deceased'
         when name_cmp = 'diacritics_missing' then 'name_no_diacritics'
         when name_cmp = 'different' then 'name_typo'
         when birth_cmp = 'day_month_swapped' then 'birth_date_swapped'
         when birth_cmp = 'different' then 'birth_date_wrong'
         else 'ok'
       end as mismatch_kind
from joined`;

async function countsOf(conn: DuckDBConnection): Promise<Partial<MismatchCounts>> {
  const reader = await conn.runAndReadAll('select mismatch_kind, count(*) as n from peer_results group by mismatch_kind');
  return Object.fromEntries(reader.getRows().map(([kind, n]) => [String(kind), Number(n)]));
}

function writeCsv(sqlite: SqliteDatabase.Database, query: string, file: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    const statement = sqlite.prepare(query).raw(true);
    fs.writeSync(fd, statement.columns().map((c) => c.name).join(',') + '\n');
    let chunk: string[] = [];
    for (const row of statement.iterate() as Iterable<(string | number | null)[]>) {
      chunk.push(row.map(csvField).join(','));
      if (chunk.length === 50_000) {
        fs.writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length > 0) fs.writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    fs.closeSync(fd);
  }
}

/** SQLite hands back text, integers or null here. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
