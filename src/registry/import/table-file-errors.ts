/**
 * What reading a subscriber file can refuse or report. A whole file is refused with a
 * {@link TableFileError} (its codes are in the project's ERROR_CATALOGUE, so the HTTP layer answers
 * 400 or 422 and the CLI prints the code); a record or a cell is reported with a row code from
 * {@link TABLE_ROW_PROBLEMS} and reading goes on. Messages never quote a cell's content: a subscriber
 * file holds numbers, ID numbers and names.
 */
import { AppError, ERROR_CATALOGUE } from '../../errors.ts';

/** The codes for which a whole file is refused. */
export const TABLE_FILE_ERROR_CODES = [
  'TABLE_FILE_UNREADABLE',
  'TABLE_FILE_EMPTY',
  'TABLE_NO_HEADER',
  'CSV_HEADER_BROKEN',
  'ENCODING_TCVN3',
  'ENCODING_VNI',
  'ENCODING_UTF16',
  'ENCODING_UNKNOWN',
  'ENCODING_INVALID',
  'XLS_OLD_FORMAT',
  'XLSX_PASSWORD_PROTECTED',
  'XLSX_INVALID',
  'XLSX_NO_SHEET',
] as const;

export type TableFileErrorCode = (typeof TABLE_FILE_ERROR_CODES)[number];

/** Code → Vietnamese title of each file-level refusal (the titles live in ERROR_CATALOGUE). */
export const TABLE_FILE_ERRORS: Readonly<Record<TableFileErrorCode, string>> = Object.fromEntries(
  TABLE_FILE_ERROR_CODES.map((code) => [code, ERROR_CATALOGUE[code].title]),
) as Record<TableFileErrorCode, string>;

/** A file refused as a whole: the code's title, then what was found and what to do, in Vietnamese. */
export class TableFileError extends AppError {
  constructor(
    readonly tableCode: TableFileErrorCode,
    detail: string,
  ) {
    super(tableCode, detail);
    this.name = 'TableFileError';
  }
}

/** How to get a Unicode file out of a legacy one; the same advice for TCVN3 and VNI. */
const CONVERT_ADVICE =
  'Hãy chuyển sang Unicode (UTF-8), ví dụ bằng Unikey: Công cụ chuyển mã, hoặc lưu lại từ Excel dưới dạng CSV UTF-8.';

/** The detail of each refusal whose wording does not depend on where it happened. */
export const TABLE_FILE_ADVICE = {
  ENCODING_TCVN3: `Tệp dùng bảng mã TCVN3 (ABC), các phông chữ .VnTime, .VnArial… ${CONVERT_ADVICE}`,
  ENCODING_VNI: `Tệp dùng bảng mã VNI (VNI-Windows), các phông chữ VNI-Times, VNI-Helve… ${CONVERT_ADVICE}`,
  ENCODING_UTF16:
    'Tệp được lưu dạng "Unicode Text" (UTF-16). Hãy mở bằng Excel và lưu lại dưới dạng CSV UTF-8 (Comma delimited) hoặc Excel Workbook (.xlsx).',
  ENCODING_UNKNOWN:
    'Không nhận ra bảng mã của tệp (chỉ đọc được UTF-8 và Windows-1258). Hãy lưu lại từ Excel dưới dạng CSV UTF-8 hoặc Excel Workbook (.xlsx).',
  XLS_OLD_FORMAT: 'Hãy mở tệp bằng Excel và lưu lại dưới dạng Excel Workbook (.xlsx) hoặc CSV UTF-8.',
  XLSX_PASSWORD_PROTECTED: 'Hãy mở tệp bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi lưu lại.',
} as const;

/** The codes of a record or a cell that could not be read as it should; reading goes on after them. */
export const TABLE_ROW_PROBLEMS = {
  CSV_BROKEN_QUOTES: 'Dòng sai dấu ngoặc kép: không đọc được bản ghi',
  CSV_FIELD_COUNT: 'Dòng có số ô khác số cột của dòng tiêu đề',
  CSV_RECORD_TOO_LONG: 'Dòng dài quá 64 KB: không đọc được',
  XLSX_FORMULA: 'Ô chứa công thức',
  XLSX_MERGED_CELL: 'Ô nằm trong vùng ô đã gộp (merge)',
  XLSX_ERROR_VALUE: 'Ô có giá trị lỗi của Excel',
} as const;

export type TableRowProblemCode = keyof typeof TABLE_ROW_PROBLEMS;
