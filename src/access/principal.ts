/**
 * The principal on the request: resolved once by the access hook (src/http/access.hook.ts) from
 * the session cookie or the bearer token, before any route runs. Routes hand it to services.
 */
import type { FastifyRequest } from 'fastify';
import type { Action, Principal } from '../domain/index.ts';
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
