/**
 * A role's scope as the users page's form holds it (the communes chosen, or the one carrier) and as
 * the service takes it (`{kind, value}` entries): which kind a role has is the permission table's
 * ROLE_SCOPE, so a new role with a new kind of scope changes nothing here but a field.
 */
import { ROLE_SCOPE, type Role, type ScopeEntry } from '../../../../src/domain/access.ts';

export interface ScopeFormValues {
  communes?: string[];
  carrier?: string;
}

/** The entries for `role` from the form's fields; none for a province-wide role. */
export function scopesFromForm(role: Role, values: ScopeFormValues): ScopeEntry[] {
  switch (ROLE_SCOPE[role]) {
    case 'commune':
      return (values.communes ?? []).map((value) => ({ kind: 'commune', value }));
    case 'carrier':
      return values.carrier ? [{ kind: 'carrier', value: values.carrier }] : [];
    default:
      return [];
  }
}

/** The form's fields for an account's entries. */
export function formFromScopes(scopes: readonly ScopeEntry[]): ScopeFormValues {
  return {
    communes: scopes.filter((s) => s.kind === 'commune').map((s) => s.value),
    carrier: scopes.find((s) => s.kind === 'carrier')?.value,
  };
}
