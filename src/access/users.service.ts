/**
 * People's accounts: made, listed, disabled, reset and re-scoped by the province's admin (the
 * users page, `tttb user …`), and each person's own password and second factor. Every change is
 * audited with who made it; a new or reset password is shown once and must be changed at first sign-in.
 */
import type { Database } from '../db/open.ts';
import { isPersonRole, ROLE_NAMES_VI, type PersonRole, type Role, type ScopeEntry } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import { endSessionsOf, findUserById, findUserByName, insertUser, knownCommunes, listUsers as listUserRows, updateUser, type UserRow } from './access.repository.ts';
import { insertAuditEntry } from './audit.repository.ts';
import { assertStrongPassword, checkPassword, generatePassword, hashPassword } from './password.ts';
import { scopeOf } from './principal-view.ts';
import { checkScope } from './scope.rules.ts';
import { checkTotp, newTotpSecret, totpUri } from './totp.ts';

/** Who makes a change, for the audit row. */
export interface ChangeContext {
  actor: string;
  now: Date;
  requestId?: string | null;
  clientAddress?: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  scopes: readonly ScopeEntry[];
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

/** The account as the users page and `tttb user list` show it: never its hash or TOTP secret. */
export function userView(user: UserRow) {
  const scope = scopeOf(user.role, user.scope);
  return {
    id: Number(user.id),
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    roleName: ROLE_NAMES_VI[user.role],
    scopes: scope === 'province' ? [] : [...scope],
    mustChangePassword: user.must_change_password === 1,
    totpEnabled: user.totp_enabled_at !== null,
    createdAt: user.created_at,
    disabledAt: user.disabled_at,
  };
}
export type UserView = ReturnType<typeof userView>;

async function audit(db: Pick<Database, 'kysely'>, context: ChangeContext, action: string, userId: number, details?: Record<string, unknown>) {
  await insertAuditEntry(db.kysely, {
    at: context.now.toISOString(),
    actor: context.actor,
    action,
    subjectType: 'user',
    subjectId: String(userId),
    requestId: context.requestId ?? null,
    clientAddress: context.clientAddress ?? null,
    details: details ?? null,
  });
}

/** @throws AppError VALIDATION_FAILED (username, role), USER_EXISTS, SCOPE_INVALID */
export async function createUser(db: Database, input: NewUser, context: ChangeContext): Promise<{ user: UserView; initialPassword: string }> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    const message = 'Tên đăng nhập 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.';
    throw new AppError('VALIDATION_FAILED', message, { errors: [{ field: 'username', message }] });
  }
  if (!isPersonRole(input.role)) {
    const message = 'Hệ thống máy dùng khoá API (tttb token create), không dùng tài khoản đăng nhập.';
    throw new AppError('VALIDATION_FAILED', message, { errors: [{ field: 'role', message }] });
  }
  const displayName = input.displayName.trim().normalize('NFC');
  if (displayName.length === 0 || displayName.length > 100) {
    const message = 'Họ và tên 1–100 ký tự.';
    throw new AppError('VALIDATION_FAILED', message, { errors: [{ field: 'displayName', message }] });
  }
  const scopes = checkScope(input.role, input.scopes, await knownCommunes(db.kysely, input.scopes.map((s) => s.value.trim())));
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const user = await db.kysely.transaction().execute(async (trx) => {
    if (await findUserByName(trx, username)) throw new AppError('USER_EXISTS', username);
    const id = await insertUser(trx, {
      username,
      display_name: displayName,
      role: input.role,
      scope: JSON.stringify(scopes),
      password_hash: passwordHash,
      must_change_password: 1,
      password_changed_at: null,
      totp_secret: null,
      totp_enabled_at: null,
      created_at: context.now.toISOString(),
      created_by: context.actor,
      disabled_at: null,
    });
    await audit({ kysely: trx }, context, 'user.create', id, { role: input.role, scopes });
    return (await findUserById(trx, id))!;
  });
  return { user: userView(user), initialPassword };
}

export async function listUsers(db: Database): Promise<UserView[]> {
  return (await listUserRows(db.kysely)).map(userView);
}

async function existing(db: Pick<Database, 'kysely'>, id: number): Promise<UserRow> {
  const user = await findUserById(db.kysely, id);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user;
}

/** Finds an account by username (the CLI names accounts by it). @throws AppError USER_NOT_FOUND */
export async function userIdOf(db: Database, username: string): Promise<number> {
  const user = await findUserByName(db.kysely, username.trim().toLowerCase());
  if (!user) throw new AppError('USER_NOT_FOUND', username);
  return Number(user.id);
}

