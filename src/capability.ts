/**
 * The contract of a capability with the composition root (src/capabilities.ts): what it plugs into
 * the service — its routes under `/api/v1`, their OpenAPI tags, and its jobs. `R` and `J` are the
 * slices of the route and job contexts the capability needs, so it names only what it uses and the
 * root's list checks that the service provides them.
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginOptions, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AnyJob } from './jobs/job.ts';

/** The `/api/v1` scope of the app, where every capability's routes are registered. */
export type ApiScope = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** One route plugin of a capability, with its prefix and its options taken from the context. */
export interface CapabilityRoutes<R> {
  /** Under `/api/v1`: `/checks`; '' for routes at `/api/v1` itself. */
  prefix: string;
  register: (api: ApiScope, ctx: R) => Promise<void>;
}

/** An OpenAPI tag of the routes, described in Vietnamese in the document at `/api/docs`. */
export interface ApiTag {
  name: string;
  description: string;
}

export interface Capability<R = object, J = object> {
  name: string;
  tags?: readonly ApiTag[];
  routes?: readonly CapabilityRoutes<R>[];
  /** Started by the service (src/jobs/scheduler.ts), each at its interval; 0 turns one off. */
  jobs?: readonly AnyJob<J>[];
}

/** `plugin` under `prefix`, registered with `options(ctx)`. */
export function routesAt<R, O extends FastifyPluginOptions>(prefix: string, plugin: FastifyPluginAsyncZod<O>, options: (ctx: R) => O): CapabilityRoutes<R> {
  return {
    prefix,
    register: async (api, ctx) => {
      await api.register(plugin, { ...options(ctx), prefix });
    },
  };
}

/** The options of a route plugin that takes none. */
export const noOptions = (): Record<never, never> => ({});
