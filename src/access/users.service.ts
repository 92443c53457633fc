/**
 * People's accounts: made, listed, disabled, reset and re-scoped by the province's admin (the
 * users page, `tttb user …`), and each person's own password and second factor. Every change is
 * audited with who made it; a new or reset password is shown once and must be changed at first sign-in.
 */
import type { Transaction } from 'kysely';
import type { Deployment } from '../clock/index.ts';
import type { Database } from '../db/open.ts';
import type { DB } from '../db/schema.ts';
import { ROLE_NAMES_VI, type PersonRole, type Role, type ScopeEntry } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import { endSessionsOf, findUserById, findUserByName, insertUser, knownCommunes, listUsers as listUserRows, takenUsernames, updateUser, type UserRow } from './access.repository.ts';
import { insertAuditEntry } from './audit.repository.ts';
import { assertStrongPassword, checkPassword, generatePassword, hashPassword } from './password.ts';
import { needsSecondFactor, scopeOf } from './principal-view.ts';
import { checkScope } from './scope.rules.ts';
import { forgetSessions } from './session-cache.ts';
import { checkTotp, newTotpSecret, totpCode, totpSecondsLeft, totpUri } from './totp.ts';
import { checkDisplayName, checkPersonRole, checkUsername } from './users.rules.ts';

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

/** An account made: its one-time password, and its TOTP secret when it was made ready to use. */
export interface CreatedUser {
  user: UserView;
  initialPassword: string;
  totpSecret: string | null;
}

export interface CreateOptions {
  /**
   * The demo's accounts: no password change at first sign-in, and the second factor already set
   * up for the roles that need it (its secret returned), so the demo opens straight away.
   */
  readyToUse?: boolean;
  /**
   * Given the accounts once they are written, before the transaction commits; throwing undoes them.
   * An import keeps the one-time passwords here (on disk), so no kill between the commit and the
   * file can leave accounts whose passwords nobody has.
   */
  beforeCommit?: (created: readonly CreatedUser[]) => void | Promise<void>;
}

/** @throws AppError VALIDATION_FAILED (username, role, displayName), USER_EXISTS, SCOPE_INVALID */
export async function createUser(db: Database, input: NewUser, context: ChangeContext): Promise<{ user: UserView; initialPassword: string }> {
  const [created] = await createUsers(db, [input], context);
  return { user: created!.user, initialPassword: created!.initialPassword };
}

/**
 * Makes every account of `inputs` or none (an import of a commune's officers): each is checked
 * first, then the passwords hashed (argon2, ~50 ms each, off the event loop), then all are written
 * and audited in one transaction. Returns them in the order given.
 * @throws AppError VALIDATION_FAILED (username, role, displayName), USER_EXISTS (taken, or twice in `inputs`), SCOPE_INVALID
 */
export async function createUsers(db: Database, inputs: readonly NewUser[], context: ChangeContext, options: CreateOptions = {}): Promise<CreatedUser[]> {
  const communes = await knownCommunes(db.kysely, inputs.flatMap((input) => input.scopes.map((s) => s.value.trim())));
  const checked = inputs.map((input) => {
    const username = checkUsername(input.username);
    const role = checkPersonRole(input.role);
    return { username, role, displayName: checkDisplayName(input.displayName), scopes: checkScope(role, input.scopes, communes) };
  });
  const seen = new Set<string>();
  for (const { username } of checked) {
    if (seen.has(username)) throw new AppError('USER_EXISTS', username);
    seen.add(username);
  }
  await refuseTaken(db.kysely, checked.map((user) => user.username));

  const at = context.now.toISOString();
  const secrets = await Promise.all(
    checked.map(async (user) => {
      const initialPassword = generatePassword();
      const totpSecret = options.readyToUse && needsSecondFactor(user.role) ? newTotpSecret() : null;
      return { initialPassword, totpSecret, passwordHash: await hashPassword(initialPassword) };
    }),
  );
  return db.kysely.transaction().execute(async (trx) => {
    await refuseTaken(trx, checked.map((user) => user.username));
    const created: CreatedUser[] = [];
    for (const [i, user] of checked.entries()) {
      const { initialPassword, totpSecret, passwordHash } = secrets[i]!;
      const id = await insertUser(trx, {
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        scope: JSON.stringify(user.scopes),
        password_hash: passwordHash,
        must_change_password: options.readyToUse ? 0 : 1,
        password_changed_at: null,
        totp_secret: totpSecret,
        totp_enabled_at: totpSecret === null ? null : at,
        created_at: at,
        created_by: context.actor,
        disabled_at: null,
      });
      await audit({ kysely: trx }, context, 'user.create', id, { role: user.role, scopes: user.scopes });
      created.push({ user: userView((await findUserById(trx, id))!), initialPassword, totpSecret });
    }
    await options.beforeCommit?.(created);
    return created;
  });
}

