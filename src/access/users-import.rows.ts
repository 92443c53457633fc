/**
 * The rows of an officers' sheet (`tttb user import`) read into new accounts, or into the problem of
 * each bad cell with its row, cell and column, so the person who filled the sheet can fix them all
 * at once. Pure: the sheet comes from users-import.xlsx.ts, the known communes from the database.
 *
 * The sheet has a header row (a title above it is skipped) naming four columns in Vietnamese:
 * "Tên đăng nhập", "Họ và tên", "Vai trò" (the role's code or its Vietnamese name) and "Phạm vi"
 * (commune codes or the carrier, separated by commas or semicolons; empty for province roles).
 * Headers, roles and carriers are matched whatever their case, diacritics, spaces and punctuation.
 */
import { PERSON_ROLES, ROLE_NAMES_VI, ROLE_SCOPE, ROLES, stripDiacritics, type Role, type ScopeEntry, type ScopeKind } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import { checkScope } from './scope.rules.ts';
import type { NewUser } from './users.service.ts';
import { checkDisplayName, checkPersonRole, checkUsername, type UserField } from './users.rules.ts';

/**
 * A cell as the sheet holds it: text, a number, nothing, or why it cannot be read as either (a
 * date, TRUE/FALSE, an Excel error, a formula saved without its result).
 */
export type SheetCell = string | number | null | { unreadable: string };

/** A row of the sheet: its number as Excel shows it, and its cells from column A. */
export interface SheetRow {
  number: number;
  cells: readonly SheetCell[];
}

/** A bad cell (or row): where, and what is wrong, in Vietnamese. */
export interface ImportProblem {
  row: number;
  /** The cell's address, e.g. "C5". */
  cell: string;
  /** The column's header, as the sheet should name it. */
  column: string;
  message: string;
}

/** The columns of the sheet, by the account field each fills, with the other names they go by. */
export const IMPORT_COLUMNS: Record<UserField, { header: string; aliases: readonly string[] }> = {
  username: { header: 'Tên đăng nhập', aliases: ['Tài khoản', 'username'] },
  displayName: { header: 'Họ và tên', aliases: ['Họ tên', 'display name', 'name'] },
  role: { header: 'Vai trò', aliases: ['role'] },
  scopes: { header: 'Phạm vi', aliases: ['scope', 'scopes'] },
};
const FIELDS = Object.keys(IMPORT_COLUMNS) as UserField[];

/** More accounts than this in one file are refused: argon2 takes ~50 ms each, and 102 communes' officers fit well within. */
export const MAX_IMPORT_ACCOUNTS = 1000;
/** A title and notes above the header are skipped, within this many rows. */
const HEADER_SEARCH_ROWS = 10;
const CELL_MAX_LENGTH = 1000;

const fileError = (message: string) => new AppError('IMPORT_FILE_INVALID', message);

