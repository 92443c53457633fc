/**
 * What a new account's fields must be, one rule per field: `createUsers` applies them in turn, the
 * import applies each to its own column so a bad row is reported cell by cell.
 */
import { isPersonRole, type PersonRole, type Role } from '../domain/index.ts';
import { fieldInvalid } from '../errors.ts';

/** The fields of an account a rule may refuse, as the API's field errors name them. */
export type UserField = 'username' | 'displayName' | 'role' | 'scopes';

const fieldError = (field: UserField, message: string) => fieldInvalid(field, message);

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

/** The username as stored: trimmed, lower case. @throws AppError VALIDATION_FAILED (username) */
export function checkUsername(raw: string): string {
  const username = raw.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw fieldError('username', 'Tên đăng nhập 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.');
  }
  return username;
}

export const DISPLAY_NAME_MAX = 100;

/**
 * The name as shown: NFC, runs of spaces (a name pasted from a sheet often has two, or a
 * non-breaking one) made one. @throws AppError VALIDATION_FAILED (displayName)
 */
export function checkDisplayName(raw: string): string {
  const displayName = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (displayName.length === 0 || displayName.length > DISPLAY_NAME_MAX) throw fieldError('displayName', `Họ và tên 1–${DISPLAY_NAME_MAX} ký tự.`);
  return displayName;
}

/** People sign in; machines call with a token. @throws AppError VALIDATION_FAILED (role) */
export function checkPersonRole(role: Role): PersonRole {
  if (!isPersonRole(role)) throw fieldError('role', 'Hệ thống máy dùng khoá API (tttb token create), không dùng tài khoản đăng nhập.');
  return role;
}
