import type { SessionPrincipal } from '../../hooks/session.ts';
import { PASSWORD_PATH, SECOND_FACTOR_PATH } from '../../pages/staff-pages.tsx';

/**
 * The page a person must finish before any other: a first sign-in's password change, then the
 * second factor their role needs. The service refuses the rest meanwhile (`principal.actions`).
 */
export function pendingStepPath(principal: SessionPrincipal): string | undefined {
  if (principal.mustChangePassword) return PASSWORD_PATH;
  if (principal.totpRequired && !principal.totpEnabled) return SECOND_FACTOR_PATH;
  return undefined;
}
