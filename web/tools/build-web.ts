/**
 * Builds the web app into web/dist when its sources changed (`npm start`, `npm run web:build`).
 * The hash of every file of web/ (but dist/) and of package-lock.json is kept in web/dist, so a
 * start with nothing changed costs one read of the sources, not a build. Each text asset also gets
 * a gzip and a brotli twin, which the service sends to browsers that accept them (web-app.ts): the
 * sizes reported and budgeted (budgets.ts) are the ones a phone downloads.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const WEB_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const WEB_DIST = path.join(WEB_ROOT, 'dist');
const REPO_ROOT = path.dirname(WEB_ROOT);
const HASH_FILE = path.join(WEB_DIST, '.source-hash');
const COMPRESSIBLE = /\.(js|css|html|json|geojson|svg|txt)$/u;

function filesUnder(dir: string, skip: (full: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (skip(full)) return [];
    return entry.isDirectory() ? filesUnder(full, skip) : [full];
  });
}

/** What the build reads from outside web/: the locked dependency tree, the map's boundaries. */
const OUTSIDE_SOURCES = [path.join(REPO_ROOT, 'package-lock.json'), path.join(REPO_ROOT, 'data', 'an_giang_communes.geojson')];

/** The hash of what the build reads: web/ (without its output) and {@link OUTSIDE_SOURCES}. */
export function webSourceHash(): string {
  const hash = crypto.createHash('sha256');
  const sources = filesUnder(WEB_ROOT, (full) => full === WEB_DIST || path.basename(full) === 'node_modules').sort();
  for (const file of [...sources, ...OUTSIDE_SOURCES]) {
    hash.update(path.relative(REPO_ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The stored hash matches the sources and the build's page is there. */
export function webDistIsCurrent(hash = webSourceHash()): boolean {
  return fs.existsSync(path.join(WEB_DIST, 'index.html')) && fs.existsSync(HASH_FILE) && fs.readFileSync(HASH_FILE, 'utf8') === hash;
}

function writeCompressedTwins(): void {
  for (const file of filesUnder(WEB_DIST, () => false).filter((f) => COMPRESSIBLE.test(f))) {
    const content = fs.readFileSync(file);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content));
  }
}

/** Builds web/dist unless it is current; `true` when it built. */
export async function buildWebIfChanged(): Promise<boolean> {
  const hash = webSourceHash();
  if (webDistIsCurrent(hash)) return false;
  // Vite builds React's development code when NODE_ENV says otherwise (vitest sets `test`).
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: path.join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  writeCompressedTwins();
  fs.writeFileSync(HASH_FILE, hash);
  return true;
}
