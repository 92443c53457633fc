/**
 * The composition root: the app serves exactly the routes the capabilities of src/capabilities.ts
 * declare, under their prefixes, and the configured settings reach the routes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { CAPABILITIES, type RouteContext } from '../capabilities.ts';
import type { CapabilityRoutes } from '../capability.ts';
import { tokenAs } from '../access/access.testing.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { loadReferenceData } from '../reference/index.ts';
import { seedReferenceData } from '../registry/index.ts';
import { createSimulatorNationalIdService } from '../verification/national-id/index.ts';
import { buildApp } from './app.ts';
import { routeTestApp, servedRoutes, type ServedRoute } from './testing.ts';

const key = (r: ServedRoute) => `${r.method} ${r.url}`;
/** The docs' routes and /healthz are the app's own, not a capability's. */
const isCapabilityRoute = (r: ServedRoute) => r.url.startsWith('/api/v1/');

describeEachDatabase('the composition root', ({ db }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await seedReferenceData(db());
    // A demo, so the demo-only routes are among those served.
    app = await buildApp({ db: db(), reference: loadReferenceData(), nationalId: createSimulatorNationalIdService(db()), logLevel: 'silent', mode: 'demo' });
  });
  afterAll(() => app.close());

  /** The routes one capability's route plugin serves when it is registered alone under /api/v1. */
  async function servedAlone(routes: CapabilityRoutes<RouteContext>) {
    const alone = routeTestApp(db());
    const ctx: RouteContext = { nationalId: createSimulatorNationalIdService(db()), outbox: undefined, selfCheck: {}, verification: {}, access: {}, mode: 'demo' };
    await alone.register((api) => routes.register(api, ctx), { prefix: '/api/v1' });
    await alone.ready();
    const served = servedRoutes(alone);
    await alone.close();
    return served;
  }

  it('serves every route of every capability in the list under its prefix, and no other under /api/v1', async () => {
    const declared: string[] = [];
    for (const capability of CAPABILITIES) {
      for (const routes of capability.routes ?? []) {
        const served = await servedAlone(routes);
        const base = `/api/v1${routes.prefix}`;
        expect(served, `${capability.name} ${base}`).not.toHaveLength(0);
        for (const route of served) expect(route.url === base || route.url.startsWith(`${base}/`), `${capability.name}: ${key(route)}`).toBe(true);
        declared.push(...served.map(key));
      }
    }
    const served = servedRoutes(app).filter(isCapabilityRoute).map(key);
    expect([...served].sort()).toEqual([...declared].sort());
    expect(new Set(declared).size).toBe(declared.length); // no two capabilities claim one route
  });

  it('describes in the OpenAPI document every tag a route uses, each once', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<{ tags: { name: string }[]; paths: Record<string, Record<string, { tags?: string[] }>> }>();
    const declared = doc.tags.map((t) => t.name);
    expect(new Set(declared).size).toBe(declared.length);
    const used = Object.values(doc.paths).flatMap((methods) => Object.values(methods).flatMap((op) => op.tags ?? []));
    expect(declared).toEqual(expect.arrayContaining([...new Set(used)]));
  });

  it('hands the configured verification limits to the verification route: a limit of 1 per client refuses the second attempt', async () => {
    const limited = await buildApp({
      db: db(),
      reference: loadReferenceData(),
      nationalId: createSimulatorNationalIdService(db()),
      verification: { attemptsPerClientPerMinute: 1 },
      logLevel: 'silent',
    });
    try {
      const { headers } = await tokenAs(db(), 'vneid_integration');
      // A number outside the registry counts for its client too, so no line is needed.
      const attempt = () =>
        limited.inject({
          method: 'POST',
          url: '/api/v1/verifications',
          remoteAddress: '192.0.2.41',
          headers,
          payload: { msisdn: '0912000041', channel: 'vneid', identity: { documentNumber: '089200000041', fullName: 'Nguyễn Văn A', birthDate: '01/01/1990' } },
        });
      const first = await attempt();
      expect(first.statusCode).not.toBe(429);
      const second = await attempt();
      expect(second.statusCode).toBe(429);
      expect(second.json()).toMatchObject({ code: 'VERIFICATION_CLIENT_LIMIT' });
    } finally {
      await limited.close();
    }
  });
});
