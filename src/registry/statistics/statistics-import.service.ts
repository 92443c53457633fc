/**
 * Loads the statistics office's table of population by commune as a new version of the official
 * statistics (docs/imports.md, "Official statistics").
 *
 * A version is complete or it is not loaded: every row is checked and every commune of the province
 * must be there exactly once; one problem and nothing is written (the answer lists them all, each
 * with its row and column). The same file twice is one version (its SHA-256). A version counts from
 * its effective day on and never reaches back over days another version already counted for, so the
 * figures of past weeks stay as they were reported.
 */
import { formatCalendarDay, indexCommuneNames, parseCalendarDay, vietnamCalendarDate } from '../../domain/index.ts';
import type { Database } from '../../db/open.ts';
import { AppError } from '../../errors.ts';
import { listAdminUnits } from '../admin-units.repository.ts';
import { hashFile } from '../import/file-hash.ts';
import { columnAt, headerProblem } from '../import/table-columns.ts';
import { openTable, type OpenedTable } from '../import/table-file.ts';
import { layoutStatisticsColumns, STATISTICS_FILE_COLUMNS, type StatisticsLayout } from './statistics-columns.ts';
import { checkStatisticsRow, type StatisticsProblem, type StatisticsRowContext } from './statistics-row.ts';
import {
  earliestVersionBefore,
  figuresOf,
  versionOfFile,
  versionView,
  writeVersion,
  type CommuneFigures,
  type StatisticsVersion,
  type StatisticsVersionView,
} from './statistics.repository.ts';

/** As the API's query allows: a publisher and a publication, not a text. */
export const MAX_SOURCE_LENGTH = 500;

/** The province has 102 communes; a table far longer than that is not a table of them. */
export const MAX_STATISTICS_ROWS = 2_000;

export interface StatisticsImportRequest {
  path: string;
  /** The name the file had where it came from. */
  fileName: string;
  /** Who published the table and where, e.g. "Cục Thống kê tỉnh An Giang, Niên giám 2025". */
  source: string;
  /** YYYY-MM-DD. */
  publishedOn: string;
  /** YYYY-MM-DD, the day from which the figures count; the publication day when not given. */
  effectiveFrom?: string;
  dryRun: boolean;
  actor: string;
  now: Date;
}

export type StatisticsImportState = 'loaded' | 'already_loaded' | 'dry_run' | 'refused';

/** What a load did: the version (new, or the one the same file made before), or every problem. */
export interface StatisticsImportReport {
  state: StatisticsImportState;
  /** The version written (or, for a dry run, what it would be: no id yet); null when refused. */
  version: StatisticsVersionView | null;
  communes: number;
  totals: { population: number; population14plus: number } | null;
  problems: StatisticsProblem[];
  outcomeCode: 'STATISTICS_ROWS_INVALID' | null;
}

/**
 * Loads one table as a version.
 * @throws TableFileError when the file cannot be read at all; AppError STATISTICS_FILE_COLUMNS,
 * STATISTICS_FILE_TOO_LONG, STATISTICS_DATES_INVALID, STATISTICS_PAST_DAYS_SETTLED.
 */
export async function importStatisticsFile(db: Database, request: StatisticsImportRequest): Promise<StatisticsImportReport> {
  const dates = checkDates(request);
  const table = await openTable(request.path);
  try {
    const { sha256 } = await hashFile(request.path);
    const previous = await versionOfFile(db, sha256);
    if (previous) return { ...(await summary(db, previous)), state: 'already_loaded' };
    await refuseRewritingPastDays(db, dates.effectiveFrom, dates.today);

    const layout = layoutStatisticsColumns(table.header);
    if (layout.missing.length > 0 || layout.duplicated.length > 0) {
      throw new AppError('STATISTICS_FILE_COLUMNS', headerProblem(layout, STATISTICS_FILE_COLUMNS), { missing: layout.missing, duplicated: layout.duplicated });
    }
    const units = await listAdminUnits(db);
    const ctx: StatisticsRowContext = { unitNames: new Map(units.map((u) => [u.code, u.name])), names: indexCommuneNames(units), groupedDigits: table.format === 'csv' };
    const { figures, problems } = await readTable(table, layout, ctx);

    const version = {
      source: request.source.trim(),
      published_on: request.publishedOn,
      effective_from: dates.effectiveFrom,
      loaded_at: request.now.toISOString(),
      loaded_by: request.actor,
      file_name: request.fileName,
      file_sha256: sha256,
      is_demo: 0,
    };
    if (problems.length > 0) return { state: 'refused', version: null, communes: figures.length, totals: null, problems, outcomeCode: 'STATISTICS_ROWS_INVALID' };
    const totals = totalsOf(figures);
    if (request.dryRun) return { state: 'dry_run', version: versionView({ ...version, id: null }), communes: figures.length, totals, problems: [], outcomeCode: null };
    try {
      const id = await db.bulkLoad((writer) => writeVersion(db, writer, version, figures));
      return { state: 'loaded', version: versionView({ ...version, id }), communes: figures.length, totals, problems: [], outcomeCode: null };
    } catch (error) {
      // The same file loaded at the same moment by someone else: theirs is the version.
      const loaded = await versionOfFile(db, sha256);
      if (loaded) return { ...(await summary(db, loaded)), state: 'already_loaded' };
      throw error;
    }
  } finally {
    await table.close();
  }
}

