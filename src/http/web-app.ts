/**
 * The web app beside the API: web/dist (built by `npm start` / `npm run web:build`) at `/`. Its
 * hashed files under /assets/ are cached for good (a new build has new names), sent brotli- or
 * gzip-encoded from the build's twins; every other GET that asks for a page and is not under /api
 * gets index.html (the not-found handler asks `servePage` first), and the app's router takes it
 * from there. The API keeps its own answers: a
 * missing /api path is the problem+json 404, with the API's strict policy (security-headers.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run web:build` writes the app. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * The app's pages: scripts only from this service and never inline; styles from this service and
 * inline, because Ant Design's CSS-in-JS writes <style> elements and style attributes as it renders
 * (a nonce would cover the elements but never the attributes), and a style cannot run code.
 * Images may be data: or blob: URLs (a QR code, a camera frame); the API is the same origin.
 */
export const WEB_APP_CSP =
  "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; form-action 'self'; frame-ancestors 'none'; " +
  "img-src 'self' data: blob:; media-src 'self' blob:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'";

/** The verification desk films the person's face: the camera, for this origin's pages only. */
const PAGE_PERMISSIONS = 'camera=(self), microphone=(), geolocation=()';

const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ứng dụng web chưa được build</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Ứng dụng web chưa được build</h1>
<p>Dịch vụ và API (<a href="/api/docs">/api/docs</a>) vẫn chạy, nhưng chưa có thư mục <code>web/dist</code>.</p>
<p>Chạy <code>npm run web:build</code> rồi khởi động lại dịch vụ, hoặc chạy <code>npm start</code> (tự build khi mã nguồn thay đổi).</p>
</body></html>
`;

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

/** A browser navigating asks for HTML; a script, an image or an API client does not. */
function asksForPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function pageHeaders(reply: FastifyReply): FastifyReply {
  // The page names the current build's files: revalidated every time, never stored stale.
  return reply.header('cache-control', 'no-cache').header('content-security-policy', WEB_APP_CSP).header('permissions-policy', PAGE_PERMISSIONS);
}

export interface WebAppOptions {
  /** The built app (default: web/dist). */
  root?: string;
}

export interface WebApp {
  /** The hashed assets' routes. */
  registerAssets: (app: FastifyInstance) => Promise<void>;
  /**
   * The not-found handler's first say (error-handler.ts): a browser asking for a page outside /api
   * gets index.html, and the app's router shows the page. `true` when it answered. A fallback
   * rather than a catch-all route, so the router's own refusals under /api stay as they are.
   */
  servePage: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
}

export function webApp(options: WebAppOptions = {}): WebApp {
  const root = options.root ?? WEB_DIST;
  const assets = path.join(root, 'assets');
  const index = path.join(root, 'index.html');
  return {
    async registerAssets(app) {
      // Started before a build, the service serves the build's pages but not its assets: restart it.
      if (!fs.existsSync(assets)) return;
      await app.register(async (files) => {
        // After the service-wide hook set no-store: hashed files may be kept for good.
        files.addHook('onSend', (_request, reply, payload, done) => {
          if (reply.statusCode === 200 || reply.statusCode === 304) reply.header('cache-control', IMMUTABLE);
          done(null, payload);
        });
        // The plugin only sends (its own routes could not declare their access); this route serves.
        // Vite writes every asset flat into assets/, so one path segment names it.
        await files.register(fastifyStatic, { root: assets, serve: false, preCompressed: true, cacheControl: false, index: false });
        files.get<{ Params: { file: string } }>('/assets/:file', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) =>
          reply.sendFile(request.params.file, assets),
        );
      });
    },
    async servePage(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      if (isApiPath(request.url) || !asksForPage(request)) return false;
      if (!fs.existsSync(index)) {
        await pageHeaders(reply).code(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
        return true;
      }
      await pageHeaders(reply).code(200).type('text/html; charset=utf-8').send(await fs.promises.readFile(index));
      return true;
    },
  };
}
