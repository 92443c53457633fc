/**
 * An xlsx subscriber file as a table, streamed: the sheet's rows are parsed as its XML is inflated,
 * so memory holds the shared strings (cached, as exceljs's `sharedStrings: 'cache'` does), the
 * styles and the merge ranges, never the sheet.
 *
 * The parsing is exceljs's own streaming reader (`stream.xlsx.WorkbookReader` and its
 * WorksheetReader), fed by xlsx-zip.ts (yauzl) instead of its unzipper, and fed text instead of
 * bytes: exceljs decodes each chunk on its own, so a letter whose bytes fall on both sides of a
 * chunk boundary would come out as "�" (common in Vietnamese text, 2–3 bytes a letter).
 *
 * - The sheet: the one named `sheet` when given and present, else the first visible sheet in the
 *   workbook's tab order.
 * - Merges: read in a first pass over the sheet (xlsx-merges.ts), which also proves the sheet
 *   inflates whole before any row is given. Every row of a merged range below the header, the
 *   range's first row included, gets XLSX_MERGED_CELL for each of its columns: rows that silently
 *   share a value is what the operator must see. A covered row with nothing else in it is still
 *   given (with its problem), and so is a row the sheet does not even list inside a range between
 *   two listed rows.
 * - Values: text as written; a number as its plain decimal (912345678, 0.00015 — never an
 *   exponent; a leading zero the cell lost is not put back); a date cell (a number with a date
 *   format) as `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm:ss` when it has a time of day (a time alone is
 *   on 1899-12-30, Excel's day 0); TRUE/FALSE for a boolean; rich text as its plain text.
 * - A formula gives its saved result as the value and XLSX_FORMULA, whether or not a result was
 *   saved; an error value (#N/A, #REF! …) gives '' and XLSX_ERROR_VALUE.
 * - Cells right of the header's last column are not read (no column to put them in).
 * - Known limits of exceljs's reader: an inline rich-text string (rare: writers put rich text in the
 *   shared strings) keeps its last run only; a sheet whose XML uses a namespace prefix (<x:row>)
 *   reads as empty (TABLE_NO_HEADER).
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { TableFileError } from './table-file-errors.ts';
import { cleanValue, HEADER_SEARCH_ROWS, isBlank, pickHeader, type CellProblem, type TableItem, type TableRow } from './table-row.ts';
import type { OpenedTable } from './table-file.ts';
import { columnName, MergeIndex, readMerges, type MergeRange } from './xlsx-merges.ts';
import { damaged, openXlsxZip, type XlsxZip } from './xlsx-zip.ts';

/** exceljs's streaming workbook reader, as far as this module drives it (its parse steps, one part each). */
interface ExcelWorkbookReader {
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncGenerator<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  workbookRels?: { Id: string; Target: string; Type?: string }[];
  model?: { sheets?: { name: string; rId: string; state?: string }[] };
  sharedStrings?: unknown[];
}
interface ExcelRow {
  number: number;
  values: ExcelJS.CellValue[] | Record<string, ExcelJS.CellValue>;
}
type WorksheetReaderClass = new (args: { workbook: ExcelWorkbookReader; id: number; iterator: AsyncIterable<string>; options: object }) => AsyncIterable<ExcelRow>;

const require = createRequire(import.meta.url);
const READER_OPTIONS = { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' };

// The workbook's own parts, small; the shared strings are held in memory, so they are bounded too.
const MAX_PART_BYTES = 32 * 1024 * 1024;
const MAX_SHARED_STRINGS_BYTES = 512 * 1024 * 1024;

interface Book {
  reader: ExcelWorkbookReader;
  sheets: { name: string; visible: boolean; part: string }[];
}

/** Opens an xlsx file of `size` bytes: its workbook, the sheet's merges, its header. @throws TableFileError */
export async function openXlsx(path: string, size: number, sheetName?: string): Promise<OpenedTable> {
  const zip = await openXlsxZip(path);
  let book: Book;
  let part: string;
  let merges: MergeRange[];
  let header: { values: string[]; row: number };
  try {
    book = await readBook(zip);
    part = chooseSheet(book, zip, sheetName);
    merges = await readMerges(zip.text(part));
    header = await findHeader(zip, book, part);
  } finally {
    zip.close();
  }
  const columns = header.values.length;
  const wanted = merges.filter((m) => m.bottom > header.row && m.left <= columns);
  const sheetBytes = zip.size(part);
  let inflated = 0;
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    header: header.values,
    rows: () => xlsxRows(path, book, part, header.row, columns, wanted, (n) => (inflated = n)),
    progress: () => ({ bytesRead: sheetBytes === 0 ? 0 : Math.min(size, Math.round((size * inflated) / sheetBytes)), totalBytes: size }),
    close: async () => {},
  };
}