/** A label as matched: no diacritics (đ → d), lower case, every run of other characters one space. */
export function normaliseLabel(text: string): string {
  return stripDiacritics(text.normalize('NFC')).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

const COLUMN_OF_LABEL = new Map<string, UserField>(
  FIELDS.flatMap((field) => [IMPORT_COLUMNS[field].header, ...IMPORT_COLUMNS[field].aliases].map((label) => [normaliseLabel(label), field] as const)),
);

/** The field a header names, or null for a column the import does not read ("STT", "Ghi chú" …). */
export function fieldOfHeader(header: string): UserField | null {
  return COLUMN_OF_LABEL.get(normaliseLabel(header)) ?? null;
}

const ROLE_OF_LABEL = new Map<string, Role>(
  ROLES.flatMap((role) => {
    const name = ROLE_NAMES_VI[role];
    // "Quản trị cấp tỉnh (Sở KH&CN)" is also written without its parenthesis.
    return [role, name, name.replace(/\s*\(.*\)\s*$/, '')].map((label) => [normaliseLabel(label), role] as const);
  }),
);

/** The role a cell names by its code or Vietnamese name, or null. */
export function roleOfLabel(text: string): Role | null {
  return ROLE_OF_LABEL.get(normaliseLabel(text)) ?? null;
}

/** The values of a "Phạm vi" cell: separated by commas, semicolons or line breaks. */
export function splitScopeValues(text: string): string[] {
  return text
    .split(/[,;\n\r]+/)
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}

// Invisible characters that come with text pasted from the web or a chat into a sheet.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** A cell as text: a number as written (30280), nothing as ''. */
export function cellText(cell: SheetCell): { text: string } | { problem: string } {
  if (cell === null) return { text: '' };
  if (typeof cell === 'number') {
    const text = String(cell);
    // 1e+21 and the like: Excel kept a long number typed into a cell formatted as a number.
    if (!Number.isFinite(cell) || /e/i.test(text)) return { problem: 'Ô chứa một số rất lớn: định dạng ô là Văn bản (Text) rồi nhập lại.' };
    return { text };
  }
  if (typeof cell === 'object') return { problem: cell.unreadable };
  const text = cell.replace(INVISIBLE, '').normalize('NFC').trim();
  if (text.length > CELL_MAX_LENGTH) return { problem: `Ô dài quá ${CELL_MAX_LENGTH} ký tự.` };
  return { text };
}

/**
 * A commune code stored as a number loses nothing but leading zeros (Vietnam's commune codes have
 * five digits), so it is read back with them; a carrier is matched like a label, without spaces.
 */
function scopeValue(kind: ScopeKind, value: string, fromNumber: boolean): string {
  if (kind === 'commune' && fromNumber) return value.padStart(5, '0');
  if (kind === 'carrier') return normaliseLabel(value).replace(/ /g, '');
  return value;
}

const PROVINCE_WIDE = new Set(['toan tinh', 'ca tinh']);

const UNKNOWN_ROLE = `dùng mã hoặc tên vai trò: ${PERSON_ROLES.map((role) => `${role} (${ROLE_NAMES_VI[role]})`).join(', ')}.`;

function problemAt(columnIndex: Record<UserField, number>, row: number, field: UserField, message: string): ImportProblem {
  return { row, cell: `${columnLetter(columnIndex[field])}${row}`, column: IMPORT_COLUMNS[field].header, message };
}

/** One data row: the account, or the problem of each bad cell. */
function parseRow(row: SheetRow, columnIndex: Record<UserField, number>, communes: ReadonlySet<string>) {
  const problems: ImportProblem[] = [];
  const problem = (field: UserField, message: string) => problems.push(problemAt(columnIndex, row.number, field, message));
  const text = (field: UserField): string | null => {
    const read = cellText(row.cells[columnIndex[field]] ?? null);
    if ('text' in read) return read.text;
    problem(field, read.problem);
    return null;
  };
  // The field's rule, as createUsers applies it; what it refuses becomes the cell's problem.
  const check = <T>(field: UserField, rule: () => T): T | null => {
    try {
      return rule();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problem(field, error.detail ?? error.title);
      return null;
    }
  };

  const usernameText = text('username');
  const username = usernameText === null ? null : check('username', () => checkUsername(usernameText));
  const nameText = text('displayName');
  const displayName = nameText === null ? null : check('displayName', () => checkDisplayName(nameText));
  const roleText = text('role');
  let role: Role | null = null;
  if (roleText !== null) {
    const named = roleOfLabel(roleText);
    if (named === null) problem('role', roleText === '' ? `Thiếu vai trò: ${UNKNOWN_ROLE}` : `Không có vai trò "${roleText}": ${UNKNOWN_ROLE}`);
    else role = check('role', () => checkPersonRole(named));
  }
  const scopeText = text('scopes');
  let scopes: ScopeEntry[] | null = null;
  if (role !== null && scopeText !== null) {
    const kind = ROLE_SCOPE[role];
    const values = splitScopeValues(scopeText);
    if (kind === null) {
      if (values.length === 0 || PROVINCE_WIDE.has(normaliseLabel(scopeText))) scopes = [];
      else problem('scopes', 'Vai trò cấp tỉnh không có phạm vi riêng: để trống ô này (hoặc ghi "Toàn tỉnh").');
    } else {
      const fromNumber = typeof row.cells[columnIndex.scopes] === 'number';
      const entries = values.map((value) => ({ kind, value: scopeValue(kind, value, fromNumber) }));
      scopes = check('scopes', () => checkScope(role, entries, communes));
    }
  }
  const user: NewUser | null =
    username !== null && displayName !== null && role !== null && scopes !== null && problems.length === 0 ? { username, displayName, role, scopes } : null;
  return { username, user, problems };
}

/** The row holding the header: the first of the first rows to name at least two of the columns. */
function findHeader(rows: readonly SheetRow[]): number {
  const at = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => new Set(row.cells.map((cell) => (typeof cell === 'string' ? fieldOfHeader(cell) : null)).filter((f) => f !== null)).size >= 2);
  if (at < 0) throw fileError(`không thấy hàng tiêu đề (${headerList()}) trong ${HEADER_SEARCH_ROWS} hàng đầu của trang tính.`);
  return at;
}

