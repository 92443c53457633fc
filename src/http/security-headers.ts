/**
 * Security headers on every answer: helmet's set with a content security policy that allows
 * nothing (the API answers JSON, never a page), frames and referrers refused, and
 * `Cache-Control: no-store` — answers carry personal data, and no cache on the way may keep them.
 * The API docs page gets the policy its own scripts and styles need (see {@link DOCS_CSP}).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';

const API_HELMET: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { 'default-src': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"], 'frame-ancestors': ["'none'"] },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * The swagger-ui page at /api/docs: its scripts, styles, images and the OpenAPI document all come
 * from this service (the page has no inline script; validatorUrl is null, so no outside badge).
 * Inline styles are allowed because swagger-ui's components set style attributes as they render.
 */
export const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; form-action 'self'; frame-ancestors 'none'; " +
  "img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'";

/** Headers the answer of a bare route has whatever it sends; they are not security headers. */
const ANSWER_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

export type SecurityHeaders = Readonly<Record<string, string>>;

/**
 * The headers every answer carries: those @fastify/helmet sets with our policy, read once from a
 * throwaway instance (the plugin builds helmet's middleware again on every request, ~7 µs; the hot
 * path sets these constants instead), and `no-store`.
 */
export async function securityHeaders(): Promise<SecurityHeaders> {
  const probe = Fastify({ logger: false });
  await probe.register(fastifyHelmet, API_HELMET);
  probe.get('/', () => '');
  const answer = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const helmet = Object.entries(answer.headers).filter(([name]) => !ANSWER_HEADERS.has(name));
  return { ...Object.fromEntries(helmet.map(([name, value]) => [name, String(value)])), 'cache-control': 'no-store' };
}

/**
 * Sets `headers` on every answer a route or the not-found handler sends. A header the route set
 * itself wins: swagger-ui sets the docs' policy and its static files' caching.
 */
export function registerSecurityHeaders(app: FastifyInstance, headers: SecurityHeaders): void {
  const entries = Object.entries(headers);
  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of entries) if (!reply.hasHeader(name)) reply.header(name, value);
    done(null, payload);
  });
}
