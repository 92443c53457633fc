/** Test helper: one capability's routes on a Fastify instance set up as buildApp() sets it up. */
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/open.ts';
import { wallClock, type Clock } from '../clock/index.ts';
import { loadReferenceData } from '../reference/index.ts';
import { registerErrorHandling } from './error-handler.ts';

/**
 * What every route plugin relies on — zod compilers, `db`, `reference`, `clock`, the problem+json error
 * handler — without the other capabilities, so a test wires its own plugin with its own options.
 */
export function routeTestApp(db: Database, clock: Clock = wallClock) {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', db);
  app.decorate('reference', loadReferenceData());
  app.decorate('clock', clock);
  registerErrorHandling(app);
  return app;
}