function columnsOf(header: SheetRow): Record<UserField, number> {
  const found = new Map<UserField, number[]>();
  header.cells.forEach((cell, index) => {
    const field = typeof cell === 'string' ? fieldOfHeader(cell) : null;
    if (field !== null) found.set(field, [...(found.get(field) ?? []), index]);
  });
  const missing = FIELDS.filter((field) => !found.has(field));
  if (missing.length > 0) {
    throw fileError(`hàng tiêu đề (hàng ${header.number}) thiếu cột ${missing.map((f) => `"${IMPORT_COLUMNS[f].header}"`).join(', ')}; cần đủ: ${headerList()}.`);
  }
  const twice = FIELDS.find((field) => found.get(field)!.length > 1);
  if (twice) throw fileError(`cột "${IMPORT_COLUMNS[twice].header}" có ở nhiều cột (${found.get(twice)!.map(columnLetter).join(', ')}) của hàng tiêu đề.`);
  return Object.fromEntries(FIELDS.map((field) => [field, found.get(field)![0]!])) as Record<UserField, number>;
}

/** A row is empty when the four columns are: a sheet often has its "STT" numbered far below the last officer. */
function isEmptyRow(row: SheetRow, columnIndex: Record<UserField, number>): boolean {
  return FIELDS.every((field) => {
    const read = cellText(row.cells[columnIndex[field]] ?? null);
    return 'text' in read && read.text === '';
  });
}

/** What the rows are checked against: the database's communes and the usernames already taken. */
export interface ImportKnown {
  communes: ReadonlySet<string>;
  takenUsernames: ReadonlySet<string>;
}

/**
 * The accounts of the sheet's rows, each with its row number, or every problem of every row (a
 * username twice in the file or already taken included): the caller creates nothing while there is one.
 * @throws AppError IMPORT_FILE_INVALID (no header, a column missing or twice, no account, too many)
 */
export function parseUserRows(rows: readonly SheetRow[], known: ImportKnown): { users: { row: number; user: NewUser }[]; problems: ImportProblem[] } {
  if (rows.length === 0) throw fileError('trang tính đầu tiên trống.');
  const headerAt = findHeader(rows);
  const columnIndex = columnsOf(rows[headerAt]!);
  const dataRows = rows.slice(headerAt + 1).filter((row) => !isEmptyRow(row, columnIndex));
  if (dataRows.length === 0) throw fileError(`không có tài khoản nào dưới hàng tiêu đề (hàng ${rows[headerAt]!.number}).`);
  if (dataRows.length > MAX_IMPORT_ACCOUNTS) {
    throw fileError(`tệp có ${dataRows.length.toLocaleString('vi-VN')} tài khoản, mỗi lần nhập tối đa ${MAX_IMPORT_ACCOUNTS.toLocaleString('vi-VN')}: chia thành nhiều tệp.`);
  }

  const parsed = dataRows.map((row) => ({ row: row.number, ...parseRow(row, columnIndex, known.communes) }));
  const rowsOfName = new Map<string, number[]>();
  for (const { row, username } of parsed) if (username !== null) rowsOfName.set(username, [...(rowsOfName.get(username) ?? []), row]);
  // Whether the username clashes with another row or an existing account: a problem of its cell.
  const clash = (username: string | null): string | null => {
    if (username === null) return null;
    if (known.takenUsernames.has(username)) return `Tên đăng nhập "${username}" đã có trong hệ thống.`;
    const same = rowsOfName.get(username)!;
    return same.length > 1 ? `Tên đăng nhập "${username}" có ở nhiều dòng: ${same.join(', ')}.` : null;
  };
  const problems: ImportProblem[] = [];
  const users: { row: number; user: NewUser }[] = [];
  for (const p of parsed) {
    const clashing = clash(p.username);
    if (clashing !== null) problems.push(problemAt(columnIndex, p.row, 'username', clashing));
    problems.push(...p.problems);
    if (clashing === null && p.user !== null) users.push({ row: p.row, user: p.user });
  }
  return { users, problems };
}

/** The column's letters as Excel names it: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const headerList = () => FIELDS.map((f) => IMPORT_COLUMNS[f].header).join(', ');
