/** What scope each role's account must have (ROLE_SCOPE), checked when an account or token is made or changed. */
import { CARRIERS, ROLE_SCOPE, SCOPE_KIND_NAMES_VI, type Role, type ScopeEntry } from '../domain/index.ts';
import { AppError } from '../errors.ts';

const scopeError = (message: string) => new AppError('SCOPE_INVALID', message, { errors: [{ field: 'scopes', message }] });

/**
 * The entries, de-duplicated and checked against the role: province roles none, a commune officer
 * one or more known communes, a carrier's operator or system exactly one carrier, a CA provider one.
 * @throws AppError SCOPE_INVALID
 */
export function checkScope(role: Role, entries: readonly ScopeEntry[], knownCommunes: ReadonlySet<string>): ScopeEntry[] {
  const kind = ROLE_SCOPE[role];
  const unique = [...new Map(entries.map((e) => [`${e.kind}:${e.value.trim()}`, { kind: e.kind, value: e.value.trim() }])).values()];
  if (kind === null) {
    if (unique.length > 0) throw scopeError('Vai trò cấp tỉnh không có phạm vi riêng.');
    return [];
  }
  if (unique.some((e) => e.kind !== kind)) throw scopeError(`Phạm vi của vai trò này chỉ gồm ${SCOPE_KIND_NAMES_VI[kind]}.`);
  if (unique.length === 0) throw scopeError(`Vai trò này cần phạm vi: ${SCOPE_KIND_NAMES_VI[kind]}.`);
  if (kind === 'commune') {
    const unknown = unique.filter((e) => !knownCommunes.has(e.value)).map((e) => e.value);
    if (unknown.length > 0) throw scopeError(`Không có xã, phường mã ${unknown.join(', ')}.`);
    return unique;
  }
  if (unique.length > 1) throw scopeError('Vai trò này gắn với đúng một đơn vị.');
  if (kind === 'carrier' && !(CARRIERS as readonly string[]).includes(unique[0]!.value)) {
    throw scopeError(`Không có nhà mạng "${unique[0]!.value}" (một trong ${CARRIERS.join(', ')}).`);
  }
  return unique;
}
