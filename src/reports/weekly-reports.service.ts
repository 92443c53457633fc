/**
 * Carriers' weekly reports (docs/reports.md): a draft from tttb's own figures, a submission (JSON
 * or the template) checked all or nothing as a new revision, the Department's review, and where
 * each carrier stands week by week (expected, received, on time, late). A revision is never
 * changed once written — only its review is added — so an accepted report stays as accepted and a
 * correction is the next revision, with why.
 */
import type { Kysely } from 'kysely';
import { auditChange } from '../access/index.ts';
import { todaysCampaign, type Clock } from '../clock/index.ts';
import type { Database } from '../db/open.ts';
import type { DB, WeeklyReportSource } from '../db/schema.ts';
import {
  campaignDate,
  campaignWeeks,
  REPORT_COLUMN_CODES,
  REPORT_COLUMNS,
  reportDueAt,
  reportTimeliness,
  vietnamDay,
  type CampaignWeek,
  type Principal,
  type ReportFigures,
  type ReportTimeliness,
  type Scope,
} from '../domain/index.ts';
import { AppError, fieldInvalid } from '../errors.ts';
import { figuresView } from '../figures/index.ts';
import { checkReportRows, type CandidateRow, type ReportProblem } from './report-rows.ts';
import { insertRevision, listRevisions, reportingCarriers, reviewRevision, revisionsOf, rowsOf, type ReportRecord } from './weekly-reports.repository.ts';

/** A week of today's campaign with its report's deadline. */
export interface ReportWeek {
  campaignId: number;
  campaignCode: string;
  provinceCode: string;
  week: CampaignWeek;
  dueAt: string;
}

/** Who acts, and when (the service's one clock). */
export interface ReportChange {
  principal: Principal;
  now: Date;
  requestId?: string | null;
  clientAddress?: string | null;
}

/** The weeks of today's campaign, each with its deadline. */
export async function reportWeeks(db: Kysely<DB>, clock: Clock): Promise<ReportWeek[]> {
  const campaign = await todaysCampaign(db, clock);
  const due = await db.selectFrom('campaigns').select(['report_due_days', 'report_due_time']).where('id', '=', campaign.id).executeTakeFirstOrThrow();
  return campaignWeeks(campaignDate(campaign.startsOn), campaignDate(campaign.endsOn)).map((week) => ({
    campaignId: campaign.id,
    campaignCode: campaign.code,
    provinceCode: campaign.provinceCode,
    week,
    dueAt: reportDueAt(week.endsOn, { daysAfter: Number(due.report_due_days), time: due.report_due_time }),
  }));
}

/** The carriers `scope` reaches: all for the province's roles, its own for a carrier's. */
function carriersOf(scope: Scope): readonly string[] | undefined {
  return scope === 'province' ? undefined : scope.filter((s) => s.kind === 'carrier').map((s) => s.value);
}

/**
 * The week `weekNumber` of `carrier`, which the caller's scope must reach: another carrier's week
 * is answered as one that does not exist, so a carrier learns nothing of the others.
 * @throws AppError REPORT_WEEK_NOT_FOUND
 */
async function carrierWeek(db: Kysely<DB>, clock: Clock, scope: Scope, carrier: string, weekNumber: number): Promise<ReportWeek> {
  const reach = carriersOf(scope);
  const week = (await reportWeeks(db, clock)).find((w) => w.week.week === weekNumber);
  if (!week || (reach && !reach.includes(carrier))) throw new AppError('REPORT_WEEK_NOT_FOUND');
  return week;
}

/** The province's communes, by code, with their names. */
async function communesOf(db: Kysely<DB>, provinceCode: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('admin_units').select(['code', 'name']).where('province_code', '=', provinceCode).orderBy('code').execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * What tttb's registry counts for the columns it knows, per commune, for `carrier`'s lines: the
 * stocks at the week's end (today's while it runs), the flows over the week.
 */
