/**
 * Reads the first sheet of an .xlsx file into rows of cells for the import (users-import.rows.ts).
 * Whatever the file holds, the answer is the rows or IMPORT_FILE_INVALID saying why: not an .xlsx
 * (an old .xls, a CSV renamed, random bytes), a damaged or cut zip, a file that would inflate past
 * what a list of officers can be (checked by zip-bounds.ts before exceljs inflates it in memory).
 * exceljs's whole-file reader, not its streaming one: fed damaged bytes, the streaming reader can
 * wait forever for data that never comes.
 */
import fs from 'node:fs/promises';
import type ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import type { SheetCell, SheetRow } from './users-import.rows.ts';
import { zipOutOfBounds } from './zip-bounds.ts';

/**
 * Far above a list of officers (a thousand rows are ~0.3 MB inflated), low enough that exceljs's
 * cells of a crafted sheet stay within memory (it holds ~40 bytes of cell objects per byte of XML).
 */
const MAX_BYTES = 16 * 1024 * 1024;

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// Compound File Binary: Excel 97–2003 (.xls), and also an .xlsx saved with a password.
const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The code a refusal of the file carries, and the name its messages give it. */
export interface WorkbookReading {
  code: 'IMPORT_FILE_INVALID' | 'REPORT_FILE_INVALID';
  name: string;
}

/** The rows of the workbook's first visible sheet that hold something, each with its cells from column A. @throws AppError IMPORT_FILE_INVALID */
export async function readFirstSheet(file: string): Promise<SheetRow[]> {
  return (await readVisibleSheets(file, { code: 'IMPORT_FILE_INVALID', name: file }))[0]?.rows ?? [];
}

/**
 * Every visible sheet of the workbook, in order, with its rows that hold something; a workbook
 * without one is refused. @throws AppError `reading.code`
 */
export async function readVisibleSheets(file: string, reading: WorkbookReading): Promise<{ name: string; rows: SheetRow[] }[]> {
  const invalid = (message: string) => new AppError(reading.code, message);
  const name = reading.name;
  const bytes = await readBytes(file, name, invalid);
  if (bytes.subarray(0, CFB_SIGNATURE.length).equals(CFB_SIGNATURE)) {
    throw invalid(`${name} là tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu: mở bằng Excel, bỏ mật khẩu nếu có, rồi lưu dạng .xlsx (Excel Workbook).`);
  }
  if (!bytes.subarray(0, ZIP_SIGNATURE.length).equals(ZIP_SIGNATURE)) throw invalid(`${name} không phải tệp Excel .xlsx.`);
  const outOfBounds = zipOutOfBounds(bytes, MAX_BYTES);
  if (outOfBounds) throw invalid(`${name}: ${outOfBounds}.`);
  // Loaded when a file is read: exceljs takes a second to load, which every other command would pay.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); Node's Buffer is what it reads.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw invalid(`${name} bị hỏng hoặc không phải tệp .xlsx (${error instanceof Error ? error.message : String(error)}).`);
  }
  const sheets = workbook.worksheets.filter((s) => s.state === 'visible');
  if (sheets.length === 0) throw invalid(`${name} không có trang tính nào.`);
  return sheets.map((sheet) => {
    const rows: SheetRow[] = [];
    sheet.eachRow((row, number) => {
      const cells = sheetCells(row.values);
      if (cells.some((cell) => cell !== null && !(typeof cell === 'string' && cell.trim() === ''))) rows.push({ number, cells });
    });
    return { name: sheet.name, rows };
  });
}

async function readBytes(file: string, name: string, invalid: (message: string) => AppError): Promise<Buffer> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw invalid(`${name} không phải một tệp.`);
    if (stat.size === 0) throw invalid(`${name} rỗng.`);
    if (stat.size > MAX_BYTES) throw invalid(`${name} lớn quá (${Math.ceil(stat.size / 1024 / 1024)} MB; tối đa ${MAX_BYTES / 1024 / 1024} MB).`);
    return await fs.readFile(file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(code === 'ENOENT' ? `không có tệp ${name}.` : `không mở được ${name} (${code ?? String(error)}).`);
  }
}

/** exceljs gives a row's values from index 1 (column A), sparse where cells are empty. */
function sheetCells(values: ExcelJS.Row['values']): SheetCell[] {
  if (!Array.isArray(values)) return [];
  return Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => sheetCell(values[i + 1]));
}

/** One cell's value as text, a number, nothing, or why it is unreadable. */
export function sheetCell(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return { unreadable: 'Ô chứa giá trị đúng/sai (TRUE/FALSE), cần chữ.' };
  if (value instanceof Date) return { unreadable: 'Ô chứa ngày tháng, cần chữ hoặc số.' };
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return { unreadable: `Ô có lỗi ${value.error}: sửa công thức hoặc nhập giá trị.` };
  if ('formula' in value || 'sharedFormula' in value) {
    // Excel saves each formula's last result: that is what the person saw in the cell.
    if (value.result === undefined) return { unreadable: 'Ô chứa công thức chưa có kết quả: nhập giá trị thay cho công thức.' };
    return sheetCell(value.result);
  }
  if ('text' in value) return sheetCell(value.text);
  return { unreadable: 'Ô không đọc được: nhập lại giá trị dạng chữ.' };
}
