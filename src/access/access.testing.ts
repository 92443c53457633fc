/** Test support: principals of any role and reach, as the access hook would resolve them. */
import { isPersonRole, type Principal, type Role, type Scope } from '../domain/index.ts';

let serial = 0;

/** A signed-in principal of `role` over `scope` (the whole province by default). */
export function testPrincipal(role: Role, scope: Scope = 'province', actor = `test.${role}`): Principal {
  serial += 1;
  return { kind: isPersonRole(role) ? 'user' : 'token', id: serial, actor, displayName: actor, role, scope };
}