export async function registryFigures(db: Kysely<DB>, clock: Clock, carrier: string, week: CampaignWeek): Promise<Map<string, Partial<ReportFigures>>> {
  const today = vietnamDay(clock.now());
  const answer = await figuresView(db, clock, {
    by: ['commune'],
    from: week.startsOn,
    to: week.endsOn < today ? week.endsOn : today,
    scope: [{ kind: 'carrier', value: carrier }],
  });
  const figures = new Map<string, Partial<ReportFigures>>();
  for (const item of answer.items) {
    const values: Partial<ReportFigures> = {};
    for (const column of REPORT_COLUMNS) {
      if (!column.registry) continue;
      values[column.code] =
        'stock' in column.registry
          ? item.stocks[column.registry.stock as keyof typeof item.stocks]
          : column.registry.flows.reduce((sum, m) => sum + item.flows[m as keyof typeof item.flows], 0);
    }
    figures.set(item.communeCode ?? '', values);
  }
  return figures;
}

/** A commune's row as the answers show it. */
export interface ReportRowView {
  communeCode: string;
  communeName: string | null;
  figures: ReportFigures;
  comment: string | null;
  /** tttb's own figures for the columns it counts. */
  registry: Partial<ReportFigures>;
}

const ZERO = Object.fromEntries(REPORT_COLUMN_CODES.map((c) => [c, 0])) as ReportFigures;

/** A draft of `carrier`'s report for the week from tttb's registry: every commune, the columns tttb does not count at 0, for the carrier to check and complete. */
export async function draftReport(db: Database, clock: Clock, scope: Scope, carrier: string, weekNumber: number) {
  const week = await carrierWeek(db.kysely, clock, scope, carrier, weekNumber);
  const registry = await registryFigures(db.kysely, clock, carrier, week.week);
  const communes = await communesOf(db.kysely, week.provinceCode);
  const rows: ReportRowView[] = [...communes].map(([communeCode, communeName]) => {
    const known = registry.get(communeCode) ?? {};
    return { communeCode, communeName, figures: { ...ZERO, ...known }, comment: null, registry: known };
  });
  return { campaignCode: week.campaignCode, carrier, week: week.week, dueAt: week.dueAt, rows };
}

export interface Submission {
  rows: readonly CandidateRow[];
  source: WeeklyReportSource;
  /** The template's sheet the rows came from (null for JSON). */
  sheet: string | null;
  /** Required to correct an accepted report. */
  correctionReason?: string | null;
}

export type SubmissionAnswer =
  | { state: 'submitted'; revision: RevisionView; warnings: ReportProblem[]; problems: [] }
  | { state: 'refused'; revision: null; warnings: ReportProblem[]; problems: ReportProblem[] };

/**
 * Checks a submission and, when nothing is wrong, writes it as the week's next revision (a
 * revision awaiting review is superseded by it). All or nothing: one problem and nothing is kept.
 * @throws AppError REPORT_WEEK_NOT_FOUND, REPORT_WEEK_NOT_ENDED, REPORT_ACCEPTED_LOCKED
 */