/** @throws AppError USER_EXISTS naming the first of `usernames` already taken */
async function refuseTaken(db: Database['kysely'], usernames: readonly string[]): Promise<void> {
  const [taken] = await takenUsernames(db, usernames);
  if (taken !== undefined) throw new AppError('USER_EXISTS', taken);
}

export async function listUsers(db: Database): Promise<UserView[]> {
  return (await listUserRows(db.kysely)).map(userView);
}

async function existing(db: Pick<Database, 'kysely'>, id: number): Promise<UserRow> {
  const user = await findUserById(db.kysely, id);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user;
}

/**
 * A change to an account in one transaction; once it is committed, the sessions held in memory
 * are forgotten (session-cache.ts), so the next request reads the account as it now is.
 */
async function changeAccount<T>(db: Database, change: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  try {
    return await db.kysely.transaction().execute(change);
  } finally {
    forgetSessions();
  }
}

/** Finds an account by username (the CLI names accounts by it). @throws AppError USER_NOT_FOUND */
export async function userIdOf(db: Database, username: string): Promise<number> {
  const user = await findUserByName(db.kysely, username.trim().toLowerCase());
  if (!user) throw new AppError('USER_NOT_FOUND', username);
  return Number(user.id);
}

/** Disables the account and ends its sessions at once. @throws AppError USER_NOT_FOUND */
export async function disableUser(db: Database, id: number, context: ChangeContext): Promise<UserView> {
  return changeAccount(db, async (trx) => {
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
  const user = await changeAccount(db, async (trx) => {
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
  return changeAccount(db, async (trx) => {
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
  await changeAccount(db, async (trx) => {
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
  if (user.totp_secret === null || !checkTotp(user.totp_secret, user.username, code)) throw new AppError('TOTP_INVALID');
  await changeAccount(db, async (trx) => {
    await updateUser(trx, userId, { totp_enabled_at: context.now.toISOString() });
    await audit({ kysely: trx }, context, 'user.totp_enabled', userId);
  });
}

/**
 * The code an authenticator app shows for the account now (real time, as the app): the demo's
 * stand-in for the app (`tttb demo totp`), refused on a production database.
 * @throws AppError DEMO_ONLY, USER_NOT_FOUND, TOTP_NOT_ENABLED
 */
export async function currentTotpCode(db: Database, deployment: Pick<Deployment, 'mode'>, username: string) {
  if (deployment.mode !== 'demo') throw new AppError('DEMO_ONLY', 'mã xác thực hai lớp chỉ in ra cho tài khoản của bản demo');
  const user = await existing(db, await userIdOf(db, username));
  if (user.totp_secret === null || user.totp_enabled_at === null) throw new AppError('TOTP_NOT_ENABLED', user.username);
  return { username: user.username, code: totpCode(user.totp_secret, user.username), validForSeconds: totpSecondsLeft() };
}

export type { PersonRole };
