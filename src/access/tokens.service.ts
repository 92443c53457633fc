/**
 * API tokens for machine clients (carrier systems, VNeID, CA providers): made by the province's
 * admin with a role and scope, shown once, stored as their SHA-256, revocable at once.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/open.ts';
import { isPersonRole, type Principal, type Role, type ScopeEntry } from '../domain/index.ts';
import { AppError, fieldInvalid } from '../errors.ts';
import { findToken, findTokenByName, insertToken, knownCommunes, listTokens as listTokenRows, revokeToken as revokeTokenRow, touchToken } from './access.repository.ts';
import { insertAuditEntry } from './audit.repository.ts';
import { scopeOf } from './principal-view.ts';
import { sha256 } from './session.service.ts';
import { checkScope } from './scope.rules.ts';
import type { ChangeContext } from './users.service.ts';

const TOKEN_PREFIX = 'tttb_';
const NAME = /^[a-z0-9][a-z0-9._-]{2,59}$/;

/** @throws AppError VALIDATION_FAILED, SCOPE_INVALID, TOKEN_EXISTS */
export async function createToken(
  db: Database,
  input: { name: string; role: Role; scopes: readonly ScopeEntry[] },
  context: ChangeContext,
): Promise<{ name: string; token: string }> {
  const name = input.name.trim().toLowerCase();
  if (!NAME.test(name)) {
    const message = 'Tên khoá 3–60 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.';
    throw fieldInvalid('name', message);
  }
  if (isPersonRole(input.role)) {
    const message = 'Khoá API chỉ dành cho hệ thống máy (carrier_system, vneid_integration, ca_provider).';
    throw fieldInvalid('role', message);
  }
  const scopes = checkScope(input.role, input.scopes, await knownCommunes(db.kysely, input.scopes.map((s) => s.value.trim())));
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  await db.kysely.transaction().execute(async (trx) => {
    if (await findTokenByName(trx, name)) throw new AppError('TOKEN_EXISTS', name);
    const id = await insertToken(trx, {
      name,
      role: input.role,
      scope: JSON.stringify(scopes),
      token_hash: sha256(token),
      created_at: context.now.toISOString(),
      created_by: context.actor,
      last_used_at: null,
      revoked_at: null,
    });
    await insertAuditEntry(trx, { at: context.now.toISOString(), actor: context.actor, action: 'token.create', subjectType: 'token', subjectId: String(id), details: { name, role: input.role, scopes } });
  });
  return { name, token };
}

/** @throws AppError TOKEN_NOT_FOUND (unknown or already revoked) */
export async function revokeToken(db: Database, name: string, context: ChangeContext): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    if (!(await revokeTokenRow(trx, name.trim().toLowerCase(), context.now.toISOString()))) throw new AppError('TOKEN_NOT_FOUND', name);
    await insertAuditEntry(trx, { at: context.now.toISOString(), actor: context.actor, action: 'token.revoke', subjectType: 'token', subjectId: name });
  });
}

export async function listTokens(db: Database) {
  return (await listTokenRows(db.kysely)).map((t) => ({
    name: t.name,
    role: t.role,
    scopes: t.scope === '[]' ? [] : (JSON.parse(t.scope) as ScopeEntry[]),
    createdAt: t.created_at,
    createdBy: t.created_by,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  }));
}

const TOUCH_EVERY_MS = 60_000;

/** The principal of a bearer token, or null (unknown, malformed or revoked). */
export async function tokenPrincipal(db: Database, token: string, now: Date): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const row = await findToken(db.kysely, sha256(token));
  if (!row || row.revoked_at !== null) return null;
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() >= TOUCH_EVERY_MS) {
    await touchToken(db.kysely, Number(row.id), now.toISOString());
  }
  return { kind: 'token', id: Number(row.id), actor: `token:${row.name}`, displayName: row.name, role: row.role, scope: scopeOf(row.role, row.scope) };
}