export async function submitReport(db: Database, clock: Clock, carrier: string, weekNumber: number, submission: Submission, change: ReportChange): Promise<SubmissionAnswer> {
  const week = await carrierWeek(db.kysely, clock, change.principal.scope, carrier, weekNumber);
  const today = vietnamDay(change.now);
  if (today <= week.week.endsOn) {
    throw new AppError('REPORT_WEEK_NOT_ENDED', `Tuần ${week.week.week} (${week.week.startsOn} – ${week.week.endsOn}) chưa kết thúc; báo cáo nộp từ ngày hôm sau, hạn ${week.dueAt}.`);
  }
  const correctionReason = submission.correctionReason?.trim() || null;
  const previous = await revisionsOf(db.kysely, week.campaignId, carrier, weekNumber);
  if (previous.some((r) => r.status === 'accepted') && !correctionReason) throw new AppError('REPORT_ACCEPTED_LOCKED');

  const communes = await communesOf(db.kysely, week.provinceCode);
  const registry = await registryFigures(db.kysely, clock, carrier, week.week);
  const checked = checkReportRows(submission.rows, communes, registry, submission.sheet);
  if (checked.problems.length > 0) return { state: 'refused', revision: null, warnings: checked.warnings, problems: checked.problems };

  const rows = submission.rows.map((r) => ({ communeCode: r.communeCode, figures: r.figures as ReportFigures, comment: r.comment?.trim() || null }));
  const record = await db.kysely.transaction().execute(async (trx) => {
    const revisions = await revisionsOf(trx, week.campaignId, carrier, weekNumber);
    if (revisions.some((r) => r.status === 'accepted') && !correctionReason) throw new AppError('REPORT_ACCEPTED_LOCKED');
    const revision = (revisions.at(-1)?.revision ?? 0) + 1;
    const id = await insertRevision(
      trx,
      {
        campaign_id: week.campaignId,
        carrier,
        week: weekNumber,
        revision,
        status: 'submitted',
        source: submission.source,
        submitted_at: change.now.toISOString(),
        submitted_by: change.principal.actor,
        due_at: week.dueAt,
        correction_reason: correctionReason,
      },
      rows,
    );
    await auditChange(trx, { ...change, actor: change.principal.actor }, 'report.submit', subject(week, carrier, revision), { source: submission.source, communes: rows.length, correctionReason, warnings: checked.warnings.length });
    return (await revisionsOf(trx, week.campaignId, carrier, weekNumber)).find((r) => Number(r.id) === id) as ReportRecord;
  });
  return { state: 'submitted', revision: revisionView(record), warnings: checked.warnings, problems: [] };
}

/**
 * The Department accepts a revision awaiting review (it is then locked) or returns it with a comment.
 * @throws AppError REPORT_WEEK_NOT_FOUND, REPORT_NOT_FOUND, REPORT_NOT_REVIEWABLE; VALIDATION_FAILED (returned without a comment)
 */
export async function reviewReport(
  db: Database,
  clock: Clock,
  carrier: string,
  weekNumber: number,
  revision: number,
  review: { decision: 'accept' | 'return'; comment?: string | null },
  change: ReportChange,
): Promise<RevisionView> {
  const week = await carrierWeek(db.kysely, clock, change.principal.scope, carrier, weekNumber);
  const comment = review.comment?.trim() || null;
  if (review.decision === 'return' && !comment) throw fieldInvalid('comment', 'Trả lại báo cáo cần ghi rõ lý do để nhà mạng sửa.');
  return db.kysely.transaction().execute(async (trx) => {
    const found = (await revisionsOf(trx, week.campaignId, carrier, weekNumber)).find((r) => r.revision === revision);
    if (!found) throw new AppError('REPORT_NOT_FOUND');
    const status = review.decision === 'accept' ? 'accepted' : 'returned';
    if (!(await reviewRevision(trx, Number(found.id), { status, at: change.now.toISOString(), by: change.principal.actor, comment }))) throw new AppError('REPORT_NOT_REVIEWABLE');
    await auditChange(trx, { ...change, actor: change.principal.actor }, `report.${review.decision}`, subject(week, carrier, revision), { comment });
    return revisionView({ ...found, status, reviewed_at: change.now.toISOString(), reviewed_by: change.principal.actor, review_comment: comment });
  });
}

export interface RevisionView {
  revision: number;
  status: ReportRecord['status'];
  source: WeeklyReportSource;
  submittedAt: string;
  submittedBy: string;
  dueAt: string;
  onTime: boolean;
  correctionReason: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  reviewComment: string | null;
}

function revisionView(r: ReportRecord): RevisionView {
  const submittedAt = new Date(r.submitted_at).toISOString();
  const dueAt = new Date(r.due_at).toISOString();
  return {
    revision: r.revision,
    status: r.status,
    source: r.source,
    submittedAt,
    submittedBy: r.submitted_by,
    dueAt,
    onTime: submittedAt <= dueAt,
    correctionReason: r.correction_reason,
    reviewedAt: r.reviewed_at === null ? null : new Date(r.reviewed_at).toISOString(),
    reviewedBy: r.reviewed_by,
    reviewComment: r.review_comment,
  };
}

