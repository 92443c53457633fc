/**
 * What a visit makes the browser download, gzipped, stays within its budget: the citizen page is
 * opened on cheap phones (≤ 150 kB), the sign-in page with the staff shell ≤ 350 kB, the desk on top
 * of the shell ≤ 450 kB (mobile points work over mobile data). The global
 * set-up has built web/dist; the build prints the same figures (bin/build-web.mjs).
 */
import { expect, it } from 'vitest';
import { BUDGETS, filesLoadedBy, gzipTotal, PAGE_SOURCES, readManifest } from '../../web/tools/bundle-sizes.ts';

const manifest = readManifest();

it.each(BUDGETS.map((budget) => [budget.name, budget] as const))('%s stays within its gzipped budget', (_name, budget) => {
  expect(gzipTotal(manifest, budget.loads)).toBeLessThanOrEqual(budget.maxGzipBytes);
});

it('keeps the citizen page free of the staff app: no router, no shell, no Ant Design', () => {
  const citizen = filesLoadedBy(manifest, [PAGE_SOURCES.entry, PAGE_SOURCES.selfCheck]);
  const staffOnly = filesLoadedBy(manifest, [PAGE_SOURCES.staffApp, PAGE_SOURCES.shell]);
  const entry = manifest[PAGE_SOURCES.entry];
  const shared = [...citizen].filter((file) => staffOnly.has(file) && file !== entry?.file);
  // What both load beyond the entry is the app's own small modules (language, API client), never a library chunk of the staff side.
  expect(shared.every((file) => !/antd|router|StaffApp|Shell/i.test(file))).toBe(true);
  expect(citizen.has(manifest[PAGE_SOURCES.staffApp]?.file ?? '')).toBe(false);
  expect(citizen.has(manifest[PAGE_SOURCES.shell]?.file ?? '')).toBe(false);
});

it('loads the desk only when it is opened: its chunk is lazy and not part of signing in', () => {
  const desk = manifest[PAGE_SOURCES.desk];
  expect(desk?.isDynamicEntry).toBe(true);
  const signIn = filesLoadedBy(manifest, [PAGE_SOURCES.entry, PAGE_SOURCES.staffApp, PAGE_SOURCES.signIn, PAGE_SOURCES.shell, PAGE_SOURCES.home]);
  expect(signIn.has(desk?.file ?? '')).toBe(false);
});
