/** Writes a demo run into the database: citizens, subscribers, planted problems, figures, campaign. */
import type { BulkWriter, Database } from '../db/open.ts';
import { deleteEveryRow, readTableReferences, referencingTablesFirst } from '../db/table-order.ts';
import { openDemoDeployment, setDemoNowQuery } from '../clock/index.ts';
import { seedReferenceData, writeVersion } from '../registry/index.ts';
import { STANDARD_CAMPAIGN_TARGETS } from '../domain/index.ts';
import { DEMO_CAMPAIGN } from './campaign.ts';
import { DemoDataExistsError } from './errors.ts';
import {
  CITIZEN_COLUMNS,
  DemoRowGenerator,
  PLANTED_COLUMNS,
  SUBSCRIBER_COLUMNS,
  type DemoRequest,
} from './row-generator.ts';
import { demoStatisticsCsv, demoStatisticsVersion } from './statistics-file.ts';
import type { DemoSummary } from './tally.ts';
import { noticesOf } from './carrier-notices.ts';
import { writeNotices } from './carrier-notices.repository.ts';
import { recountStocks } from '../db/line-figures.ts';
import { vietnamDay } from '../domain/index.ts';

/** Called after every batch with the lines written so far and the lines asked for. */
export type DemoProgress = (done: number, total: number) => void;

export interface GenerateDemoOptions extends DemoRequest {
  /** Delete everything but the reference data first, in the same transaction (see {@link clearDemoData}). */
  replace?: boolean;
  onProgress?: DemoProgress;
}

/**
 * Generates a deterministic demo of `options.lines` lines into `db` (migrated): citizens into the
 * national-database simulator, their subscriber lines, the planted problems, the population figures
 * scaled to the run (a statistics version labelled demo, in force from the campaign's first day), the campaign `AG-2026` if missing and a `demo_runs` row.
 * The database becomes a demo (a new one) and its clock starts at the data's reference instant,
 * the campaign's first day. Everything is written in one bulk transaction: a failed run leaves
 * nothing half-written.
 * @throws DemoDataExistsError when subscribers or citizens exist and `replace` is not set.
 * @throws AppError DEMO_ONLY on a production database.
 */
export async function generateDemo(db: Database, options: GenerateDemoOptions): Promise<DemoSummary> {
  await openDemoDeployment(db);
  const generator = new DemoRowGenerator(options);
  const existing = await existingData(db);
  if (!options.replace && (existing.subscribers || existing.citizens)) throw new DemoDataExistsError(existing);
  await seedReferenceData(db);
  options.onProgress?.(0, options.lines);

  const clearing = options.replace ? await tablesToClear(db) : [];
  await db.bulkLoad(
    async (writer) => {
    for (const table of clearing) await writer.run(deleteEveryRow(db, table));
    // A new demo's history starts over, so its clock does too (the one move back there is).
    await writer.run(setDemoNowQuery(db.kysely, generator.settings.referenceNow, new Date().toISOString()));
    await writeDemoStatistics(db, writer, generator);
    await ensureCampaign(db, writer, generator.settings.referenceNow);
    for (const batch of generator.batches()) {
      await writer.insert('nid_citizens', CITIZEN_COLUMNS, batch.citizens);
      await writer.insert('subscribers', SUBSCRIBER_COLUMNS, batch.subscribers);
      if (batch.planted.length > 0) await writer.insert('demo_planted', PLANTED_COLUMNS, batch.planted);
      await writeNotices(db, writer, noticesOf(batch, generator.settings.referenceNow));
      options.onProgress?.(batch.linesDone, options.lines);
    }
    // The registry was written in bulk, so its figures are counted once, on the demo's first day.
    await recountStocks(writer.kysely, vietnamDay(generator.settings.referenceNow));
    await writer.insert(
      'demo_runs',
      ['seed', 'lines', 'citizens', 'settings', 'generated_at'],
      // When the run happened is a fact about the run, not demo data: the real clock is right here.
      [[options.seed, options.lines, generator.summary.citizens, JSON.stringify(generator.settings), new Date().toISOString()]],
    );
    },
    { rebuildIndexesOf: ['subscribers', 'nid_citizens'] },
  );
  return generator.summary;
}

async function existingData(db: Database): Promise<{ subscribers: boolean; citizens: boolean }> {
  const subscriber = await db.kysely.selectFrom('subscribers').select('id').limit(1).executeTakeFirst();
  const citizen = await db.kysely.selectFrom('nid_citizens').select('personal_id').limit(1).executeTakeFirst();
  return { subscribers: subscriber !== undefined, citizens: citizen !== undefined };
}

/**
 * What `replace` clears: every table, read from the schema, each before the tables it references,
 * so whatever any capability has written goes (reconciliation runs, attempts, notices, self-checks
 * …). Kept: the reference data the demo builds on, the deployment row (its clock is reset) and
 * Kysely's migration bookkeeping.
 */
async function tablesToClear(db: Database): Promise<string[]> {
  const { tables, references } = await readTableReferences(db);
  return referencingTablesFirst(tables, references).filter((t) => !KEPT_BY_REPLACE.has(t));
}

const KEPT_BY_REPLACE: ReadonlySet<string> = new Set(['admin_units', 'deployment', 'kysely_migration', 'kysely_migration_lock']);

// Through the bulk writer: the figures must commit or roll back with the rest of the run. A database
// that already holds this very table (imported from `demo generate --out`) keeps its version.
async function writeDemoStatistics(db: Database, writer: BulkWriter, generator: DemoRowGenerator): Promise<void> {
  const csv = demoStatisticsCsv(generator.units, generator.population);
  const version = demoStatisticsVersion(csv, generator.settings.referenceNow);
  const known = await writer.run(db.kysely.selectFrom('statistics_versions').select('id').where('file_sha256', '=', version.file_sha256));
  if (known.length > 0) return;
  const figures = generator.population.map((f) => ({ communeCode: f.code, population: f.population, population14plus: f.population14plus }));
  await writeVersion(db, writer, version, figures);
}

async function ensureCampaign(db: Database, writer: BulkWriter, createdAt: string): Promise<void> {
  const found = await writer.run(db.kysely.selectFrom('campaigns').select('id').where('code', '=', DEMO_CAMPAIGN.code));
  if (found.length > 0) return;
  const columns = [...Object.keys(DEMO_CAMPAIGN), 'created_at'];
  await writer.insert('campaigns', columns, [[...Object.values(DEMO_CAMPAIGN), createdAt]]);
  // The Circular's three targets, as a new campaign gets them.
  const [campaign] = await writer.run(db.kysely.selectFrom('campaigns').select('id').where('code', '=', DEMO_CAMPAIGN.code));
  await writer.insert(
    'campaign_targets',
    ['campaign_id', 'code', 'measure', 'goal_share', 'label', 'carrier', 'commune_type', 'updated_at', 'updated_by'],
    STANDARD_CAMPAIGN_TARGETS.map((t) => [campaign?.id, t.code, t.measure, t.goalShare, t.label, t.carrier, t.communeType, createdAt, 'demo']),
  );
}

