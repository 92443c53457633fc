/**
 * The principal on the request: resolved once by the access hook (src/http/access.hook.ts) from
 * the session cookie or the bearer token, before any route runs. Routes hand it to services.
 */
import type { FastifyRequest } from 'fastify';
import { mayTake, ROLE_NAMES_VI, type Action, type Principal } from '../domain/index.ts';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Null for an anonymous caller (public routes only: the hook refuses the others). */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The action the route needs (src/domain/access.ts), or any of several; every route declares it. */
    access?: Action | readonly Action[];
  }
}

/** The caller of a route that needs a principal. @throws AppError NOT_SIGNED_IN (the hook already refused, so only on a wiring slip) */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new AppError('NOT_SIGNED_IN', 'Cần đăng nhập.');
  return request.principal;
}

/**
 * Refuses a principal whose role may not take `action` (the permission table): services check it
 * first, whoever calls them (a route, a command). @throws AppError FORBIDDEN
 */
export function requireAction(principal: Principal, action: Action): void {
  if (!mayTake(principal.role, action)) throw new AppError('FORBIDDEN', `Vai trò ${ROLE_NAMES_VI[principal.role]} không có quyền này (${action}).`);
}