/** One carrier's week: its deadline and standing, every revision, and one revision's rows next to tttb's figures (the latest unless `revision` is given). */
export async function reportOfWeek(db: Database, clock: Clock, scope: Scope, carrier: string, weekNumber: number, revision?: number) {
  const week = await carrierWeek(db.kysely, clock, scope, carrier, weekNumber);
  const revisions = await revisionsOf(db.kysely, week.campaignId, carrier, weekNumber);
  const shown = revision === undefined ? revisions.at(-1) : revisions.find((r) => r.revision === revision);
  if (revision !== undefined && !shown) throw new AppError('REPORT_NOT_FOUND');
  const first = revisions[0] ? new Date(revisions[0].submitted_at).toISOString() : null;
  let rows: ReportRowView[] = [];
  if (shown) {
    const registry = await registryFigures(db.kysely, clock, carrier, week.week);
    const communes = await communesOf(db.kysely, week.provinceCode);
    rows = (await rowsOf(db.kysely, Number(shown.id))).map((r) => ({
      communeCode: r.commune_code,
      communeName: communes.get(r.commune_code) ?? null,
      figures: Object.fromEntries(REPORT_COLUMN_CODES.map((c) => [c, Number(r[c])])) as ReportFigures,
      comment: r.comment,
      registry: registry.get(r.commune_code) ?? {},
    }));
  }
  return {
    carrier,
    week: week.week,
    dueAt: week.dueAt,
    timeliness: reportTimeliness(week.week.endsOn, week.dueAt, first, clock.now()),
    revisions: revisions.map(revisionView),
    shown: shown ? { ...revisionView(shown), rows } : null,
  };
}

/** One carrier × week of the grid. */
export interface GridCell {
  week: number;
  timeliness: ReportTimeliness;
  /** The latest revision's status; null when none came in. */
  status: ReportRecord['status'] | null;
  revisions: number;
  firstSubmittedAt: string | null;
}

/**
 * Completeness and timeliness: for each carrier the caller sees (those with H2H lines in the
 * registry, and any that reported), each week of the campaign, and the counts — expected (weeks
 * past their deadline, and weeks received before it), received, on time, late, missing.
 */
export async function reportsGrid(db: Database, clock: Clock, scope: Scope) {
  const weeks = await reportWeeks(db.kysely, clock);
  const campaignId = weeks[0]?.campaignId ?? 0;
  const reach = carriersOf(scope);
  const revisions = await listRevisions(db.kysely, campaignId, reach);
  const carriers = [...new Set([...(await reportingCarriers(db.kysely)), ...revisions.map((r) => r.carrier)])].filter((c) => !reach || reach.includes(c)).sort();
  const now = clock.now();
  return {
    asOf: now.toISOString(),
    weeks: weeks.map((w) => ({ ...w.week, dueAt: w.dueAt })),
    carriers: carriers.map((carrier) => {
      const cells: GridCell[] = weeks.map((w) => {
        const ofWeek = revisions.filter((r) => r.carrier === carrier && r.week === w.week.week);
        const first = ofWeek[0] ? new Date(ofWeek[0].submitted_at).toISOString() : null;
        return { week: w.week.week, timeliness: reportTimeliness(w.week.endsOn, w.dueAt, first, now), status: ofWeek.at(-1)?.status ?? null, revisions: ofWeek.length, firstSubmittedAt: first };
      });
      const count = (...states: ReportTimeliness[]) => cells.filter((c) => states.includes(c.timeliness)).length;
      return { carrier, expected: count('on_time', 'late', 'missing') , received: count('on_time', 'late'), onTime: count('on_time'), late: count('late'), missing: count('missing'), weeks: cells };
    }),
  };
}

const subject = (week: ReportWeek, carrier: string, revision: number) => ({ type: 'weekly_report', id: `${week.campaignCode}/${carrier}/${week.week.week}/${revision}` });