async function readBook(zip: XlsxZip): Promise<Book> {
  const WorkbookReader = require('exceljs/lib/stream/xlsx/workbook-reader.js') as new (input: null, options: object) => ExcelWorkbookReader;
  const reader = new WorkbookReader(null, READER_OPTIONS);
  for (const name of ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
    if (!zip.has(name)) throw new TableFileError('XLSX_INVALID', 'Tệp nén này không phải một sổ làm việc Excel (thiếu xl/workbook.xml).');
    if (zip.size(name) > MAX_PART_BYTES) throw new TableFileError('XLSX_INVALID', `Phần ${name} của tệp lớn bất thường.`);
  }
  await parsePart(() => reader._parseRels(Readable.from(zip.text('xl/_rels/workbook.xml.rels'))));
  await parsePart(() => reader._parseWorkbook(Readable.from(zip.text('xl/workbook.xml'))));
  if (zip.has('xl/styles.xml') && zip.size('xl/styles.xml') <= MAX_PART_BYTES) {
    await parsePart(() => reader._parseStyles(Readable.from(zip.text('xl/styles.xml'))));
  }
  reader.sharedStrings = [];
  if (zip.has('xl/sharedStrings.xml')) {
    if (zip.size('xl/sharedStrings.xml') > MAX_SHARED_STRINGS_BYTES) {
      throw new TableFileError('XLSX_INVALID', 'Bảng chữ dùng chung của tệp lớn quá 512 MB: hãy lưu tệp dưới dạng CSV UTF-8 rồi gửi lại.');
    }
    await parsePart(async () => {
      // Its steps yield nothing with sharedStrings 'cache'; the strings land on reader.sharedStrings.
      for await (const _ of reader._parseSharedStrings(Readable.from(zip.text('xl/sharedStrings.xml'))));
    });
  }
  const rels = new Map((reader.workbookRels ?? []).map((r) => [r.Id, r.Target]));
  const sheets = (reader.model?.sheets ?? []).flatMap((s) => {
    const target = rels.get(s.rId);
    if (!target) return [];
    return [{ name: s.name, visible: (s.state ?? 'visible') === 'visible', part: target.startsWith('/') ? target.slice(1) : `xl/${target}` }];
  });
  return { reader, sheets };
}

async function parsePart(parse: () => Promise<void>): Promise<void> {
  try {
    await parse();
  } catch (error) {
    throw damaged(error);
  }
}

function chooseSheet(book: Book, zip: XlsxZip, sheetName: string | undefined): string {
  // A chart sheet is not a worksheet: it has no rows.
  const worksheets = book.sheets.filter((s) => s.part.includes('worksheets/') && zip.has(s.part));
  const wanted = sheetName === undefined ? undefined : cleanValue(sheetName).toLowerCase();
  const named = worksheets.find((s) => cleanValue(s.name).toLowerCase() === wanted);
  const sheet = named ?? worksheets.find((s) => s.visible);
  if (!sheet) throw new TableFileError('XLSX_NO_SHEET', 'Sổ làm việc không có trang tính nào đang hiện để đọc.');
  return sheet.part;
}

function sheetRows(zip: XlsxZip, book: Book, part: string, onBytes?: (inflated: number) => void): AsyncIterable<ExcelRow> {
  const WorksheetReader = require('exceljs/lib/stream/xlsx/worksheet-reader.js') as WorksheetReaderClass;
  return new WorksheetReader({ workbook: book.reader, id: 1, iterator: zip.text(part, onBytes), options: READER_OPTIONS });
}

/** exceljs gives a row's values from index 1 (column A), sparse where cells are empty. */
function rowValues(row: ExcelRow): ExcelJS.CellValue[] {
  return Array.isArray(row.values) ? row.values : [];
}

