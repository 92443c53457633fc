/**
 * What each page of the built app makes a browser download, gzipped, read from Vite's manifest:
 * a page is the entry (index.html) and the lazy chunks it opens, each with every chunk they import
 * statically. The budgets are what the cheap phones the citizen page is opened on can bear.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from 'vite';
import { WEB_DIST } from './build-web.ts';

/** Sources of the lazy chunks, as the manifest names them (paths under web/). */
export const PAGE_SOURCES = {
  entry: 'index.html',
  selfCheck: 'src/pages/selfcheck/SelfCheckPage.tsx',
  signIn: 'src/pages/sign-in/SignInPage.tsx',
  staffApp: 'src/StaffApp.tsx',
  shell: 'src/components/shell/Shell.tsx',
  home: 'src/pages/home/HomePage.tsx',
  desk: 'src/pages/desk/DeskPage.tsx',
  dashboard: 'src/pages/dashboard/DashboardPage.tsx',
} as const;

export interface Budget {
  name: string;
  /** Manifest keys of what the visit loads. */
  loads: readonly string[];
  maxGzipBytes: number;
}

export const BUDGETS: readonly Budget[] = [
  { name: 'tự kiểm tra (citizen page)', loads: [PAGE_SOURCES.entry, PAGE_SOURCES.selfCheck], maxGzipBytes: 150_000 },
  {
    name: 'đăng nhập + khung (sign-in, shell, home)',
    loads: [PAGE_SOURCES.entry, PAGE_SOURCES.staffApp, PAGE_SOURCES.signIn, PAGE_SOURCES.shell, PAGE_SOURCES.home],
    maxGzipBytes: 350_000,
  },
  // Mobile points work over mobile data: the desk comes on top of the shell, loaded when opened.
  { name: 'quầy xác thực (shell, desk)', loads: [PAGE_SOURCES.entry, PAGE_SOURCES.staffApp, PAGE_SOURCES.shell, PAGE_SOURCES.desk], maxGzipBytes: 450_000 },
  // Opened in offices on a laptop: the charts' library comes with it, and only with it.
  { name: 'bảng điều khiển (shell, dashboard)', loads: [PAGE_SOURCES.entry, PAGE_SOURCES.staffApp, PAGE_SOURCES.shell, PAGE_SOURCES.dashboard], maxGzipBytes: 650_000 },
];

export function readManifest(dist = WEB_DIST): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** Bytes of a built file as sent gzipped (its .gz twin). */
export function gzipBytes(file: string, dist = WEB_DIST): number {
  return fs.statSync(path.join(dist, `${file}.gz`)).size;
}

/** Every file (JS and CSS) loading the manifest keys `keys` brings, static imports included. */
export function filesLoadedBy(manifest: Manifest, keys: readonly string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the web build's manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return files;
}

export function gzipTotal(manifest: Manifest, keys: readonly string[], dist = WEB_DIST): number {
  return [...filesLoadedBy(manifest, keys)].reduce((sum, file) => sum + gzipBytes(file, dist), 0);
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The build's report: each chunk gzipped, then each budgeted visit against its budget. */
export function sizeReport(dist = WEB_DIST): string[] {
  const manifest = readManifest(dist);
  const chunks = Object.entries(manifest).map(([key, chunk]) => {
    const kind = chunk.isEntry ? 'entry' : chunk.isDynamicEntry ? 'lazy' : 'shared';
    return `  ${kind.padEnd(6)} ${kB(gzipBytes(chunk.file, dist)).padStart(9)}  ${chunk.file}${chunk.src ? `  (${key})` : ''}`;
  });
  const budgets = BUDGETS.map((budget) => {
    const total = gzipTotal(manifest, budget.loads, dist);
    const verdict = total <= budget.maxGzipBytes ? 'ok' : 'OVER BUDGET';
    return `  ${kB(total).padStart(9)} of ${kB(budget.maxGzipBytes)}  ${budget.name}: ${verdict}`;
  });
  return ['web/dist, gzipped:', ...chunks, 'per visit:', ...budgets];
}
