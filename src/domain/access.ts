/**
 * Who may do what: the roles, the actions and the one permission table (role × action), with the
 * scopes that bound each role's reach. Pure data: the HTTP hook, the services and the matrix test
 * all read this table (docs/access.md).
 */
import type { VerificationChannel } from './vocabulary.ts';

/** People sign in with a password; machines call with an API token. */
export const PERSON_ROLES = ['province_admin', 'province_viewer', 'commune_officer', 'carrier_operator', 'auditor'] as const;
export const MACHINE_ROLES = ['carrier_system', 'vneid_integration', 'ca_provider'] as const;
export const ROLES = [...PERSON_ROLES, ...MACHINE_ROLES] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export type MachineRole = (typeof MACHINE_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** What a scope entry bounds: a commune's lines, a carrier's lines, a CA provider's certificates. */
export const SCOPE_KINDS = ['commune', 'carrier', 'provider'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** A kind of scope as messages name it (GLOSSARY.md). */
export const SCOPE_KIND_NAMES_VI: Readonly<Record<ScopeKind, string>> = {
  commune: 'xã, phường, đặc khu',
  carrier: 'nhà mạng',
  provider: 'tổ chức cung cấp dịch vụ chứng thực chữ ký số công cộng',
};
export interface ScopeEntry {
  kind: ScopeKind;
  value: string;
}
/** A principal's reach: the whole province, or the listed communes / carrier / provider. */
export type Scope = 'province' | readonly ScopeEntry[];

/**
 * Who is asking, resolved once per request from the session cookie or the bearer token. Services
 * take it first; audit rows name `actor`.
 */
export interface Principal {
  kind: 'user' | 'token';
  /** users.id or api_tokens.id. */
  id: number;
  /** What audit rows record: the username, or `token:<name>`. */
  actor: string;
  displayName: string;
  role: Role;
  scope: Scope;
  /** A person who must first change their password or set up the second factor may only manage their own session. */
  pending?: 'password' | 'second_factor';
}

/**
 * The scope kind each role is bounded by; `null`: the whole province. A new role with a new kind
 * of scope (agency focal persons, door-to-door volunteers) is one line here and one in SCOPE_KINDS.
 */
export const ROLE_SCOPE: Record<Role, ScopeKind | null> = {
  province_admin: null,
  province_viewer: null,
  commune_officer: 'commune',
  carrier_operator: 'carrier',
  auditor: null,
  carrier_system: 'carrier',
  vneid_integration: null,
  ca_provider: 'provider',
};

/** Actions a route or a service method needs; `public` needs no principal at all. */
export const ACTIONS = [
  'public',
  'session',
  'figures.read',
  'subscriber.lookup',
  'subscriber.reveal',
  'verification.desk',
  'verification.push',
  'carrier_events.push',
  'lock_orders.feed',
  'users.manage',
  'audit.read',
  'imports.load',
  'imports.read',
  'statistics.load',
  'campaign.manage',
  'reports.read',
  'reports.submit',
  'reports.review',
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERY_PERSON: readonly Role[] = PERSON_ROLES;
const LOOKUP: readonly Role[] = ['province_admin', 'province_viewer', 'commune_officer', 'carrier_operator'];

/** The one permission table: for each action, the roles that may take it (within their scope). */
export const PERMISSIONS: Record<Exclude<Action, 'public'>, readonly Role[]> = {
  session: EVERY_PERSON,
  'figures.read': ROLES,
  'subscriber.lookup': LOOKUP,
  'subscriber.reveal': ['province_admin', 'commune_officer', 'carrier_operator'],
  'verification.desk': ['carrier_operator', 'commune_officer'],
  'verification.push': ['carrier_system', 'vneid_integration'],
  // A carrier's system reports its lines' events; a file of them is loaded with the CLI.
  'carrier_events.push': ['carrier_system'],
  // A carrier's system reads the lock and unlock orders for its lines and confirms them.
  'lock_orders.feed': ['carrier_system'],
  'users.manage': ['province_admin'],
  'audit.read': ['auditor'],
  // Carriers' subscriber files: the Department for any carrier, a carrier for its own (docs/imports.md).
  'imports.load': ['province_admin', 'carrier_operator', 'carrier_system'],
  'imports.read': ['province_admin', 'province_viewer', 'carrier_operator', 'carrier_system'],
  // The statistics office's tables become the KPI denominators: the Department loads them; everyone reads them (figures.read).
  'statistics.load': ['province_admin'],
  // The campaign's targets (docs/campaign.md): the Department sets them; everyone reads them (figures.read).
  'campaign.manage': ['province_admin'],
  // Carriers' weekly reports (docs/reports.md): a carrier submits its own (a person or its system), the Department reviews them.
  'reports.read': ['province_admin', 'province_viewer', 'carrier_operator', 'carrier_system'],
  'reports.submit': ['carrier_operator', 'carrier_system'],
  'reports.review': ['province_admin'],
};

/**
 * The verification channels each role submits through (a carrier's staff at its stores, mobile
 * points and agency sessions, a commune officer at the commune's point, the machines through their
 * own); a role not listed submits none. The desk page offers these; the service refuses the others.
 */
export const CHANNELS_OF_ROLE: Readonly<Partial<Record<Role, readonly VerificationChannel[]>>> = {
  carrier_operator: ['carrier_store', 'mobile_point', 'agency_session'],
  commune_officer: ['commune_point'],
  carrier_system: ['carrier_app'],
  vneid_integration: ['vneid'],
};

/**
 * The channels whose results a system pushes after verifying elsewhere: VNeID its own, a carrier's
 * system its app's and its stores' own systems' (POST /verifications/results).
 */
export const PUSHED_CHANNELS_OF_ROLE: Readonly<Partial<Record<Role, readonly VerificationChannel[]>>> = {
  carrier_system: ['carrier_app', 'carrier_store'],
  vneid_integration: ['vneid'],
};

/** Roles whose sign-in needs a second factor (TOTP). */
export const SECOND_FACTOR_ROLES: readonly PersonRole[] = ['province_admin', 'auditor'];

/** A scope as one stable text (`province`, or its entries sorted: `carrier=viettel`), naming a reporting system's reach. */
export function scopeReach(scope: Scope): string {
  return scope === 'province' ? 'province' : scope.map((s) => `${s.kind}=${s.value}`).sort().join(',');
}

export function mayTake(role: Role, action: Action): boolean {
  return action === 'public' || PERMISSIONS[action].includes(role);
}

/** Every action a role may take, for the web app's menu. */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((action) => mayTake(role, action));
}

export function isPersonRole(role: Role): role is PersonRole {
  return (PERSON_ROLES as readonly Role[]).includes(role);
}

/** Vietnamese names of the roles, for screens and the CLI. */
export const ROLE_NAMES_VI: Record<Role, string> = {
  province_admin: 'Quản trị cấp tỉnh (Sở KH&CN)',
  province_viewer: 'Theo dõi cấp tỉnh',
  commune_officer: 'Cán bộ xã, phường',
  carrier_operator: 'Nhân viên nhà mạng',
  auditor: 'Kiểm soát nhật ký',
  carrier_system: 'Hệ thống nhà mạng',
  vneid_integration: 'Kết nối VNeID',
  ca_provider: 'Tổ chức cung cấp chữ ký số',
};
