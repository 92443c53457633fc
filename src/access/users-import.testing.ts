/** Test fixtures: .xlsx files written as Excel would save them, for the import's tests. */
import ExcelJS from 'exceljs';

/** Writes `rows` (exceljs cell values, from column A) into the first sheet of a new workbook at `file`. */
export async function writeSheet(file: string, rows: readonly ExcelJS.CellValue[][], sheetName = 'Tài khoản'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** The header row of a sheet of officers, as the Department's template names the columns. */
export const OFFICERS_HEADER = ['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Phạm vi'];
