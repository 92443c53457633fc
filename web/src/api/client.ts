/**
 * The one API client: openapi-fetch over the types generated from the service's OpenAPI document
 * (schema.d.ts, `npm run web:api`), so a call that does not match a route does not compile. The
 * session cookie goes along (same origin only); cookie-authenticated writes carry the session's
 * CSRF token; every error answer becomes one ApiProblem. Components never call it directly: the
 * TanStack Query hooks in ../hooks do.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { networkProblem, problemOf } from './problem.ts';
import type { paths } from './schema';

let csrfToken: string | undefined;

/** The token the session answered (sign-in, `GET /auth/session`); undefined once signed out. */
export function rememberCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The token a write outside openapi-fetch (a file upload, ./upload.ts) sends along. */
export const currentCsrfToken = (): string | undefined => csrfToken;

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const csrfHeader: Middleware = {
  onRequest({ request }) {
    if (csrfToken !== undefined && WRITES.has(request.method)) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ credentials: 'same-origin' });
api.use(csrfHeader);

/**
 * The data of a call, or its ApiProblem thrown (what TanStack Query hands the page as `error`).
 * A 204 answers undefined.
 */
export async function answerOf<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch {
    // fetch rejects only when no answer came: offline, the service down, a refused connection.
    throw networkProblem();
  }
  if (!result.response.ok) throw problemOf(result.response, result.error);
  return result.data as T;
}
