/**
 * Access: people and machine clients, sign-in and sessions, the permission table's enforcement and
 * the audit log (docs/access.md). Other capabilities write audit rows through `insertAuditEntry`.
 */
import { routesAt, noOptions, type Capability } from '../capability.ts';
import { DEFAULT_ACCESS_SETTINGS, type AccessSettings } from './access.settings.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { usersRoutes } from './users.routes.ts';

export const accessCapability: Capability<{ access: Partial<AccessSettings> }> = {
  name: 'access',
  tags: [{ name: 'access', description: 'Đăng nhập, phiên, tài khoản, nhật ký kiểm toán' }],
  routes: [
    routesAt('/auth', authRoutes, (ctx) => ({ settings: { ...DEFAULT_ACCESS_SETTINGS, ...ctx.access } })),
    routesAt('/users', usersRoutes, noOptions),
    routesAt('/audit', auditRoutes, noOptions),
  ],
};

export { auditChange, insertAuditEntry, type AuditEntry, type AuditedChange } from './audit.repository.ts';
export { principalOf, requireAction } from './principal.ts';
export { DEFAULT_ACCESS_SETTINGS, type AccessSettings };
export { SESSION_COOKIE, liveSession, closeSession } from './session.service.ts';
export { pendingStep, principalOfUser, sessionView, type SessionView } from './principal-view.ts';
export { signIn, type SignedIn } from './sign-in.service.ts';
export {
  beginTotpSetup,
  changeOwnPassword,
  confirmTotp,
  createUser,
  createUsers,
  currentTotpCode,
  disableUser,
  listUsers,
  resetPassword,
  setScopes,
  userIdOf,
  type ChangeContext,
  type CreatedUser,
  type NewUser,
  type UserView,
} from './users.service.ts';
export { importUsers, type ImportedUser } from './users-import.service.ts';
export { cellText, columnLetter, IMPORT_COLUMNS, type ImportProblem, type SheetRow } from './users-import.rows.ts';
export { readVisibleSheets } from './users-import.xlsx.ts';
export { createToken, listTokens, revokeToken, tokenPrincipal } from './tokens.service.ts';
export { totpCode } from './totp.ts';
export { hasAnyAccount } from './access.repository.ts';
export { generatePassword } from './password.ts';
