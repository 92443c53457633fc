/**
 * The checks of a weekly report's rows, whichever way they came in (the API's JSON, the uploaded
 * template): every commune of the province exactly once, each rule of domain/weekly-report.ts, and
 * every warning explained by the row's comment. One problem refuses the whole report.
 */
import { checkReportFigures, reportColumnLabel, type ReportColumnCode, type ReportFigures, type ReportFinding } from '../domain/index.ts';

/** Where a problem is: the template's sheet and row (the JSON's item number), the commune and the column. */
export interface ReportProblem {
  sheet: string | null;
  row: number | null;
  communeCode: string | null;
  column: ReportColumnCode | 'commune_code' | 'comment' | null;
  /** The template's cell (D7), for an uploaded file. */
  cell?: string | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

/** A row as read, before the checks across rows: its figures when its cells could be read. */
export interface CandidateRow {
  row: number;
  communeCode: string;
  figures: ReportFigures | null;
  comment: string | null;
}

export interface RowsChecked {
  /** Errors refuse the report. */
  problems: ReportProblem[];
  /** Warnings whose rows explain them: kept with the report. */
  warnings: ReportProblem[];
}

/** The longest comment a row keeps. */
export const MAX_COMMENT_LENGTH = 1_000;

export function checkReportRows(
  rows: readonly CandidateRow[],
  communes: ReadonlyMap<string, string>,
  registry: ReadonlyMap<string, Partial<ReportFigures>>,
  sheet: string | null,
): RowsChecked {
  const problems: ReportProblem[] = [];
  const warnings: ReportProblem[] = [];
  const at = (row: number | null, communeCode: string | null) => ({ sheet, row, communeCode });
  const rowsOf = new Map<string, number[]>();
  for (const r of rows) {
    if (!communes.has(r.communeCode)) {
      problems.push({ ...at(r.row, r.communeCode), column: 'commune_code', severity: 'error', code: 'REPORT_COMMUNE_UNKNOWN', message: `Mã xã "${r.communeCode}" không có trong danh mục xã, phường, đặc khu của tỉnh.` });
      continue;
    }
    rowsOf.set(r.communeCode, [...(rowsOf.get(r.communeCode) ?? []), r.row]);
    if (r.comment !== null && r.comment.length > MAX_COMMENT_LENGTH) {
      problems.push({ ...at(r.row, r.communeCode), column: 'comment', severity: 'error', code: 'REPORT_COMMENT_TOO_LONG', message: `Ghi chú dài quá ${MAX_COMMENT_LENGTH} ký tự.` });
    }
    if (!r.figures) continue;
    for (const finding of checkReportFigures(r.communeCode, r.figures, registry.get(r.communeCode))) {
      const problem = problemOf(finding, r.row, sheet);
      if (finding.severity === 'error') problems.push(problem);
      else if (r.comment === null || r.comment.trim() === '') {
        problems.push({ ...problem, severity: 'error', code: 'REPORT_WARNING_NEEDS_COMMENT', message: `${problem.message} Ghi lý do vào cột ghi chú (comment) của dòng này.` });
      } else warnings.push(problem);
    }
  }
  for (const [code, seen] of rowsOf) {
    if (seen.length < 2) continue;
    for (const row of seen) problems.push({ ...at(row, code), column: 'commune_code', severity: 'error', code: 'REPORT_COMMUNE_TWICE', message: `${communes.get(code)} (mã ${code}) có ở nhiều dòng: ${seen.join(', ')}.` });
  }
  for (const [code, name] of communes) {
    if (!rowsOf.has(code)) problems.push({ ...at(null, code), column: null, severity: 'error', code: 'REPORT_COMMUNE_MISSING', message: `Báo cáo không có dòng của ${name} (mã ${code}): mỗi xã, phường, đặc khu một dòng, không có số liệu thì ghi 0.` });
  }
  problems.sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity));
  return { problems, warnings };
}

function problemOf(finding: ReportFinding, row: number, sheet: string | null): ReportProblem {
  return {
    sheet,
    row,
    communeCode: finding.communeCode,
    column: finding.column,
    severity: finding.severity,
    code: finding.code,
    message: `${reportColumnLabel(finding.column)}: ${finding.message}`,
  };
}
