/**
 * `buildApp()`: the Fastify application, assembled from infrastructure plugins and the routes of
 * every capability of src/capabilities.ts, each an encapsulated, prefixed plugin under `/api/v1`,
 * and the web app at `/` (web-app.ts).
 * Tests drive it with `app.inject()`.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '../db/open.ts';
import type { DeploymentMode } from '../db/schema.ts';
import { wallClock, type Clock } from '../clock/index.ts';
import type { ReferenceData } from '../domain/index.ts';
import { loggerOptions } from '../logging.ts';
import { problemServerOptions, registerErrorHandling } from './error-handler.ts';
import { healthRoutes } from './health.routes.ts';
import { registerAccess, SECURITY_SCHEMES } from './access.hook.ts';
import { DEFAULT_ACCESS_SETTINGS, type AccessSettings } from '../access/index.ts';
import { DOCS_CSP, registerSecurityHeaders, securityHeaders } from './security-headers.ts';
import { webApp } from './web-app.ts';
import { CAPABILITIES, type RouteContext } from '../capabilities.ts';
import type { NationalIdService } from '../verification/national-id/index.ts';
import type { SelfCheckSettings } from '../selfcheck/index.ts';
import type { VerificationSettings } from '../verification/attempts/index.ts';
import type { OutboxSignal } from '../messaging/index.ts';
import type { TlsMaterial } from './tls-files.ts';

export interface AppOptions {
  db: Database;
  reference: ReferenceData;
  /** The National Population Database's verification service (simulator or HTTP client). */
  nationalId: NationalIdService;
  /** Self-check settings (config.selfCheck, roadmap); omitted: the defaults. */
  selfCheck?: Partial<SelfCheckSettings>;
  /** Verification limits (config.verification); omitted: the defaults. */
  verification?: Partial<VerificationSettings>;
  /** Wakes the SMS link when a one-time code is queued; without it codes go out on the next poll. */
  outbox?: OutboxSignal;
  /** Sessions' timeouts (config.access); omitted: the defaults. */
  access?: Partial<AccessSettings>;
  /** Fastify's trustProxy (config.trustProxy): which proxies' forwarded headers to believe. */
  trustProxy?: boolean | number | string;
  /** Serve https with this certificate and key (config.tls, http/tls-files.ts); omitted: http. */
  https?: TlsMaterial;
  /** The service's one clock (the deployment's); omitted: the wall clock. */
  clock?: Clock;
  /** The database's deployment mode; omitted: production (no demo-only route). */
  mode?: DeploymentMode;
  /** pino level; 'silent' in tests. */
  logLevel?: string;
  /** Where log lines go (default: stdout); tests capture them. */
  logStream?: { write(line: string): void };
  version?: string;
  /** The built web app served at `/` (default: web/dist). */
  webRoot?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    reference: ReferenceData;
    /** Where every route reads "now" (src/clock). */
    clock: Clock;
  }
}

function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const headers = await securityHeaders();
  const app = Fastify({
    logger: { ...loggerOptions(options.logLevel ?? 'info'), ...(options.logStream ? { stream: options.logStream } : {}) },
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
    // A hop count becomes the function Fastify's types take (proxy-addr reads a number the same way).
    trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : (options.trustProxy ?? false),
    ...problemServerOptions(headers),
    // Fastify types an https server apart; routes and hooks are the same, so the app is typed as one.
    ...((options.https ? { https: options.https } : {}) as object),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);
  app.decorate('reference', options.reference);
  app.decorate('clock', options.clock ?? wallClock);
  const web = webApp({ root: options.webRoot });
  registerErrorHandling(app, web.servePage);
  registerSecurityHeaders(app, headers);
  registerAccess(app, { ...DEFAULT_ACCESS_SETTINGS, ...options.access });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'tttb API',
        description:
          'API của hệ thống xác thực thông tin thuê bao di động (tttb). Lỗi trả về dạng application/problem+json với `code` ổn định và `title` tiếng Việt.',
        version: options.version ?? '0.1.0',
      },
      components: { securitySchemes: SECURITY_SCHEMES },
      tags: [{ name: 'system', description: 'Tình trạng hệ thống' }, ...CAPABILITIES.flatMap((c) => c.tags ?? [])],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });

  await app.register(healthRoutes);
  const ctx: RouteContext = {
    nationalId: options.nationalId,
    outbox: options.outbox,
    selfCheck: options.selfCheck ?? {},
    verification: options.verification ?? {},
    access: options.access ?? {},
    mode: options.mode ?? 'production',
  };
  await app.register(
    async (api) => {
      for (const routes of CAPABILITIES.flatMap((c) => c.routes ?? [])) await routes.register(api, ctx);
    },
    { prefix: '/api/v1' },
  );
  await web.registerAssets(app);
  return app;
}
