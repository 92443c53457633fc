/** Writes a demo run into the database: citizens, subscribers, planted problems, figures, campaign. */
import type { BulkWriter, Database } from '../db/open.ts';
import { deleteEveryRow, readTableReferences, referencingTablesFirst } from '../db/table-order.ts';
import { openDemoDeployment, setDemoNowQuery } from '../clock/index.ts';
import { seedReferenceData } from '../registry/index.ts';
import { DEMO_CAMPAIGN } from './campaign.ts';
import { DemoDataExistsError } from './errors.ts';
import type { UnitPopulation } from './geography.ts';
import {
  CITIZEN_COLUMNS,
  DemoRowGenerator,
  PLANTED_COLUMNS,
  SUBSCRIBER_COLUMNS,
  type DemoRequest,
} from './row-generator.ts';
import type { DemoSummary } from './tally.ts';
import { noticesOf } from './carrier-notices.ts';
import { writeNotices } from './carrier-notices.repository.ts';

/** Called after every batch with the lines written so far and the lines asked for. */
export type DemoProgress = (done: number, total: number) => void;

export interface GenerateDemoOptions extends DemoRequest {
  /** Delete everything but the reference data first, in the same transaction (see {@link clearDemoData}). */
  replace?: boolean;
  onProgress?: DemoProgress;
}

/**
 * Generates a deterministic demo of `options.lines` lines into `db` (migrated): citizens into the
 * national-database simulator, their subscriber lines, the planted problems, the official
 * population figures scaled to the run, the campaign `AG-2026` if missing and a `demo_runs` row.
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
    await writePopulation(db, writer, generator.population);
    await ensureCampaign(db, writer, generator.settings.referenceNow);
    for (const batch of generator.batches()) {
      await writer.insert('nid_citizens', CITIZEN_COLUMNS, batch.citizens);
      await writer.insert('subscribers', SUBSCRIBER_COLUMNS, batch.subscribers);
      if (batch.planted.length > 0) await writer.insert('demo_planted', PLANTED_COLUMNS, batch.planted);
      await writeNotices(db, writer, noticesOf(batch, generator.settings.referenceNow));
      options.onProgress?.(batch.linesDone, options.lines);
    }
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

// Through the bulk writer, not the registry's setUnitPopulation: the figures must commit or roll
// back with the rest of the run.
async function writePopulation(db: Database, writer: BulkWriter, figures: readonly UnitPopulation[]): Promise<void> {
  for (const f of figures) {
    await writer.run(
      db.kysely
        .updateTable('admin_units')
        .set({ population: f.population, population_14plus: f.population14plus })
        .where('code', '=', f.code),
    );
  }
}

async function ensureCampaign(db: Database, writer: BulkWriter, createdAt: string): Promise<void> {
  const found = await writer.run(db.kysely.selectFrom('campaigns').select('id').where('code', '=', DEMO_CAMPAIGN.code));
  if (found.length > 0) return;
  const columns = [...Object.keys(DEMO_CAMPAIGN), 'created_at'];
  await writer.insert('campaigns', columns, [[...Object.values(DEMO_CAMPAIGN), createdAt]]);
}

