import crypto from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Official statistics, versioned (src/registry/statistics, docs/imports.md "Official statistics"):
 * - `statistics_versions`: one table of the statistics office as loaded — its source, the day it was
 *   published, the day from which it counts (`effective_from`), who loaded it and when, the file's
 *   SHA-256 (the same file twice is one version), and whether it is the demo's made-up figures;
 * - `statistics_figures`: the population and the population aged 14+ of every commune of that version.
 * A figure for a day comes from the version in force that day, so a new version never rewrites the
 * figures of past weeks. The figures `admin_units` held (only the demo ever wrote them) move into a
 * version of their own, and the columns go: one place holds the denominators.
 */
export const officialStatistics: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await t
      .id(db.schema.createTable('statistics_versions'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('published_on', 'text', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('loaded_at', t.timestamp, (c) => c.notNull())
      .addColumn('loaded_by', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('file_sha256', 'text', (c) => c.notNull().unique())
      .addColumn('is_demo', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('statistics_versions_in_force').on('statistics_versions').columns(['effective_from', 'loaded_at']).execute();

    await db.schema
      .createTable('statistics_figures')
      .addColumn('version_id', t.bigint, (c) => c.notNull().references('statistics_versions.id'))
      .addColumn('commune_code', 'text', (c) => c.notNull().references('admin_units.code'))
      .addColumn('population', t.bigint, (c) => c.notNull())
      .addColumn('population_14plus', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('statistics_figures_pk', ['version_id', 'commune_code'])
      .addCheckConstraint('statistics_figures_counts', sql`population_14plus >= 0 and population_14plus <= population`)
      .execute();

    await carryOverAdminUnitFigures(db);
    await db.schema.alterTable('admin_units').dropColumn('population').execute();
    await db.schema.alterTable('admin_units').dropColumn('population_14plus').execute();
  },
};

/**
 * A database that had figures in `admin_units` keeps them as a version, in force from the first
 * campaign's start (or today), so the days it already reported on keep their denominators.
 */
async function carryOverAdminUnitFigures(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ code: string; population: number | string; population_14plus: number | string }>`
    select code, population, population_14plus from admin_units
    where population is not null and population_14plus is not null order by code`.execute(db);
  if (rows.length === 0) return;
  const mode = (await sql<{ mode: string }>`select mode from deployment`.execute(db)).rows[0]?.mode;
  const start = (await sql<{ day: string | null }>`select min(starts_on) as day from campaigns`.execute(db)).rows[0]?.day;
  const day = start ?? new Date().toISOString().slice(0, 10);
  const demo = mode !== 'production';
  const digest = crypto.createHash('sha256');
  for (const r of rows) digest.update(`${r.code},${r.population},${r.population_14plus}\n`);
  const [version] = (
    await sql<{ id: number | string }>`
      insert into statistics_versions (source, published_on, effective_from, loaded_at, loaded_by, file_name, file_sha256, is_demo)
      values (${demo ? 'Số liệu mô phỏng (demo)' : 'Số liệu dân số có trước khi phiên bản hóa (chuyển từ danh mục đơn vị hành chính)'},
              ${day}, ${day}, ${new Date().toISOString()}, ${'migration:0017_official_statistics'}, ${'admin_units'}, ${digest.digest('hex')}, ${demo ? 1 : 0})
      returning id`.execute(db)
  ).rows;
  await sql`
    insert into statistics_figures (version_id, commune_code, population, population_14plus)
    select ${Number(version?.id)}, code, population, population_14plus from admin_units
    where population is not null and population_14plus is not null`.execute(db);
}
