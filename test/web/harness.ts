/**
 * The browser tests' one harness: the real service (`tttb serve --demo` on a temporary data
 * directory and a free port, a small deterministic demo, the web app built by the global set-up),
 * Debian's Chromium driven by playwright-core with the flags of DESIGN.md §6 and a fresh profile,
 * the handsets' inbox of the SMSC simulator, and screenshots in test/web/artifacts/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, type SuiteFactory } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createUser, totpCode } from '../../src/access/index.ts';
import { openDatabase } from '../../src/db/open.ts';
import type { PersonRole } from '../../src/domain/index.ts';
import { freePort } from '../free-port.ts';
import { PhoneClient, readSimulatorFile, type InboxText } from '../../src/messaging/index.ts';
import { ROOT, spawnCli } from '../run-cli.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test', 'web', 'artifacts');

/** Without the background-networking flags, Chromium's calls out of this closed network fail many at a time. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = {
  desktop: { viewport: { width: 1366, height: 768 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/**
 * `describe` when Chromium is installed; otherwise a skip that says so loudly in `npm test`'s
 * output, with the way to install it (CI installs it in .ci/run, so it always runs there).
 */
export function describeInBrowser(name: string, body: SuiteFactory): void {
  if (fs.existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  console.warn(
    `\n${'!'.repeat(78)}\n!! BROWSER TESTS SKIPPED (${name}): ${CHROMIUM} is not installed.\n` +
      `!! Install it with: apt-get update && apt-get install -y chromium\n${'!'.repeat(78)}\n`,
  );
  describe.skip(name, body);
}

export interface DemoService {
  url: string;
  dataDir: string;
  /** The SQLite file of the demo, for picking test lines as a person would look them up. */
  databaseUrl: string;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, deadline: number, log: () => string): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the service did not answer /healthz in time:\n${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * `tttb serve --demo` with a small demo (TTTB_DEMO_LINES) on a free port, its campaign played
 * through `playTo` when given (`--play-to`); resolves once it answers.
 */
export async function startDemoService(lines = 2000, options: { playTo?: string } = {}): Promise<DemoService> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-web-'));
  const port = await freePort();
  const child = spawnCli(['serve', '--demo', ...(options.playTo ? ['--play-to', options.playTo] : [])], {
    TTTB_PORT: String(port),
    TTTB_HOST: '127.0.0.1',
    TTTB_DATA_DIR: dataDir,
    TTTB_DEMO_LINES: String(lines),
    TTTB_SMSC_SIMULATOR_PORT: '0',
    TTTB_LOG_LEVEL: 'warn',
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, Date.now() + 90_000, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dataDir, databaseUrl: `file:${path.join(dataDir, 'tttb.db')}`, stop };
}

/** Runs `query` on the running demo's database (a second connection, as a CLI command would). */
export async function withDemoDatabase<T>(service: DemoService, query: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const db = openDatabase(service.databaseUrl);
  try {
    return await query(db);
  } finally {
    await db.close();
  }
}

/** A person's account on the demo, as an administrator would create it; answers its one-time initial password. */
export async function createDemoUser(service: DemoService, user: { username: string; displayName: string; role: PersonRole }): Promise<string> {
  const created = await withDemoDatabase(service, (db) => createUser(db, { ...user, scopes: [] }, { actor: 'browser-test', now: new Date() }));
  return created.initialPassword;
}

/** A person's demo account as `<data dir>/demo-users.json` lists it (the service writes it at its first start). */
export interface DemoUser {
  username: string;
  displayName: string;
  role: PersonRole;
  scopes: { kind: string; value: string; name?: string }[];
  password: string;
  /** For the roles that need a second factor (set up already). */
  totpSecret?: string;
}

/** The demo's first person account with `role` (demo-users.json). */
export function demoPersonOfRole(service: DemoService, role: DemoUser['role']): DemoUser {
  const found = Object.values(demoUsers(service)).find((p) => p.role === role);
  if (!found) throw new Error(`no demo person with the role ${role}`);
  return found;
}

/** The demo's person accounts by username, read from its demo-users.json. */
export function demoUsers(service: DemoService): Record<string, DemoUser> {
  const file = JSON.parse(fs.readFileSync(path.join(service.dataDir, 'demo-users.json'), 'utf8')) as { users: DemoUser[] };
  return Object.fromEntries(file.users.map((user) => [user.username, user]));
}

/**
 * Signs `user` in on the sign-in page `page` shows, as the person would: username and password,
 * then their authenticator's current code when the service asks for it.
 */
export async function signInAs(page: Page, user: Pick<DemoUser, 'username' | 'password' | 'totpSecret'>): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(user.username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  if (!user.totpSecret) return;
  await page.getByLabel('Mã xác thực hai lớp').fill(totpCode(user.totpSecret, user.username));
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * The texts the demo's SMSC simulator delivered to `msisdn`'s handset, oldest first, read as
 * `tttb sms inbox` reads them (a receiver bind for the number, address and password from the
 * simulator's file in the data directory), in-process rather than a command per poll.
 */
export async function smsInbox(service: DemoService, msisdn: string): Promise<InboxText[]> {
  const simulator = readSimulatorFile(service.dataDir);
  if (!simulator) throw new Error(`the demo's SMSC simulator file is missing in ${service.dataDir}`);
  return PhoneClient.readInbox({ host: simulator.host, port: simulator.port, password: simulator.phonesPassword }, msisdn);
}

/** Waits for a text to `msisdn` beyond the `seen` first ones, and returns it. */
export async function nextSms(service: DemoService, msisdn: string, seen: number, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const texts = await smsInbox(service, msisdn);
    const text = texts[seen]?.text;
    if (text !== undefined) return text;
    if (Date.now() > deadline) throw new Error(`no new text to ${msisdn} within ${timeoutMs} ms (inbox: ${JSON.stringify(texts)})`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a fresh profile in `viewport`'s size, pages in Vietnamese by default. */
export async function openBrowser(viewport: ViewportName): Promise<BrowserSession> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-chromium-'));
  // headless: false because '--headless' is among our own flags, given as DESIGN.md §6 lists them.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    args: CHROMIUM_FLAGS,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...VIEWPORTS[viewport],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Browsers a test file opens pages in, each a fresh profile, all closed by `closeAll` (afterAll):
 * `openPage` gives a new page in `viewport` with the errors its scripts throw.
 */
export function browserPool() {
  const sessions: BrowserSession[] = [];
  return {
    async openPage(viewport: ViewportName): Promise<{ page: Page; errors: () => string[] }> {
      const browser = await openBrowser(viewport);
      sessions.push(browser);
      const page = await browser.context.newPage();
      return { page, errors: failOnPageErrors(page) };
    },
    async closeAll(): Promise<void> {
      for (const browser of sessions.splice(0)) await browser.close();
    },
  };
}

/**
 * A screenshot, test/web/artifacts/<name>-<viewport>.png, to look at: the full page, or only what
 * the screen shows (`fullPage: false`, for a dialog, whose mask covers the screen and not the page).
 */
export async function screenshot(page: Page, name: string, viewport: ViewportName, { fullPage = true } = {}): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // A dialog half faded in is not what a person reads.
  await motionsOver(page);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${viewport}.png`), fullPage });
}

// Every step of Ant Design's opening and closing motions (rc-motion's `<name>-<status>-<step>` classes).
const MOTION_STEPS = ['appear', 'enter', 'leave']
  .flatMap((status) => ['prepare', 'start', 'active'].map((step) => `[class*="-${status}-${step}"]:visible`))
  .join(', ');

/**
 * Resolves once no visible element is in an opening or closing motion. (A hidden element may keep
 * its motion class for good, its motion never having ended: only visible ones are waited for.)
 */
export async function motionsOver(page: Page): Promise<void> {
  await page.locator(MOTION_STEPS).first().waitFor({ state: 'detached' });
}

/**
 * Signs out as a person does: the menu under their name, "Đăng xuất" once the menu has finished
 * opening, then the sign-in page. A click while the menu still grows lands where the entry was a
 * frame before: on a loaded machine, on the entry above it or on nothing, and nobody signed out.
 */
export async function signOut(page: Page): Promise<void> {
  await page.locator('.shell-user').click();
  const entry = page.getByRole('menuitem', { name: 'Đăng xuất' });
  await entry.waitFor();
  await motionsOver(page);
  await entry.click();
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
}

/**
 * The errors the page's scripts threw or logged (a blank page passes many checks), for the test to
 * expect none. Chromium logs every 4xx answer too: those are the flows under test (a wrong code, a
 * wait, nobody signed in), asserted on the page, so they are left out; a 5xx is not.
 */
export function failOnPageErrors(page: Page): () => string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  return () => errors;
}
