/**
 * The built web app at `/`: pages get index.html with their own policy, hashed assets are cached
 * for good and sent compressed, the API keeps its problem+json 404 and strict policy, and a
 * service without a build says how to make one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../db/open.ts';
import { loadReferenceData } from '../reference/index.ts';
import { createSimulatorNationalIdService } from '../verification/national-id/index.ts';
import { buildApp } from './app.ts';

const INDEX = '<!doctype html><html lang="vi"><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

function builtApp(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-web-dist-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), INDEX);
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), SCRIPT);
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(SCRIPT));
  return root;
}

describe('the web app beside the API', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-web-app-'));
  const dist = builtApp();
  let db: Database;
  let app: FastifyInstance;
  let unbuilt: FastifyInstance;
  beforeAll(async () => {
    db = openDatabase(`file:${path.join(dir, 'web.db')}`);
    const options = { db, reference: loadReferenceData(), nationalId: createSimulatorNationalIdService(db), logLevel: 'silent' };
    app = await buildApp({ ...options, webRoot: dist });
    unbuilt = await buildApp({ ...options, webRoot: path.join(dir, 'no-build-here') });
  });
  afterAll(async () => {
    await app.close();
    await unbuilt.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(dist, { recursive: true, force: true });
  });
  const page = (url: string, target = app) => target.inject({ method: 'GET', url, headers: { accept: 'text/html,application/xhtml+xml' } });

  it('answers / and every page address (the app routes them) with index.html, its own policy and the camera allowed', async () => {
    for (const url of ['/', '/tu-kiem-tra', '/dang-nhap?next=%2F', '/tra-cuu/123']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(res.headers['content-security-policy']).not.toContain("'unsafe-eval'");
      expect(res.headers['permissions-policy']).toContain('camera=(self)');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('sends hashed assets compressed and cached for good, and a missing one as a 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.gunzipSync(res.rawPayload).toString()).toBe(SCRIPT);
    const missing = await app.inject({ method: 'GET', url: '/assets/index-gone99.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    // Nothing outside the built assets, however the path is written.
    for (const url of ['/assets/../index.html', '/assets/%2e%2e/index.html', '/assets/..%2f..%2fpackage.json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.body, url).not.toContain('<div id="root">');
      expect(res.body, url).not.toContain('"dependencies"');
    }
  });

  it('keeps the API\'s problem+json 404 and strict policy under /api, even for a browser', async () => {
    for (const url of ['/api/v1/nothing-here', '/api/nothing', '/api']) {
      const res = await page(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['permissions-policy']).toBeUndefined();
    }
    const healthz = await page('/healthz');
    expect(healthz.json()).toMatchObject({ status: 'ok' });
  });

  it('answers a request that does not ask for a page (a script, an API client) with the 404, not index.html', async () => {
    const res = await app.inject({ method: 'GET', url: '/somewhere', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('says in Vietnamese how to build the app when web/dist is missing, while the API answers', async () => {
    const res = await page('/', unbuilt);
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Ứng dụng web chưa được build');
    expect(res.body).toContain('npm run web:build');
    expect((await page('/healthz', unbuilt)).statusCode).toBe(200);
  });

  it('leaves the web app\'s routes out of the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/') && p !== '/healthz')).toEqual([]);
  });
});
