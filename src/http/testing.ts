/** Test helpers for the HTTP layer: a route plugin on its own, every route of an app, a captured log. */
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/open.ts';
import { wallClock, type Clock } from '../clock/index.ts';
import { loadReferenceData } from '../reference/index.ts';
import { registerErrorHandling } from './error-handler.ts';
import { registerAccess } from './access.hook.ts';
import { DEFAULT_ACCESS_SETTINGS } from '../access/index.ts';
import type { Principal } from '../domain/index.ts';

/**
 * What every route plugin relies on — zod compilers, `db`, `reference`, `clock`, the problem+json error
 * handler, the access hook — without the other capabilities, so a test wires its own plugin with its own options.
 * With `everyoneIs`, no access hook: every request is that principal (the web benchmark's "access off").
 */
export function routeTestApp(db: Database, clock: Clock = wallClock, everyoneIs?: Principal) {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', db);
  app.decorate('reference', loadReferenceData());
  app.decorate('clock', clock);
  registerErrorHandling(app);
  if (everyoneIs === undefined) {
    registerAccess(app, DEFAULT_ACCESS_SETTINGS);
  } else {
    app.decorateRequest('principal', null);
    app.addHook('onRequest', (request, _reply, done) => {
      request.principal = everyoneIs;
      done();
    });
  }
  return app;
}

export interface ServedRoute {
  method: string;
  /** Fastify's pattern: `/api/v1/lines/:id`, `/api/docs/*`. */
  url: string;
}

/**
 * Every method and URL pattern `app` serves, read from Fastify's own route tree, so a test that
 * walks them cannot miss a route added later.
 */
export function servedRoutes(app: FastifyInstance): ServedRoute[] {
  const routes: ServedRoute[] = [];
  // One line per tree node: 4 characters of indentation per level, the node's part of the path,
  // and the methods when the node is a route: `│   ├── /otp (POST)`.
  const parents: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const node = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!node) continue;
    const depth = (node[1] ?? '').length / 4;
    const url = (parents[depth - 1] ?? '') + (node[2] ?? '');
    parents[depth] = url;
    parents.length = depth + 1;
    for (const method of node[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

/** An inject request for `route` with every path parameter (and a wildcard) set to `value`. */
export function requestTo(route: ServedRoute, value: string, extra: Omit<InjectOptions, 'method' | 'url'> & { query?: Record<string, string> } = {}): InjectOptions {
  const path = route.url.replace(/:\w+|\*/gu, encodeURIComponent(value));
  const { query, ...rest } = extra;
  const search = query ? `?${new URLSearchParams(query).toString()}` : '';
  return { ...rest, method: route.method, url: path + search };
}

/** A log destination for `buildApp({ logStream })` that keeps every line. */
export function capturedLog() {
  const lines: string[] = [];
  return {
    stream: { write: (line: string) => void lines.push(line) },
    lines: () => lines,
  };
}

