/** The weekly reports' SQL: revisions, their rows, and their review. */
import type { Kysely, Selectable } from 'kysely';
import type { DB, WeeklyReportRowTable, WeeklyReportTable } from '../db/schema.ts';
import { REPORT_COLUMN_CODES, type ReportFigures } from '../domain/index.ts';

export type ReportRecord = Selectable<WeeklyReportTable>;
export type ReportRowRecord = Selectable<WeeklyReportRowTable>;

/** One commune's figures and comment, as submitted. */
export interface SubmittedRow {
  communeCode: string;
  figures: ReportFigures;
  comment: string | null;
}

/** Every revision of the campaign's reports (of `carriers` when given), in order. */
export async function listRevisions(db: Kysely<DB>, campaignId: number, carriers?: readonly string[]): Promise<ReportRecord[]> {
  if (carriers?.length === 0) return [];
  let query = db.selectFrom('weekly_reports').selectAll().where('campaign_id', '=', campaignId);
  if (carriers) query = query.where('carrier', 'in', carriers);
  return query.orderBy('carrier').orderBy('week').orderBy('revision').execute();
}

/** The revisions of one carrier's week, oldest first. */
export async function revisionsOf(db: Kysely<DB>, campaignId: number, carrier: string, week: number): Promise<ReportRecord[]> {
  return db.selectFrom('weekly_reports').selectAll().where('campaign_id', '=', campaignId).where('carrier', '=', carrier).where('week', '=', week).orderBy('revision').execute();
}

export async function rowsOf(db: Kysely<DB>, reportId: number): Promise<ReportRowRecord[]> {
  return db.selectFrom('weekly_report_rows').selectAll().where('report_id', '=', reportId).orderBy('commune_code').execute();
}

export type NewRevision = Omit<ReportRecord, 'id' | 'reviewed_at' | 'reviewed_by' | 'review_comment'>;

/** Writes a revision and its rows; the one awaiting review before it is superseded. Its id. */
export async function insertRevision(db: Kysely<DB>, revision: NewRevision, rows: readonly SubmittedRow[]): Promise<number> {
  await db
    .updateTable('weekly_reports')
    .set({ status: 'superseded' })
    .where('campaign_id', '=', revision.campaign_id)
    .where('carrier', '=', revision.carrier)
    .where('week', '=', revision.week)
    .where('status', '=', 'submitted')
    .execute();
  const { id } = await db.insertInto('weekly_reports').values(revision).returning('id').executeTakeFirstOrThrow();
  const reportId = Number(id);
  // 102 communes × 18 values: far below either driver's bind-parameter limit.
  if (rows.length > 0) {
    await db
      .insertInto('weekly_report_rows')
      .values(rows.map((r) => ({ report_id: reportId, commune_code: r.communeCode, comment: r.comment, ...pick(r.figures) })))
      .execute();
  }
  return reportId;
}

function pick(figures: ReportFigures): ReportFigures {
  return Object.fromEntries(REPORT_COLUMN_CODES.map((c) => [c, figures[c]])) as ReportFigures;
}

/** Records the review of a revision still awaiting it; false when it no longer is (someone reviewed it, or a newer one came in). */
export async function reviewRevision(db: Kysely<DB>, id: number, review: { status: 'accepted' | 'returned'; at: string; by: string; comment: string | null }): Promise<boolean> {
  const result = await db
    .updateTable('weekly_reports')
    .set({ status: review.status, reviewed_at: review.at, reviewed_by: review.by, review_comment: review.comment })
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The carriers with H2H lines in the registry now: the ones whose reports are expected. */
export async function reportingCarriers(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('figures_total').select('carrier').distinct().where('measure', '=', 'lines').where('n', '>', 0).orderBy('carrier').execute();
  return rows.map((r) => r.carrier);
}
