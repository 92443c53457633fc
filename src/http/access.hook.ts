/**
 * The one access hook (docs/access.md). Every route declares the action it needs in
 * `config.access`; a route without one stops the service from starting, so no route is added open
 * by accident. Before any body is read, each request gets its principal — from the bearer token or
 * the session cookie — and is refused unless the principal's role may take the route's action.
 * Cookie-authenticated writes must carry the session's CSRF token and, when the browser says where
 * it comes from, come from this site.
 */
import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { liveSession, pendingStep, principalOfUser, SESSION_COOKIE, tokenPrincipal, type AccessSettings } from '../access/index.ts';
import { ACTIONS, isPersonRole, mayTake, ROLES, type Action, type Principal } from '../domain/index.ts';
import { AppError } from '../errors.ts';

/** The session behind a cookie-authenticated request, for sign-out and the CSRF check. */
export interface RequestSession {
  idHash: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    accessSession: RequestSession | null;
  }
}

/** Routes that plugins register, which cannot carry our config: the API's documentation is public. */
const PLUGIN_ROUTES: readonly { prefix: string; access: Action }[] = [{ prefix: '/api/docs', access: 'public' }];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function actionsOf(config: unknown): readonly Action[] | undefined {
  const access = (config as { access?: Action | readonly Action[] } | undefined)?.access;
  if (access === undefined) return undefined;
  return typeof access === 'string' ? [access] : access;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAccess(app: FastifyInstance, settings: AccessSettings): void {
  // Loaded with the app's other plugins at ready(); the hook below runs after it has parsed cookies.
  void app.register(fastifyCookie);
  app.decorateRequest('principal', null);
  app.decorateRequest('accessSession', null);

  app.addHook('onRoute', (route) => {
    const plugin = PLUGIN_ROUTES.find((p) => route.url.startsWith(p.prefix));
    if (plugin && actionsOf(route.config) === undefined) route.config = { ...route.config, access: plugin.access };
    const actions = actionsOf(route.config);
    if (actions === undefined || actions.length === 0 || actions.some((a) => !ACTIONS.includes(a))) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no valid config.access (src/domain/access.ts ACTIONS)`);
    }
    if (route.schema) route.schema = { ...route.schema, security: securityOf(actions), 'x-access': actions } as typeof route.schema;
  });

  app.addHook('onRequest', async (request) => {
    const actions = actionsOf(request.routeOptions.config);
    // No route matched: the not-found handler answers, with nothing to protect.
    if (actions === undefined) return;
    const now = app.clock.now();
    request.principal = await resolvePrincipal(app, request, now, settings);
    if (actions.includes('public')) {
      if (request.accessSession && !SAFE_METHODS.has(request.method)) checkOrigin(request);
      return;
    }
    const principal = request.principal;
    if (principal === null) throw new AppError('NOT_SIGNED_IN');
    if (!actions.some((action) => mayTake(principal.role, action))) throw new AppError('FORBIDDEN');
    if (principal.pending !== undefined && !actions.includes('session')) {
      throw new AppError(principal.pending === 'password' ? 'PASSWORD_CHANGE_REQUIRED' : 'SECOND_FACTOR_SETUP_REQUIRED');
    }
    if (request.accessSession && !SAFE_METHODS.has(request.method)) {
      checkOrigin(request);
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.accessSession.csrfToken)) throw new AppError('CSRF_REFUSED');
    }
  });
}

/** The OpenAPI security schemes (src/http/app.ts): the web app's session cookie, machine clients' bearer tokens. */
export const SECURITY_SCHEMES = {
  sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Phiên đăng nhập (POST /api/v1/auth/sign-in); ghi cần thêm header X-CSRF-Token' },
  bearerToken: { type: 'http', scheme: 'bearer', description: 'Khoá API của hệ thống máy (tttb token create)' },
} as const;

/** A route's OpenAPI requirement: none for public routes; otherwise the schemes its roles sign in with. */
function securityOf(actions: readonly Action[]): Record<string, string[]>[] {
  if (actions.includes('public')) return [];
  const roles = actions.flatMap((action) => ROLES.filter((role) => mayTake(role, action)));
  return [
    ...(roles.some((role) => isPersonRole(role)) ? [{ sessionCookie: [] }] : []),
    ...(roles.some((role) => !isPersonRole(role)) ? [{ bearerToken: [] }] : []),
  ];
}

/** A browser's Origin, when it sends one, must be this site's (a second line behind SameSite and the token). */
function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let same: boolean;
  try {
    // Both through URL, so a default port written or not compares the same.
    same = new URL(origin).host === new URL(`${request.protocol}://${request.host}`).host;
  } catch {
    same = false;
  }
  if (!same) throw new AppError('CSRF_REFUSED');
}

async function resolvePrincipal(app: FastifyInstance, request: FastifyRequest, now: Date, settings: AccessSettings): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const principal = token === undefined ? null : await tokenPrincipal(app.db, token, now);
    // A token that does not sign in is refused even on public routes: the caller meant to be someone.
    if (principal === null) throw new AppError('NOT_SIGNED_IN', 'Khoá API không hợp lệ hoặc đã bị thu hồi.');
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined) return null;
  const session = await liveSession(app.db, cookie, now, settings);
  if (session === null) return null;
  request.accessSession = { idHash: session.id_hash, csrfToken: session.csrf_token };
  const principal = principalOfUser(session);
  const pending = pendingStep(session);
  return pending === null ? principal : { ...principal, pending };
}
