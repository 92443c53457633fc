/**
 * Every answer of every route — answers, refusals, 404s — carries the security headers and
 * `Cache-Control: no-store`; only swagger-ui's static files may be cached, and its page keeps the
 * policy its own scripts and styles need.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describeEachDatabase } from '../db/testing.ts';
import { loadReferenceData } from '../reference/index.ts';
import { seedReferenceData } from '../registry/index.ts';
import { createSimulatorNationalIdService } from '../verification/national-id/index.ts';
import { buildApp } from './app.ts';
import { DOCS_CSP } from './security-headers.ts';
import { requestTo, servedRoutes } from './testing.ts';

const SWAGGER_STATIC = /^\/api\/docs\/static\/.+\.(js|css|png|html)$/u;

function expectSecurityHeaders(res: LightMyRequestResponse, what: string) {
  expect(res.headers, what).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  expect(String(res.headers['content-security-policy']), what).toContain("frame-ancestors 'none'");
}

describeEachDatabase('security headers', ({ db }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await seedReferenceData(db());
    app = await buildApp({ db: db(), reference: loadReferenceData(), nationalId: createSimulatorNationalIdService(db()), logLevel: 'silent' });
  });
  afterAll(() => app.close());

  it('on every answer of every route, with no-store and a policy that allows nothing outside the docs', async () => {
    const routes = [...servedRoutes(app), { method: 'GET', url: '/api/v1/no-such-route' }, { method: 'GET', url: '/api/v1/lines/%E0%A4%A' }];
    for (const route of routes) {
      const res = await app.inject(requestTo(route, '0912345678', route.method === 'POST' ? { payload: {} } : { query: { commune: '30292' } }));
      const what = `${route.method} ${route.url} → ${res.statusCode}`;
      expectSecurityHeaders(res, what);
      if (!route.url.startsWith('/api/docs')) {
        expect(res.headers['cache-control'], what).toBe('no-store');
        expect(res.headers['content-security-policy'], what).toMatch(/^default-src 'none'/u);
      }
    }
  });

  it('lets the docs page load its own scripts and styles, all from files it serves', async () => {
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(DOCS_CSP).toMatch(/script-src 'self';/u);
    // No inline script, so `script-src 'self'` is all the page needs; every file it names is served.
    const assets = [...page.body.matchAll(/<(script|link)\b[^>]*\b(?:src|href)="([^"]+)"[^>]*>/gu)].map((m) => m[2] ?? '');
    expect(page.body.match(/<script\b[^>]*>/gu)?.every((tag) => tag.includes(' src='))).toBe(true);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      const url = new URL(asset, 'http://tttb/api/docs/').pathname;
      expect(url).toMatch(SWAGGER_STATIC);
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectSecurityHeaders(res, url);
    }
    const spec = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.headers['content-security-policy']).toBe(DOCS_CSP);
  });
});
