/** SQL of access: users, sessions, API tokens and the sign-in failure counts. */
import type { Kysely, Transaction } from 'kysely';
import type { DB, UserTable } from '../db/schema.ts';
import type { Insertable, Selectable } from 'kysely';
import { chunksOf } from '../db/chunks.ts';
import { forgetSessions } from './session-cache.ts';

export type UserRow = Selectable<UserTable>;
type Db = Kysely<DB> | Transaction<DB>;

/**
 * Rows matching `values` read a slice at a time: an imported sheet may name many codes and
 * usernames, and `in` lists stay well under the drivers' parameter limits.
 */
async function selectInSlices<R>(values: readonly string[], select: (slice: string[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (const slice of chunksOf([...new Set(values)], 500)) rows.push(...(await select(slice)));
  return rows;
}

export function findUserByName(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** Which of `usernames` are taken (a batch of new accounts is checked in one go, a slice at a time). */
export async function takenUsernames(db: Db, usernames: readonly string[]): Promise<Set<string>> {
  const rows = await selectInSlices(usernames, (slice) => db.selectFrom('users').select('username').where('username', 'in', slice).execute());
  return new Set(rows.map((r) => r.username));
}

/** Whether any account or API token exists (a demo's accounts are made only into an empty one). */
export async function hasAnyAccount(db: Db): Promise<boolean> {
  const user = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const token = await db.selectFrom('api_tokens').select('id').limit(1).executeTakeFirst();
  return user !== undefined || token !== undefined;
}

/** Every username: an import checks its rows against them (a province has hundreds of accounts, not millions). */
export async function allUsernames(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('users').select('username').execute()).map((r) => r.username));
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Db) {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export async function insertUser(db: Db, user: Insertable<UserTable>): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateUser(db: Db, id: number, changes: Partial<Omit<UserRow, 'id'>>): Promise<boolean> {
  const result = await db.updateTable('users').set(changes).where('id', '=', id).executeTakeFirst();
  forgetSessions();
  return Number(result.numUpdatedRows) > 0;
}

/** The session of a cookie with its user, whatever their state: the caller judges expiry. */
export function findSession(db: Db, idHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id_hash',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.ended_at',
      'users.id as user_id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.scope',
      'users.must_change_password',
      'users.totp_enabled_at',
      'users.disabled_at',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export async function insertSession(db: Db, session: Insertable<DB['sessions']>): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function endSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: at }).where('id_hash', '=', idHash).where('ended_at', 'is', null).execute();
  forgetSessions();
}

/** Every open session of a user (password changed or reset, account disabled). */
export async function endSessionsOf(db: Db, userId: number, at: string, except?: string): Promise<void> {
  let query = db.updateTable('sessions').set({ ended_at: at }).where('user_id', '=', userId).where('ended_at', 'is', null);
  if (except !== undefined) query = query.where('id_hash', '!=', except);
  await query.execute();
  forgetSessions();
}

export function findToken(db: Db, tokenHash: string) {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function findTokenByName(db: Db, name: string) {
  return db.selectFrom('api_tokens').select('id').where('name', '=', name).executeTakeFirst();
}

export function listTokens(db: Db) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'role', 'scope', 'created_at', 'created_by', 'last_used_at', 'revoked_at']).orderBy('name').execute();
}

export async function insertToken(db: Db, token: Insertable<DB['api_tokens']>): Promise<number> {
  const row = await db.insertInto('api_tokens').values(token).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function revokeToken(db: Db, name: string, at: string): Promise<boolean> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: at }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function touchToken(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export function failuresOf(db: Db, keys: readonly string[]) {
  return db.selectFrom('sign_in_failures').selectAll().where('key', 'in', keys).execute();
}

/** One more failure on each key; a count older than `resetBefore` starts again at 1. */
export async function addFailures(db: Db, keys: readonly string[], at: string, resetBefore: string): Promise<void> {
  for (const key of keys) {
    await db
      .insertInto('sign_in_failures')
      .values({ key, failures: 1, last_failure_at: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          failures: eb.case().when('sign_in_failures.last_failure_at', '<', resetBefore).then(1).else(eb('sign_in_failures.failures', '+', 1)).end(),
          last_failure_at: at,
        })),
      )
      .execute();
  }
}

export async function clearFailures(db: Db, keys: readonly string[]): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', 'in', keys).execute();
}

/** Every commune's (ward's, special zone's) code. */
export async function communeCodes(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('admin_units').select('code').execute()).map((r) => r.code));
}

/** Which of `codes` are communes (wards, special zones) of the database's admin units. */
export async function knownCommunes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  const rows = await selectInSlices(codes, (slice) => db.selectFrom('admin_units').select('code').where('code', 'in', slice).execute());
  return new Set(rows.map((r) => r.code));
}
