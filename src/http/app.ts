/**
 * `buildApp()`: the Fastify application, assembled from infrastructure plugins and one
 * encapsulated, prefixed plugin per capability. Tests drive it with `app.inject()`.
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
import { wallClock, type Clock } from '../clock/index.ts';
import type { ReferenceData } from '../domain/index.ts';
import { loggerOptions } from '../logging.ts';
import { problemServerOptions, registerErrorHandling } from './error-handler.ts';
import { healthRoutes } from './health.routes.ts';
import { DOCS_CSP, registerSecurityHeaders, securityHeaders } from './security-headers.ts';
import { checkRoutes } from '../checks/index.ts';
import { adminUnitRoutes } from '../registry/admin-units.routes.ts';
import { roadmapRoutes } from '../roadmap/roadmap.routes.ts';
import { lookupRoutes } from '../registry/lookup.routes.ts';
import { verificationRoutes } from '../verification/attempts/index.ts';
import { targetGroupRoutes } from '../verification/target-groups/index.ts';
import type { NationalIdService } from '../verification/national-id/index.ts';
import { selfCheckRoutes, type SelfCheckSettings } from '../selfcheck/index.ts';
import type { OutboxSignal } from '../messaging/index.ts';

export interface AppOptions {
  db: Database;
  reference: ReferenceData;
  /** The National Population Database's verification service (simulator or HTTP client). */
  nationalId: NationalIdService;
  /** Self-check settings (config.selfCheck, roadmap); omitted: the defaults. */
  selfCheck?: Partial<SelfCheckSettings>;
  /** Wakes the SMS link when a one-time code is queued; without it codes go out on the next poll. */
  outbox?: OutboxSignal;
  /** The service's one clock (the deployment's); omitted: the wall clock. */
  clock?: Clock;
  /** pino level; 'silent' in tests. */
  logLevel?: string;
  /** Where log lines go (default: stdout); tests capture them. */
  logStream?: { write(line: string): void };
  version?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    reference: ReferenceData;
    /** Where every route reads "now" (src/clock). */
    clock: Clock;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const headers = await securityHeaders();
  const app = Fastify({
    logger: { ...loggerOptions(options.logLevel ?? 'info'), ...(options.logStream ? { stream: options.logStream } : {}) },
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
    ...problemServerOptions(headers),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);
  app.decorate('reference', options.reference);
  app.decorate('clock', options.clock ?? wallClock);
  registerErrorHandling(app);
  registerSecurityHeaders(app, headers);

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'tttb API',
        description:
          'API của hệ thống xác thực thông tin thuê bao di động (tttb). Lỗi trả về dạng application/problem+json với `code` ổn định và `title` tiếng Việt.',
        version: options.version ?? '0.1.0',
      },
      tags: [
        { name: 'system', description: 'Tình trạng hệ thống' },
        { name: 'checks', description: 'Kiểm tra số định danh, số điện thoại, họ tên, ngày sinh, tin nhắn' },
        { name: 'registry', description: 'Đơn vị hành chính và số liệu dân số' },
        { name: 'verification', description: 'Xác thực 4 trường với CSDL quốc gia về dân cư' },
        { name: 'target-groups', description: 'Nhóm thuê bao mục tiêu của chiến dịch' },
        { name: 'lookup', description: 'Tra cứu thuê bao, người (che thông tin cá nhân mặc định)' },
        { name: 'roadmap', description: 'Lộ trình khoá một chiều, hai chiều, chấm dứt hợp đồng' },
        { name: 'selfcheck', description: 'Tự kiểm tra thông tin thuê bao (như nhắn TTTB gửi 1414)' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });

  await app.register(healthRoutes);
  // The routes that queue a one-time code wake the SMS link through it, when one runs.
  const outbox = options.outbox ? { outbox: options.outbox } : {};
  await app.register(
    async (api) => {
      await api.register(checkRoutes, { prefix: '/checks' });
      await api.register(adminUnitRoutes, { prefix: '/admin-units' });
      await api.register(roadmapRoutes, { prefix: '/roadmap' });
      await api.register(verificationRoutes, { nationalId: options.nationalId, ...outbox });
      await api.register(lookupRoutes);
      await api.register(targetGroupRoutes, { prefix: '/target-groups' });
      await api.register(selfCheckRoutes, { prefix: '/selfcheck', settings: options.selfCheck ?? {}, ...outbox });
    },
    { prefix: '/api/v1' },
  );
  return app;
}
