/**
 * The weekly report's xlsx template and its upload (docs/reports.md): tttb hands out a workbook
 * of the carrier's week pre-filled with its own figures (the rows sheet, the instructions sheet,
 * and a sheet naming the carrier, week and campaign, so a file is not sent back for another week);
 * the upload is read back into rows, each cell that cannot be read a problem with its sheet, row
 * and column (letter and code). The checks across rows are report-rows.ts's, as for the API.
 */
import ExcelJS from 'exceljs';
import { cellText, columnLetter, readVisibleSheets, type SheetRow } from '../access/index.ts';
import { REPORT_COLUMN_CODES, REPORT_COLUMNS, type CampaignWeek, type ReportColumnCode, type ReportFigures } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import { headerLayout, headerProblem, type TableColumn } from '../registry/import/table-columns.ts';
import { parseCount } from '../registry/statistics/statistics-row.ts';
import type { CandidateRow, ReportProblem } from './report-rows.ts';

export const REPORT_SHEET = 'bao_cao_tuan';
const HELP_SHEET = 'huong_dan';
const ABOUT_SHEET = 'thong_tin';

type TemplateColumn = ReportColumnCode | 'commune_code' | 'commune_name' | 'comment';

/** The rows sheet's columns: the commune (by code; its name for the reader), the figures, the comment. */
export const TEMPLATE_COLUMNS: readonly (TableColumn<TemplateColumn> & { help: string })[] = [
  { code: 'commune_code', label: 'Mã xã', required: true, aliases: ['Mã đơn vị hành chính'], help: 'Mã xã, phường, đặc khu (5 chữ số). Mỗi đơn vị một dòng; không đổi.' },
  { code: 'commune_name', label: 'Tên xã', required: false, help: 'Để đọc; tttb không dùng cột này.' },
  ...REPORT_COLUMNS.map((c) => ({ code: c.code, label: c.label, required: true, help: `${c.help} Số nguyên không âm.` })),
  { code: 'comment', label: 'Ghi chú', required: false, aliases: ['Ghi chu', 'Lý do'], help: 'Bắt buộc khi một số liệu lệch với số liệu của tttb (cảnh báo): ghi lý do.' },
];

const layoutOf = headerLayout<TemplateColumn>(TEMPLATE_COLUMNS);

export interface TemplateRow {
  communeCode: string;
  communeName: string | null;
  figures: ReportFigures;
  comment: string | null;
}

export interface TemplateOf {
  campaignCode: string;
  carrier: string;
  week: CampaignWeek;
  dueAt: string;
}

