import { createHash } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  birthDateFromIso,
  canonicalName,
  checkDocumentNumber,
  compareBirthDates,
  compareNames,
  type BirthDate,
} from '../domain/index.ts';
import type { Database } from '../db/open.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { loadReferenceData } from '../reference/index.ts';
import { seedReferenceData } from '../registry/index.ts';
import { DemoDataExistsError, DEFAULT_DEMO_SETTINGS, generateDemo, LINE_PROBLEMS, type DemoSummary } from './index.ts';
import { CITIZEN_COLUMNS, DemoRowGenerator, PLANTED_COLUMNS, SUBSCRIBER_COLUMNS } from './row-generator.ts';

const LINES = 4_000;
const SEED = 7;

const TABLES = [
  ['nid_citizens', CITIZEN_COLUMNS],
  ['subscribers', SUBSCRIBER_COLUMNS],
  ['demo_planted', PLANTED_COLUMNS],
] as const;

/** A digest of rows per table, independent of row order. */
function digestRows(tables: readonly (readonly unknown[][])[]): string {
  const hash = createHash('sha256');
  for (const rows of tables) hash.update(`${rows.map((r) => JSON.stringify(r)).sort().join('\n')}\n--\n`);
  return hash.digest('hex');
}

/** The digest of every generated row in the database (ids and run metadata excluded). */
async function digest(db: Database): Promise<string> {
  const tables: unknown[][][] = [];
  for (const [table, columns] of TABLES) {
    const rows = await sql<Record<string, unknown>>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(db.kysely);
    tables.push(rows.rows.map((r) => columns.map((c) => r[c] ?? null)));
  }
  return digestRows(tables);
}

/** The digest of the rows the generator yields for a request, without any database. */
function digestGenerated(lines: number, seed: number): string {
  const tables: unknown[][][] = [[], [], []];
  for (const batch of new DemoRowGenerator({ lines, seed }).batches()) {
    tables[0]?.push(...batch.citizens);
    tables[1]?.push(...batch.subscribers);
    tables[2]?.push(...batch.planted);
  }
  return digestRows(tables);
}

const birth = (text: unknown): BirthDate => {
  const parsed = birthDateFromIso(String(text));
  if (!parsed) throw new Error(`bad stored birth date ${String(text)}`);
  return parsed;
};