/** Disables the account and ends its sessions at once. @throws AppError USER_NOT_FOUND */
export async function disableUser(db: Database, id: number, context: ChangeContext): Promise<UserView> {
  return db.kysely.transaction().execute(async (trx) => {
    const user = await existing({ kysely: trx }, id);
    if (user.disabled_at === null) {
      await updateUser(trx, id, { disabled_at: context.now.toISOString() });
      await endSessionsOf(trx, id, context.now.toISOString());
      await audit({ kysely: trx }, context, 'user.disable', id);
    }
    return userView((await findUserById(trx, id))!);
  });
}

/**
 * A new one-time password, to be changed at the next sign-in; the second factor is cleared too
 * (a reset is what a person who lost their phone asks for). Re-enables a disabled account.
 * @throws AppError USER_NOT_FOUND
 */
export async function resetPassword(db: Database, id: number, context: ChangeContext): Promise<{ user: UserView; initialPassword: string }> {
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const user = await db.kysely.transaction().execute(async (trx) => {
    await existing({ kysely: trx }, id);
    await updateUser(trx, id, { password_hash: passwordHash, must_change_password: 1, totp_secret: null, totp_enabled_at: null, disabled_at: null });
    await endSessionsOf(trx, id, context.now.toISOString());
    await audit({ kysely: trx }, context, 'user.reset_password', id);
    return (await findUserById(trx, id))!;
  });
  return { user: userView(user), initialPassword };
}

/** @throws AppError USER_NOT_FOUND, SCOPE_INVALID */
export async function setScopes(db: Database, id: number, scopes: readonly ScopeEntry[], context: ChangeContext): Promise<UserView> {
  const user = await existing(db, id);
  const checked = checkScope(user.role, scopes, await knownCommunes(db.kysely, scopes.map((s) => s.value.trim())));
  return db.kysely.transaction().execute(async (trx) => {
    await updateUser(trx, id, { scope: JSON.stringify(checked) });
    await audit({ kysely: trx }, context, 'user.scopes', id, { scopes: checked });
    return userView((await findUserById(trx, id))!);
  });
}

/**
 * The signed-in person's own password change; other sessions of theirs end, this one stays.
 * @throws AppError PASSWORD_WRONG, PASSWORD_WEAK
 */
export async function changeOwnPassword(
  db: Database,
  userId: number,
  change: { currentPassword: string; newPassword: string; keepSession: string },
  context: ChangeContext,
): Promise<void> {
  const user = await existing(db, userId);
  if (!(await checkPassword(user.password_hash, change.currentPassword))) throw new AppError('PASSWORD_WRONG');
  assertStrongPassword(change.newPassword, user.username);
  if (await checkPassword(user.password_hash, change.newPassword)) throw new AppError('PASSWORD_WEAK', 'Mật khẩu mới phải khác mật khẩu cũ.');
  const passwordHash = await hashPassword(change.newPassword);
  await db.kysely.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { password_hash: passwordHash, must_change_password: 0, password_changed_at: context.now.toISOString() });
    await endSessionsOf(trx, userId, context.now.toISOString(), change.keepSession);
    await audit({ kysely: trx }, context, 'user.change_password', userId);
  });
}

/** A new TOTP secret, not yet in force until confirmed with a code. @throws AppError FORBIDDEN when one is in force */
export async function beginTotpSetup(db: Database, userId: number): Promise<{ secret: string; otpauthUri: string }> {
  const user = await existing(db, userId);
  // Replacing a second factor in force would let a stolen session swap it: only the admin's reset clears it.
  if (user.totp_enabled_at !== null) throw new AppError('FORBIDDEN', 'Xác thực hai lớp đã bật; cần quản trị đặt lại mật khẩu để thiết lập lại.');
  const secret = newTotpSecret();
  await updateUser(db.kysely, userId, { totp_secret: secret, totp_enabled_at: null });
  return { secret, otpauthUri: totpUri(secret, user.username) };
}

/** @throws AppError TOTP_INVALID */
export async function confirmTotp(db: Database, userId: number, code: string, context: ChangeContext): Promise<void> {
  const user = await existing(db, userId);
  if (user.totp_secret === null || !checkTotp(user.totp_secret, user.username, code, context.now)) throw new AppError('TOTP_INVALID');
  await db.kysely.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { totp_enabled_at: context.now.toISOString() });
    await audit({ kysely: trx }, context, 'user.totp_enabled', userId);
  });
}

export type { PersonRole };