/** The template of `of`'s week, its rows `rows` (tttb's draft, or a revision's figures). */
export async function reportTemplate(of: TemplateOf, rows: readonly TemplateRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(REPORT_SHEET);
  sheet.addRow([`Báo cáo tuần ${of.week.week} (${of.week.startsOn} – ${of.week.endsOn}) của nhà mạng ${of.carrier}, hạn nộp ${of.dueAt}`]).font = { bold: true };
  const header = sheet.addRow(TEMPLATE_COLUMNS.map((c) => c.label));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(1).numFmt = '@';
  TEMPLATE_COLUMNS.forEach((c, i) => (sheet.getColumn(i + 1).width = c.code === 'commune_name' || c.code === 'comment' ? 28 : 14));
  for (const r of rows) sheet.addRow([r.communeCode, r.communeName ?? '', ...REPORT_COLUMN_CODES.map((c) => r.figures[c]), r.comment ?? '']);
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 2 }];

  const help = workbook.addWorksheet(HELP_SHEET);
  help.columns = [
    { header: 'Cột', key: 'letter', width: 6 },
    { header: 'Mã cột', key: 'code', width: 24 },
    { header: 'Tên cột', key: 'label', width: 40 },
    { header: 'Cách ghi', key: 'help', width: 100 },
  ];
  TEMPLATE_COLUMNS.forEach((c, i) => help.addRow({ letter: columnLetter(i), code: c.code, label: c.label, help: c.help }));
  help.getRow(1).font = { bold: true };

  const about = workbook.addWorksheet(ABOUT_SHEET);
  about.addRows([
    ['campaign', of.campaignCode],
    ['carrier', of.carrier],
    ['week', of.week.week],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ReadTemplate {
  sheet: string;
  rows: CandidateRow[];
  problems: ReportProblem[];
  /** The cell of a column in a row, for the checks' problems (D7). */
  cellOf: (row: number, column: string | null) => string | null;
}

/**
 * Reads an uploaded template of `of`'s week. A file that is not one (no rows sheet header, columns
 * missing, another carrier's or week's template) is refused as a whole.
 * @throws AppError REPORT_FILE_INVALID
 */
export async function readReportTemplate(path: string, fileName: string, of: TemplateOf): Promise<ReadTemplate> {
  const sheets = await readVisibleSheets(path, { code: 'REPORT_FILE_INVALID', name: fileName });
  checkAbout(sheets.find((s) => s.name === ABOUT_SHEET)?.rows, of);
  const sheet = sheets.find((s) => s.name === REPORT_SHEET) ?? sheets[0];
  if (!sheet) throw new AppError('REPORT_FILE_INVALID', `${fileName} không có trang tính nào.`);
  const headerAt = sheet.rows.findIndex((r) => r.cells.filter((c) => typeof c === 'string' && c.trim() !== '').length >= 2);
  if (headerAt < 0) throw new AppError('REPORT_FILE_INVALID', `Trang ${sheet.name} không có hàng tiêu đề (${TEMPLATE_COLUMNS.map((c) => c.label).join(', ')}).`);
  const headerRow = sheet.rows[headerAt] as SheetRow;
  const layout = layoutOf(headerRow.cells.map((c) => (typeof c === 'string' ? c : typeof c === 'number' ? String(c) : '')));
  if (layout.missing.length > 0 || layout.duplicated.length > 0) {
    throw new AppError('REPORT_FILE_INVALID', `Trang ${sheet.name}, hàng ${headerRow.number}: ${headerProblem(layout, TEMPLATE_COLUMNS)}.`);
  }
  const cellOf = (row: number, column: string | null) => {
    const at = column === null ? undefined : layout.index[column as TemplateColumn];
    return at === undefined ? null : `${columnLetter(at)}${row}`;
  };
  const problems: ReportProblem[] = [];
  const rows: CandidateRow[] = [];
  for (const r of sheet.rows.slice(headerAt + 1)) {
    const fail = (column: TemplateColumn, code: string, message: string) =>
      problems.push({ sheet: sheet.name, row: r.number, communeCode: null, column: column === 'commune_name' ? null : column, cell: cellOf(r.number, column), severity: 'error', code, message });
    const text = (column: TemplateColumn): string | null => {
      const at = layout.index[column];
      const read = cellText(at === undefined ? null : (r.cells[at] ?? null));
      if ('problem' in read) {
        fail(column, 'REPORT_CELL_UNREADABLE', read.problem);
        return null;
      }
      return read.text;
    };
    const rawCode = text('commune_code');
    if (rawCode === null) continue;
    // Excel turns a code typed into a number cell into a number, dropping its leading zero.
    const communeCode = /^\d{1,5}$/.test(rawCode) ? rawCode.padStart(5, '0') : rawCode;
    if (communeCode === '') {
      fail('commune_code', 'REPORT_COMMUNE_REQUIRED', 'Cần mã xã, phường, đặc khu.');
      continue;
    }
    const figures: Partial<ReportFigures> = {};
    let complete = true;
    for (const column of REPORT_COLUMN_CODES) {
      const value = text(column);
      const count = value === null || value === '' ? null : parseCount(value, false);
      if (count === null) {
        complete = false;
        if (value === '') fail(column, 'REPORT_VALUE_REQUIRED', 'Ô bắt buộc đang để trống: không có số liệu thì ghi 0.');
        else if (value !== null) fail(column, 'REPORT_VALUE_INVALID', `Cần một số nguyên không âm, ô đang ghi "${value.slice(0, 40)}".`);
      } else figures[column] = count;
    }
    const comment = text('comment');
    const problemsOfRow = problems.filter((p) => p.row === r.number);
    for (const p of problemsOfRow) p.communeCode = communeCode;
    rows.push({ row: r.number, communeCode, figures: complete ? (figures as ReportFigures) : null, comment: comment === '' ? null : comment });
  }
  return { sheet: sheet.name, rows, problems, cellOf };
}

/** The template's own sheet says whose week it is: another carrier's or week's file is refused. */
function checkAbout(rows: readonly SheetRow[] | undefined, of: TemplateOf): void {
  if (!rows) return;
  const value = (key: string) => {
    const cell = rows.find((r) => r.cells[0] === key)?.cells[1];
    return typeof cell === 'string' || typeof cell === 'number' ? String(cell) : null;
  };
  const said = { campaign: value('campaign'), carrier: value('carrier'), week: value('week') };
  const expected = { campaign: of.campaignCode, carrier: of.carrier, week: String(of.week.week) };
  if (said.campaign !== expected.campaign || said.carrier !== expected.carrier || said.week !== expected.week) {
    throw new AppError(
      'REPORT_FILE_INVALID',
      `Tệp này là mẫu báo cáo tuần ${said.week ?? '?'} của nhà mạng ${said.carrier ?? '?'} (chiến dịch ${said.campaign ?? '?'}), không phải tuần ${expected.week} của ${expected.carrier}: tải đúng mẫu của tuần cần nộp.`,
    );
  }
}