describeEachDatabase('generateDemo', ({ db }) => {
  let summary: DemoSummary;
  const ref = loadReferenceData();
  const asOf = new Date(DEFAULT_DEMO_SETTINGS.referenceNow);

  beforeAll(async () => {
    await seedReferenceData(db());
    let lastProgress = -1;
    summary = await generateDemo(db(), {
      lines: LINES,
      seed: SEED,
      onProgress: (done, total) => {
        expect(total).toBe(LINES);
        expect(done).toBeGreaterThanOrEqual(lastProgress);
        lastProgress = done;
      },
    });
    expect(lastProgress).toBe(LINES);
  });

  it('writes the lines, citizens, run, campaign and scaled population figures as a demo statistics version', async () => {
    const k = db().kysely;
    const count = async (table: 'subscribers' | 'nid_citizens' | 'demo_planted' | 'demo_runs') =>
      Number((await k.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('subscribers')).toBe(LINES);
    expect(await count('nid_citizens')).toBe(summary.citizens);
    expect(summary.lines).toBe(LINES);

    const run = await k.selectFrom('demo_runs').selectAll().executeTakeFirstOrThrow();
    expect({ seed: Number(run.seed), lines: Number(run.lines), citizens: Number(run.citizens) }).toEqual({ seed: SEED, lines: LINES, citizens: summary.citizens });
    expect(JSON.parse(run.settings)).toEqual(DEFAULT_DEMO_SETTINGS);

    const campaign = await k.selectFrom('campaigns').selectAll().where('code', '=', 'AG-2026').executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({ province_code: '91', legal_basis: 'Thông tư 08/2026/TT-BKHCN', starts_on: '2026-04-28', ends_on: '2026-05-28' });

    const version = await k.selectFrom('statistics_versions').selectAll().executeTakeFirstOrThrow();
    expect(version).toMatchObject({ source: 'Số liệu mô phỏng (demo)', is_demo: 1, published_on: '2026-04-28', effective_from: '2026-04-28', loaded_by: 'demo' });
    const totals = await k
      .selectFrom('statistics_figures')
      .where('version_id', '=', version.id)
      .select([sql<number>`sum(population)`.as('population'), sql<number>`sum(population_14plus)`.as('p14'), sql<number>`count(*)`.as('units')])
      .executeTakeFirstOrThrow();
    expect(Number(totals.population)).toBe(Math.round((4_952_238 * LINES) / 6_000_000));
    expect(Number(totals.population)).toBe(summary.population);
    expect(Number(totals.p14)).toBe(summary.population14plus);
    expect(Number(totals.units)).toBe(102);
  });

  it('gives every citizen an ID consistent with their own birth date and sex', async () => {
    const citizens = await db().kysely.selectFrom('nid_citizens').selectAll().where('nationality', '=', 'VN').execute();
    for (const c of citizens) {
      const check = checkDocumentNumber(c.personal_id, ref, { birthDate: birth(c.birth_date), sex: c.sex, asOf });
      expect(check, c.personal_id).toMatchObject({ valid: true, kind: 'personal_id' });
      expect(c.name_key).toBe(canonicalName(c.full_name));
      if (c.legacy_cmnd !== null) expect(c.legacy_cmnd).toMatch(/^\d{9}$/);
    }
  });

  it('stores the canonical name key of every line and a commune that exists', async () => {
    const lines = await db().kysely.selectFrom('subscribers').select(['full_name', 'name_key', 'commune_code']).execute();
    const units = new Set((await db().kysely.selectFrom('admin_units').select('code').execute()).map((u) => u.code));
    for (const s of lines) {
      expect(s.name_key).toBe(canonicalName(s.full_name));
      expect(units.has(String(s.commune_code))).toBe(true);
    }
  });

  it('plants exactly the summary counts, each problem really there, one per line', async () => {
    const k = db().kysely;
    const planted = await k
      .selectFrom('demo_planted as p')
      .innerJoin('subscribers as s', 's.msisdn', 'p.msisdn')
      .select(['p.problem', 'p.details', 's.document_type', 's.document_number', 's.full_name', 's.birth_date', 's.verification_state', 's.registered_at'])
      .execute();
    const citizens = new Map((await k.selectFrom('nid_citizens').selectAll().execute()).map((c) => [c.personal_id, c]));
    const counts = Object.fromEntries(LINE_PROBLEMS.map((p) => [p, 0]));
    for (const line of planted) {
      counts[line.problem] = (counts[line.problem] ?? 0) + 1;
      const details = JSON.parse(String(line.details)) as Record<string, string>;
      const citizen = citizens.get(String(details.personalId));
      if (!citizen) throw new Error(`planted line without its citizen: ${String(line.details)}`);
      expect(line.verification_state).toBe('unverified');
      switch (line.problem) {
        case 'cmnd9':
          expect(line.document_type).toBe('cmnd9');
          expect(line.document_number).toBe(citizen.legacy_cmnd);
          expect(line.document_number).toMatch(/^\d{9}$/);
          break;
        case 'name_typo':
          expect(compareNames(line.full_name, citizen.full_name)).toBe('different');
          break;
        case 'name_no_diacritics':
          expect(compareNames(line.full_name, citizen.full_name)).toBe('diacritics_missing');
          break;
        case 'birth_date_swapped':
          expect(compareBirthDates(birth(line.birth_date), birth(citizen.birth_date))).toBe('day_month_swapped');
          break;
        case 'birth_date_wrong':
          expect(compareBirthDates(birth(line.birth_date), birth(citizen.birth_date))).toBe('different');
          break;
        case 'other_person_id':
          expect(line.document_number).not.toBe(citizen.personal_id);
          expect(citizens.has(line.document_number)).toBe(true);
          break;
        case 'deceased':
          expect(citizen.deceased_on).not.toBeNull();
          expect(line.registered_at.slice(0, 10) <= String(citizen.deceased_on)).toBe(true);
          break;
        case 'sim_farm':
          break;
        default:
          throw new Error(`unknown problem ${line.problem}`);
      }
    }
    expect(counts).toEqual(summary.planted);
    for (const problem of ['cmnd9', 'name_typo', 'name_no_diacritics', 'birth_date_wrong', 'other_person_id'] as const) {
      expect(summary.planted[problem], problem).toBeGreaterThan(0);
    }
  });

  it('keeps correct lines equal to their citizen (up to the tone-mark style)', async () => {
    const rows = await db()
      .kysely.selectFrom('subscribers as s')
      .leftJoin('demo_planted as p', 'p.msisdn', 's.msisdn')
      .innerJoin('nid_citizens as c', 'c.personal_id', 's.document_number')
      .where('p.msisdn', 'is', null)
      .select(['s.full_name as line_name', 'c.full_name as citizen_name', 's.birth_date as line_birth', 'c.birth_date as citizen_birth', 's.sex as line_sex', 'c.sex as citizen_sex', 'c.deceased_on'])
      .execute();
    const plantedCount = Object.values(summary.planted).reduce((a, b) => a + b, 0);
    expect(rows.length).toBe(LINES - plantedCount);
    for (const r of rows) {
      expect(['exact', 'same']).toContain(compareNames(r.line_name, r.citizen_name));
      expect(r.line_birth).toBe(r.citizen_birth);
      expect(r.line_sex).toBe(r.citizen_sex);
      expect(r.deceased_on).toBeNull();
    }
  });

  it('spreads lines over the carriers by market share', () => {
    const share = (carrier: keyof DemoSummary['byCarrier']) => summary.byCarrier[carrier] / LINES;
    expect(share('viettel')).toBeGreaterThan(0.52);
    expect(share('viettel')).toBeLessThan(0.6);
    expect(share('viettel') + share('vinaphone') + share('mobifone')).toBeGreaterThan(0.9);
    expect(Object.values(summary.byCarrier).reduce((a, b) => a + b, 0)).toBe(LINES);
  });

  it('holds exactly the rows the generator yields for the seed, again after a rerun; another seed differs', async () => {
    const first = await digest(db());
    expect(first).toBe(digestGenerated(LINES, SEED));
    await generateDemo(db(), { lines: LINES, seed: SEED, replace: true });
    expect(await digest(db())).toBe(first);
    await generateDemo(db(), { lines: LINES, seed: SEED + 1, replace: true });
    expect(await digest(db())).not.toBe(first);
  });

  it('refuses to write over existing data without replace, and replaces it with replace', async () => {
    const before = await digest(db());
    const refused = await generateDemo(db(), { lines: 100, seed: 99 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DemoDataExistsError);
    expect(refused).toMatchObject({ code: 'DEMO_DATA_EXISTS', status: 409 });
    expect((refused as Error).message).toMatch(/đã có/);
    expect(await digest(db())).toBe(before);

    const replaced = await generateDemo(db(), { lines: 100, seed: 99, replace: true });
    const k = db().kysely;
    const n = async (table: 'subscribers' | 'nid_citizens' | 'demo_runs' | 'campaigns') =>
      Number((await k.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    expect(await n('subscribers')).toBe(100);
    expect(await n('nid_citizens')).toBe(replaced.citizens);
    expect(await n('demo_runs')).toBe(1);
    expect(await n('campaigns')).toBe(1);
  });
});
