import { sql, type Kysely, type Migration } from 'kysely';
import { REPORT_COLUMN_CODES } from '../../domain/weekly-report.ts';
import { columnTypes } from './column-types.ts';

/**
 * Carriers' weekly reports (src/reports, docs/reports.md): each submission is a revision of its
 * carrier's week, never changed afterwards (an accepted one is locked; a correction is the next
 * revision), its figures one row per commune with the row's comment; the campaign's deadline for
 * them (days after the week's last day, at a Vietnam time).
 */
export const weeklyReports: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await t
      .id(db.schema.createTable('weekly_reports'))
      .addColumn('campaign_id', t.bigint, (c) => c.notNull().references('campaigns.id'))
      .addColumn('carrier', 'text', (c) => c.notNull())
      .addColumn('week', 'integer', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('submitted_at', t.timestamp, (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.notNull())
      .addColumn('due_at', t.timestamp, (c) => c.notNull())
      .addColumn('correction_reason', 'text')
      .addColumn('reviewed_at', t.timestamp)
      .addColumn('reviewed_by', 'text')
      .addColumn('review_comment', 'text')
      .addUniqueConstraint('weekly_reports_revision', ['campaign_id', 'carrier', 'week', 'revision'])
      .execute();
    let rows = t
      .id(db.schema.createTable('weekly_report_rows'))
      .addColumn('report_id', t.bigint, (c) => c.notNull().references('weekly_reports.id'))
      .addColumn('commune_code', 'text', (c) => c.notNull());
    for (const column of REPORT_COLUMN_CODES) rows = rows.addColumn(column, t.bigint, (c) => c.notNull().check(sql`${sql.ref(column)} >= 0`));
    await rows.addColumn('comment', 'text').addUniqueConstraint('weekly_report_rows_commune', ['report_id', 'commune_code']).execute();
    await db.schema.alterTable('campaigns').addColumn('report_due_days', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable('campaigns').addColumn('report_due_time', 'text', (c) => c.notNull().defaultTo('17:00')).execute();
  },
};