async function findHeader(zip: XlsxZip, book: Book, part: string): Promise<{ values: string[]; row: number }> {
  const candidates: { row: number; values: string[] }[] = [];
  try {
    for await (const row of sheetRows(zip, book, part)) {
      const cells = rowValues(row);
      const values = Array.from({ length: Math.max(0, cells.length - 1) }, (_, i) => cellText(cells[i + 1]).text);
      if (!isBlank(values)) candidates.push({ row: row.number, values });
      if (candidates.length >= HEADER_SEARCH_ROWS) break;
    }
  } catch (error) {
    throw damaged(error);
  }
  const header = candidates[pickHeader(candidates)];
  if (!header) throw new TableFileError('TABLE_NO_HEADER', 'Trang tính không có ô nào có dữ liệu.');
  const width = header.values.findLastIndex((v) => v !== '') + 1;
  return { values: header.values.slice(0, width), row: header.row };
}

async function* xlsxRows(
  path: string,
  book: Book,
  part: string,
  headerRow: number,
  columns: number,
  merges: readonly MergeRange[],
  onBytes: (inflated: number) => void,
): AsyncGenerator<TableItem> {
  const zip = await openXlsxZip(path);
  const index = new MergeIndex(merges);
  let previous = headerRow;
  try {
    for await (const row of sheetRows(zip, book, part, onBytes)) {
      const number = row.number;
      if (!(number > previous)) continue;
      // Rows inside a merged range that the sheet does not list: the merge is all they hold.
      for (let gap = index.firstCovered(previous + 1); gap < number; gap = index.firstCovered(gap + 1)) {
        yield { kind: 'row', row: tableRow(gap, [], columns, index.covering(gap)) };
      }
      const item = tableRow(number, rowValues(row), columns, index.covering(number));
      if (!isBlank(item.values) || item.problems.length > 0) yield { kind: 'row', row: item };
      previous = number;
    }
  } catch (error) {
    throw damaged(error);
  } finally {
    zip.close();
  }
}

function tableRow(number: number, cells: readonly ExcelJS.CellValue[], columns: number, merges: readonly MergeRange[]): TableRow {
  const values: string[] = new Array<string>(columns);
  const problems: CellProblem[] = [];
  for (let column = 1; column <= columns; column++) {
    const { text, problem } = cellText(cells[column]);
    values[column - 1] = text;
    if (problem) problems.push({ column: column - 1, code: problem.code, message: `Ô ${columnName(column)}${number} ${problem.message}` });
  }
  for (const merge of merges) {
    for (let column = merge.left; column <= Math.min(merge.right, columns); column++) {
      problems.push({
        column: column - 1,
        code: 'XLSX_MERGED_CELL',
        message: `Ô ${columnName(column)}${number} nằm trong vùng ô gộp ${merge.ref}: các dòng của vùng dùng chung một giá trị. Hãy bỏ gộp ô (Unmerge Cells) và điền giá trị cho từng dòng.`,
      });
    }
  }
  return { row: number, values, problems };
}

type CellText = { text: string; problem?: { code: 'XLSX_FORMULA' | 'XLSX_ERROR_VALUE'; message: string } };

/** One cell's value as the table's text, with why it cannot be taken as it is. */
export function cellText(value: ExcelJS.CellValue | undefined): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: cleanValue(value) };
  if (typeof value === 'number') return { text: plainDecimal(value) };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: isoDateTime(value) };
  if ('richText' in value) return { text: cleanValue(value.richText.map((part) => part.text ?? '').join('')) };
  if ('error' in value) {
    return { text: '', problem: { code: 'XLSX_ERROR_VALUE', message: `có giá trị lỗi ${value.error} của Excel; hãy sửa lại hoặc nhập giá trị.` } };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    const text = result === undefined || typeof result === 'object' ? '' : cellText(result).text;
    return { text, problem: { code: 'XLSX_FORMULA', message: 'chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức.' } };
  }
  if ('text' in value && typeof value.text === 'string') return { text: cleanValue(value.text) };
  return { text: '' };
}

/** A number as plain decimal digits, never with an exponent: 1e21 → "1000000000000000000000", 1.5e-7 → "0.00000015". */
export function plainDecimal(n: number): string {
  if (!Number.isFinite(n)) return '';
  const shortest = String(n);
  const e = shortest.indexOf('e');
  if (e < 0) return shortest;
  const sign = n < 0 ? '-' : '';
  const [whole = '', fraction = ''] = shortest.slice(sign.length, e).split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(shortest.slice(e + 1));
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** A date cell as ISO: the day, and the time to the second when there is one (exceljs reads the cell as UTC). */
export function isoDateTime(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return '';
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${time}`;
}
