/** A user row as the principal of their requests, and as the web app's view of "me". */
import { actionsOf, ROLE_SCOPE, SECOND_FACTOR_ROLES, type Principal, type Role, type Scope, type ScopeEntry } from '../domain/index.ts';

/** The stored scope (JSON list of {kind, value}) as the principal's reach: province roles see all. */
export function scopeOf(role: Role, stored: string): Scope {
  if (ROLE_SCOPE[role] === null) return 'province';
  return JSON.parse(stored) as ScopeEntry[];
}

export function needsSecondFactor(role: Role): boolean {
  return (SECOND_FACTOR_ROLES as readonly Role[]).includes(role);
}

export interface UserFacts {
  user_id?: number;
  id?: number;
  username: string;
  display_name: string;
  role: Role;
  scope: string;
  must_change_password: number;
  totp_enabled_at: string | null;
}

export function principalOfUser(user: UserFacts): Principal {
  return { kind: 'user', id: Number(user.user_id ?? user.id), actor: user.username, displayName: user.display_name, role: user.role, scope: scopeOf(user.role, user.scope) };
}

/** What a signed-in person may do now: everything of their role, or only their own session while a password change or a second factor is pending. */
export function pendingStep(user: UserFacts): 'password' | 'second_factor' | null {
  if (user.must_change_password) return 'password';
  if (needsSecondFactor(user.role) && user.totp_enabled_at === null) return 'second_factor';
  return null;
}

/** The answer of `GET /auth/session`: who is signed in and what the menu offers. */
export function sessionView(user: UserFacts) {
  const scope = scopeOf(user.role, user.scope);
  return {
    id: Number(user.user_id ?? user.id),
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    scopes: scope === 'province' ? [] : [...scope],
    mustChangePassword: user.must_change_password === 1,
    totpRequired: needsSecondFactor(user.role),
    totpEnabled: user.totp_enabled_at !== null,
    actions: pendingStep(user) === null ? actionsOf(user.role) : actionsOf(user.role).filter((a) => a === 'public' || a === 'session'),
  };
}
export type SessionView = ReturnType<typeof sessionView>;