function checkDates(request: StatisticsImportRequest): { effectiveFrom: string; today: string } {
  const today = formatCalendarDay(vietnamCalendarDate(request.now));
  const effectiveFrom = request.effectiveFrom ?? request.publishedOn;
  const source = request.source.trim();
  if (source === '' || source.length > MAX_SOURCE_LENGTH) {
    throw new AppError('VALIDATION_FAILED', `Cần ghi nguồn số liệu (cơ quan công bố, ấn phẩm), không quá ${MAX_SOURCE_LENGTH} ký tự.`);
  }
  for (const [what, day] of [['công bố', request.publishedOn], ['áp dụng', effectiveFrom]] as const) {
    if (parseCalendarDay(day) === null) throw new AppError('STATISTICS_DATES_INVALID', `Ngày ${what} cần là một ngày có thật dạng YYYY-MM-DD.`);
  }
  if (request.publishedOn > today) throw new AppError('STATISTICS_DATES_INVALID', `Ngày công bố ${request.publishedOn} còn ở tương lai (hôm nay là ${today}).`);
  if (effectiveFrom < request.publishedOn) {
    throw new AppError('STATISTICS_DATES_INVALID', `Ngày áp dụng ${effectiveFrom} trước ngày công bố ${request.publishedOn}: số liệu chưa có thì chưa áp dụng được.`);
  }
  return { effectiveFrom, today };
}

/**
 * A version may count from a past day only while no version counts for the past yet (the first
 * one, which gives the campaign's first weeks their figures). Otherwise it would change the figures
 * of weeks already reported.
 */
async function refuseRewritingPastDays(db: Database, effectiveFrom: string, today: string): Promise<void> {
  if (effectiveFrom >= today) return;
  const settled = await earliestVersionBefore(db, today);
  if (!settled) return;
  throw new AppError(
    'STATISTICS_PAST_DAYS_SETTLED',
    `Ngày áp dụng ${effectiveFrom} đã qua, và từ ngày ${settled.effective_from} đã có số liệu (phiên bản ${settled.id}: ${settled.source}). ` +
      `Phiên bản mới chỉ áp dụng từ hôm nay (${today}) trở đi, để số liệu các tuần đã báo cáo không thay đổi.`,
  );
}

/** Every data row checked, then the checks across rows: a commune twice, communes missing. */
async function readTable(table: OpenedTable, layout: StatisticsLayout, ctx: StatisticsRowContext): Promise<{ figures: CommuneFigures[]; problems: StatisticsProblem[] }> {
  const problems: StatisticsProblem[] = [];
  const figures: CommuneFigures[] = [];
  const rowsNaming = new Map<string, number[]>();
  let rows = 0;
  for await (const item of table.rows()) {
    if (++rows > MAX_STATISTICS_ROWS) throw new AppError('STATISTICS_FILE_TOO_LONG', `Bảng có hơn ${MAX_STATISTICS_ROWS} dòng số liệu; tỉnh có ${ctx.unitNames.size} xã, phường, đặc khu.`);
    if (item.kind === 'broken') {
      problems.push({ row: item.problem.row, column: null, code: item.problem.code, message: item.problem.message, value: null });
      continue;
    }
    const { row, values } = item.row;
    for (const p of item.row.problems) problems.push({ row, column: columnAt(layout, p.column), code: p.code, message: p.message, value: null });
    const check = checkStatisticsRow(values, layout, ctx);
    problems.push(...check.problems.map((p) => ({ row, ...p })));
    if (check.communeCode !== null) rowsNaming.set(check.communeCode, [...(rowsNaming.get(check.communeCode) ?? []), row]);
    if (check.figures && item.row.problems.length === 0) figures.push(check.figures);
  }
  for (const [code, at] of rowsNaming) {
    if (at.length < 2) continue;
    const message = `${ctx.unitNames.get(code)} (mã ${code}) có ở nhiều dòng: ${at.join(', ')}.`;
    for (const row of at) problems.push({ row, column: null, code: 'ROW_DUPLICATE_COMMUNE', message, value: null });
  }
  for (const [code, name] of ctx.unitNames) {
    if (!rowsNaming.has(code)) problems.push({ row: null, column: null, code: 'STATISTICS_COMMUNE_MISSING', message: `Bảng không có số liệu của ${name} (mã ${code}).`, value: null });
  }
  // Stable: by row, the table's own problems last, in the order found.
  problems.sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity));
  return { figures, problems };
}

function totalsOf(figures: readonly CommuneFigures[]): { population: number; population14plus: number } {
  return figures.reduce((t, f) => ({ population: t.population + f.population, population14plus: t.population14plus + f.population14plus }), { population: 0, population14plus: 0 });
}

/** A version loaded before, as a report. */
async function summary(db: Database, version: StatisticsVersion): Promise<Omit<StatisticsImportReport, 'state'>> {
  const figures = await figuresOf(db, version.id);
  return { version: versionView(version), communes: figures.length, totals: totalsOf(figures), problems: [], outcomeCode: null };
}
