/**
 * Versions of the official statistics and their per-commune figures (migration 0017). A day's
 * figures are those of the version in force that day: the latest `effective_from` on or before it,
 * the later loaded of two effective the same day. Versions are only ever added, so a past day keeps
 * the figures it was reported with.
 */
import type { Insertable, Selectable } from 'kysely';
import type { BulkWriter, Database } from '../../db/open.ts';
import type { StatisticsVersionTable } from '../../db/schema.ts';

export type StatisticsVersion = Selectable<StatisticsVersionTable>;
export type NewStatisticsVersion = Insertable<StatisticsVersionTable>;

/** A version as answers show it (the API, the CLI); a dry run's has no id yet. */
export interface StatisticsVersionView {
  id: number | null;
  source: string;
  publishedOn: string;
  effectiveFrom: string;
  loadedAt: string;
  loadedBy: string;
  fileName: string;
  fileSha256: string;
  isDemo: boolean;
}

/** The view of a version row (or of the row a dry run would write). */
export function versionView<V extends Omit<StatisticsVersion, 'id'> & { id: number | null }>(v: V): StatisticsVersionView & { id: V['id'] } {
  return {
    id: v.id,
    source: v.source,
    publishedOn: v.published_on,
    effectiveFrom: v.effective_from,
    loadedAt: v.loaded_at,
    loadedBy: v.loaded_by,
    fileName: v.file_name,
    fileSha256: v.file_sha256,
    isDemo: v.is_demo === 1,
  };
}

/** One commune's KPI denominators. */
export interface CommuneFigures {
  communeCode: string;
  population: number;
  population14plus: number;
}

/** The version in force on a day, and its figures by commune code. */
export interface FiguresInForce {
  version: StatisticsVersion;
  figures: CommuneFigures[];
}

/** The version in force on `day` (YYYY-MM-DD), if any version counts from that day or earlier. */
export function versionInForce(db: Database, day: string): Promise<StatisticsVersion | undefined> {
  return db.kysely
    .selectFrom('statistics_versions')
    .selectAll()
    .where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc')
    .orderBy('loaded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every commune's figures of the version in force on `day`; null when none is. */
export async function figuresAsOf(db: Database, day: string): Promise<FiguresInForce | null> {
  const version = await versionInForce(db, day);
  return version ? { version, figures: await figuresOf(db, version.id) } : null;
}

/** The figures of one version, by commune code. */
export async function figuresOf(db: Database, versionId: number): Promise<CommuneFigures[]> {
  const rows = await db.kysely
    .selectFrom('statistics_figures')
    .select(['commune_code', 'population', 'population_14plus'])
    .where('version_id', '=', versionId)
    .orderBy('commune_code')
    .execute();
  return rows.map((r) => ({ communeCode: r.commune_code, population: Number(r.population), population14plus: Number(r.population_14plus) }));
}

/** The version loaded from a file with this SHA-256, if any. */
export function versionOfFile(db: Database, sha256: string): Promise<StatisticsVersion | undefined> {
  return db.kysely.selectFrom('statistics_versions').selectAll().where('file_sha256', '=', sha256).executeTakeFirst();
}

/** The earliest version that counts from a day before `day`, if any: those days already have figures. */
export async function earliestVersionBefore(db: Database, day: string): Promise<StatisticsVersion | undefined> {
  return db.kysely.selectFrom('statistics_versions').selectAll().where('effective_from', '<', day).orderBy('effective_from').limit(1).executeTakeFirst();
}

/** Versions, the latest effective first (then the latest loaded). */
export function listVersions(db: Database, limit: number): Promise<StatisticsVersion[]> {
  return db.kysely
    .selectFrom('statistics_versions')
    .selectAll()
    .orderBy('effective_from', 'desc')
    .orderBy('loaded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Writes a version and all its figures in the writer's transaction (the import's own, or the
 * demo's run): a version is whole or absent. Returns its id.
 */
export async function writeVersion(db: Database, writer: BulkWriter, version: NewStatisticsVersion, figures: readonly CommuneFigures[]): Promise<number> {
  const [row] = await writer.run(db.kysely.insertInto('statistics_versions').values(version).returning('id'));
  const id = Number(row?.id);
  await writer.insert(
    'statistics_figures',
    ['version_id', 'commune_code', 'population', 'population_14plus'],
    figures.map((f) => [id, f.communeCode, f.population, f.population14plus]),
  );
  return id;
}
