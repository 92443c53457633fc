/**
 * Tests' sign-in: an account of any role with a live session, without the password round trip;
 * and principals as the access hook resolves them, for services called directly.
 */
import type { Database } from '../db/open.ts';
import { isPersonRole, ROLE_SCOPE, type Principal, type Role, type Scope, type ScopeEntry } from '../domain/index.ts';
import { insertUser } from './access.repository.ts';
import { DEFAULT_ACCESS_SETTINGS } from './access.settings.ts';
import { openSession, SESSION_COOKIE } from './session.service.ts';
import { createToken } from './tokens.service.ts';

let counter = 0;

/** Headers of a signed-in person (cookie and CSRF token) of `role`, within `scopes`. */
export async function signedInAs(db: Database, role: Role, scopes: readonly ScopeEntry[] = [], now = new Date()) {
  counter += 1;
  const username = `test.${role}.${counter}`;
  if (ROLE_SCOPE[role] === 'carrier' && scopes.length === 0) scopes = [{ kind: 'carrier', value: 'viettel' }];
  const id = await insertUser(db.kysely, {
    username,
    display_name: `Người thử ${counter}`,
    role,
    scope: JSON.stringify(scopes),
    password_hash: 'not-a-hash',
    must_change_password: 0,
    password_changed_at: null,
    totp_secret: null,
    totp_enabled_at: now.toISOString(),
    created_at: now.toISOString(),
    created_by: 'test',
    disabled_at: null,
  });
  const session = await openSession(db, id, '127.0.0.1', now, DEFAULT_ACCESS_SETTINGS);
  return { username, userId: id, headers: { cookie: `${SESSION_COOKIE}=${session.cookie}`, 'x-csrf-token': session.csrfToken } };
}

/** Headers of a machine client of `role` (a bearer token). */
export async function tokenAs(db: Database, role: Role, scopes: readonly ScopeEntry[] = [], now = new Date()) {
  counter += 1;
  if (ROLE_SCOPE[role] === 'carrier' && scopes.length === 0) scopes = [{ kind: 'carrier', value: 'viettel' }];
  if (ROLE_SCOPE[role] === 'provider' && scopes.length === 0) scopes = [{ kind: 'provider', value: 'demo-ca' }];
  const { token, name } = await createToken(db, { name: `test-${role}-${counter}`.replaceAll('_', '-'), role, scopes }, { actor: 'test', now });
  return { name, headers: { authorization: `Bearer ${token}` } };
}

/** A principal of `role` over `scope` (the whole province by default), as the hook hands it to a service. */
export function testPrincipal(role: Role, scope: Scope = 'province', actor = `test.${role}`): Principal {
  counter += 1;
  return { kind: isPersonRole(role) ? 'user' : 'token', id: counter, actor, displayName: actor, role, scope };
}
