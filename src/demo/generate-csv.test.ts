import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { DEMO_CSV_FILES, generateDemo, generateDemoCsv, type DemoSummary } from './index.ts';
import { NOTICE_LIST_COLUMNS } from './carrier-notices.ts';
import { CARRIER_FILE_COLUMNS } from './carrier-files.ts';
import { CITIZEN_COLUMNS, PLANTED_COLUMNS, SUBSCRIBER_COLUMNS } from './row-generator.ts';

const LINES = 3_000;
const SEED = 21;

/** A database value as a CSV cell: null is the empty cell. */
const cell = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

describeEachDatabase('generateDemoCsv', ({ db }) => {
  let dir: string;
  let csvSummary: DemoSummary;
  let dbSummary: DemoSummary;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-demo-csv-'));
    csvSummary = await generateDemoCsv(dir, { lines: LINES, seed: SEED });
    await seedReferenceData(db());
    dbSummary = await generateDemo(db(), { lines: LINES, seed: SEED });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const readCsv = (file: string): string[][] => parse(fs.readFileSync(path.join(dir, file), 'utf8'), {});

  it('writes its files and, per carrier, its subscriber file and notice list, with their headers and no leftovers', () => {
    const written = fs.readdirSync(dir);
    const carrierFiles = written.filter((f) => /^thue-bao-[a-z]+\.csv$/.test(f));
    const noticeLists = written.filter((f) => /^nhan-tin-[a-z]+\.csv$/.test(f));
    expect(written.filter((f) => !carrierFiles.includes(f) && !noticeLists.includes(f)).sort()).toEqual(Object.values(DEMO_CSV_FILES).sort());
    expect(carrierFiles.length).toBeGreaterThanOrEqual(3);
    expect(noticeLists.length).toBeGreaterThanOrEqual(3);
    for (const file of carrierFiles) expect(readCsv(file)[0], file).toEqual([...CARRIER_FILE_COLUMNS]);
    for (const file of noticeLists) expect(readCsv(file)[0], file).toEqual([...NOTICE_LIST_COLUMNS]);
    expect(readCsv(DEMO_CSV_FILES.subscribers)[0]).toEqual([...SUBSCRIBER_COLUMNS]);
    expect(readCsv(DEMO_CSV_FILES.citizens)[0]).toEqual([...CITIZEN_COLUMNS]);
    expect(readCsv(DEMO_CSV_FILES.planted)[0]).toEqual([...PLANTED_COLUMNS]);
  });

  it('has the same summary and the same rows as the database path', async () => {
    expect(csvSummary).toEqual(dbSummary);
    const tables = [
      ['subscribers', SUBSCRIBER_COLUMNS, DEMO_CSV_FILES.subscribers],
      ['nid_citizens', CITIZEN_COLUMNS, DEMO_CSV_FILES.citizens],
      ['demo_planted', PLANTED_COLUMNS, DEMO_CSV_FILES.planted],
    ] as const;
    for (const [table, columns, file] of tables) {
      const stored = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(db().kysely);
      const fromDb = stored.rows.map((r) => JSON.stringify(columns.map((c) => cell(r[c])))).sort();
      const fromCsv = readCsv(file).slice(1).map((r) => JSON.stringify(r)).sort();
      expect(fromCsv, table).toEqual(fromDb);
    }
  });

  it('lists the units as the database holds them', async () => {
    const units = await db().kysely.selectFrom('admin_units').selectAll().orderBy('code').execute();
    const rows = readCsv(DEMO_CSV_FILES.adminUnits);
    expect(rows[0]).toEqual(['code', 'name', 'type', 'province_code']);
    const fromCsv = rows.slice(1).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
    expect(fromCsv).toEqual(units.map((u) => [u.code, u.name, u.type, u.province_code]));
  });

  it('writes the population figures as the statistics table whose hash and figures the database’s demo version holds', async () => {
    const file = path.join(dir, DEMO_CSV_FILES.statistics);
    const text = fs.readFileSync(file);
    const version = await db().kysely.selectFrom('statistics_versions').selectAll().executeTakeFirstOrThrow();
    expect(version).toMatchObject({ source: 'Số liệu mô phỏng (demo)', is_demo: 1, file_sha256: crypto.createHash('sha256').update(text).digest('hex') });
    const rows: string[][] = parse(text, { relax_column_count: true });
    expect(rows[0]?.[0]).toMatch(/MÔ PHỎNG \(DEMO\)/);
    expect(rows[1]).toEqual(['commune_code', 'commune_name', 'population', 'population_14plus']);
    const figures = await db().kysely.selectFrom('statistics_figures').select(['commune_code', 'population', 'population_14plus']).orderBy('commune_code').execute();
    expect(rows.slice(2).map(([code, , p, p14]) => [code, Number(p), Number(p14)])).toEqual(figures.map((f) => [f.commune_code, Number(f.population), Number(f.population_14plus)]));
    expect(figures).toHaveLength(102);
  });
});
