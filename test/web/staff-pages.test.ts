/**
 * The staff pages in Chromium against the real demo service, as each demo person uses them: every
 * role signs in and sees its own menu and no other; a line outside a commune officer's communes
 * reads "not found" like an id that does not exist; a reveal asks a reason and is in the audit log;
 * the province admin manages accounts (add with a one-time password, scopes, reset, disable); the
 * auditor filters the log by actor, action and time and exports it; a page of another role's job
 * opened by its address is refused. Every page visited is photographed on a desktop and a phone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { actionsOf, PERSON_ROLES, type Action, type PersonRole } from '../../src/domain/access.ts';
import { vi, type Messages } from '../../web/src/i18n/messages.ts';
import { readLockOrders } from '../../src/carriers/index.ts';
import { importSubscriberFile, requireVerificationOfMany, subscriberImportDependencies } from '../../src/registry/index.ts';
import { runRoadmap } from '../../src/roadmap/index.ts';
import {
  browserPool,
  demoUsers,
  describeInBrowser,
  screenshot,
  signInAs,
  startDemoService,
  withDemoDatabase,
  type DemoService,
  type DemoUser,
  type ViewportName,
} from './harness.ts';

/**
 * The web app's one list of pages (web/src/pages/staff-pages.tsx), as the shell reads it. The
 * service's type check has no JSX, so the list is loaded by vitest at run time and typed here by
 * the parts the test reads.
 */
const STAFF_PAGES_MODULE: string = '../../web/src/pages/staff-pages.tsx';
const { STAFF_PAGES } = (await import(STAFF_PAGES_MODULE)) as {
  STAFF_PAGES: readonly { path: string; action: Action; place: 'menu' | 'account' | 'none'; label: (m: Messages) => string }[];
};

/** The main menu a role should see: the pages of STAFF_PAGES whose action it has, in the list's order. */
const menuOf = (role: PersonRole) => {
  const actions = actionsOf(role);
  return STAFF_PAGES.filter((page) => page.place === 'menu' && actions.includes(page.action)).map((page) => page.label(vi));
};

/** A test with two people's browsers (or more sign-ins) takes longer than one page's on a busy machine. */
const TWO_BROWSERS_MS = 120_000;
const HOUR_MS = 3_600_000;

/** How every answer shows a number until it is revealed: `09******42`. */
const maskedOf = (msisdn: string) => `${msisdn.slice(0, 2)}******${msisdn.slice(-2)}`;

describeInBrowser('the staff pages, as each demo person uses them', () => {
  let service: DemoService;
  let people: Record<string, DemoUser>;
  const browsers = browserPool();

  beforeAll(async () => {
    service = await startDemoService();
    people = demoUsers(service);
  });
  afterAll(async () => {
    await browsers.closeAll();
    await service?.stop();
  });

  const person = (username: string): DemoUser => {
    const found = people[username];
    if (!found) throw new Error(`the demo has no account ${username}`);
    return found;
  };
  const personOfRole = (role: PersonRole): DemoUser => {
    const found = Object.values(people).find((user) => user.role === role);
    if (!found) throw new Error(`the demo has no person with the role ${role}`);
    return found;
  };

  /** A fresh browser on `path`, signed in as `username` (the sign-in page comes first, then back to `path`). */
  async function signedIn(username: string, viewport: ViewportName, path = '/') {
    const opened = await browsers.openPage(viewport);
    await opened.page.goto(`${service.url}${path}`);
    await signInAs(opened.page, person(username));
    await opened.page.waitForURL((url) => url.pathname === path);
    await opened.page.locator('.shell-header').waitFor();
    return opened;
  }

  /** The audit log's rows of `actor` and `action`, oldest first, as the service wrote them. */
  const auditRows = (actor: string, action: string) =>
    withDemoDatabase(service, (db) =>
      db.kysely.selectFrom('audit_log').select(['at', 'actor', 'action', 'subject_id', 'reason']).where('actor', '=', actor).where('action', '=', action).orderBy('id').execute(),
    );

  /** Fills the audit page's filter as the auditor would (an action chosen from the list by its name) and waits for the rows. */
  async function filterAudit(page: Page, filter: { actor?: string; action?: string }) {
    if (filter.actor) await page.getByLabel(vi.audit.actor).fill(filter.actor);
    if (filter.action) {
      await page.getByLabel(vi.audit.action).fill(vi.audit.actions[filter.action] ?? filter.action);
      await page.locator('.ant-select-item-option').filter({ hasText: `(${filter.action})` }).first().click();
    }
    await filterAndWait(page);
  }

  /** Presses "Lọc" and waits until the table shows the service's answer (it spins while the answer is on its way). */
  async function filterAndWait(page: Page) {
    // A request sent before the press (the first load, a refetch) may still answer after it: wait
    // for the answer to the request the press sends, not for any answer.
    const sent = page.waitForRequest((request) => new URL(request.url()).pathname === '/api/v1/audit');
    await page.getByRole('button', { name: vi.audit.filter, exact: true }).click();
    await (await sent).response();
    await page.locator('.ant-table .ant-spin-spinning').first().waitFor({ state: 'detached' });
  }

  /** Types a period into the audit filter's range (Vietnam time, to the minute) and filters. */
  async function setPeriod(page: Page, from: Date, to: Date) {
    const typed = (at: Date) => {
      const [date, time] = new Date(at.getTime() + 7 * 3_600_000).toISOString().split('T') as [string, string];
      const [year, month, day] = date.split('-');
      return `${day}/${month}/${year} ${time.slice(0, 5)}`;
    };
    await page.getByPlaceholder(vi.audit.periodStart, { exact: true }).click();
    await page.getByPlaceholder(vi.audit.periodStart, { exact: true }).fill(typed(from));
    await page.keyboard.press('Enter');
    await page.getByPlaceholder(vi.audit.periodEnd, { exact: true }).fill(typed(to));
    await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
    await expect(page.getByPlaceholder(vi.audit.periodStart, { exact: true }).inputValue()).resolves.toBe(typed(from));
    await expect(page.getByPlaceholder(vi.audit.periodEnd, { exact: true }).inputValue()).resolves.toBe(typed(to));
    await filterAndWait(page);
  }

  /** The labels of the main menu, in the order shown (the drawer's, on a phone). */
  async function menuLabels(page: Page, viewport: ViewportName): Promise<string[]> {
    if (viewport === 'phone') await page.getByRole('button', { name: vi.menu.open }).click();
    const menu = page.locator(viewport === 'phone' ? '.ant-drawer' : '.shell-sider').getByRole('menuitem');
    await menu.first().waitFor();
    const labels = (await menu.allInnerTexts()).map((text) => text.trim());
    if (viewport === 'phone') await page.keyboard.press('Escape');
    return labels;
  }

  for (const role of PERSON_ROLES) {
    it(`${role} signs in and sees exactly the menu of its actions: ${menuOf(role).join(', ')}`, async () => {
      const user = personOfRole(role);
      const { page, errors } = await signedIn(user.username, 'desktop');
      await page.getByRole('heading', { name: vi.home.welcome(user.displayName) }).waitFor();
      expect(await menuLabels(page, 'desktop')).toEqual(menuOf(role));
      await screenshot(page, `home-${user.username}`, 'desktop');
      expect(errors()).toEqual([]);
    });
  }

  it('the menus name what each job needs: users for the admin only, the log for the auditor only', () => {
    expect(menuOf('province_admin')).toEqual(expect.arrayContaining(['Tổng quan', 'Tra cứu', 'Tài khoản']));
    expect(menuOf('province_viewer')).toContain('Tra cứu');
    expect(menuOf('province_viewer')).not.toContain('Tài khoản');
    expect(menuOf('commune_officer')).toContain('Tra cứu');
    expect(menuOf('commune_officer')).not.toContain('Nhật ký');
    expect(menuOf('auditor')).toContain('Nhật ký');
    expect(menuOf('auditor')).not.toContain('Tra cứu');
    for (const role of PERSON_ROLES.filter((r) => r !== 'auditor')) expect(menuOf(role)).not.toContain('Nhật ký');
    for (const role of PERSON_ROLES.filter((r) => r !== 'province_admin')) expect(menuOf(role)).not.toContain('Tài khoản');
  });

  /** The communes of the commune officer's scope. */
  const officerCommunes = () => person('canbo.xa').scopes.filter((scope) => scope.kind === 'commune').map((scope) => scope.value);

  /** A citizen's line (id, number, holder) in or outside the commune officer's communes, as the registry holds it. */
  const lineOfCommunes = (inside: boolean) =>
    withDemoDatabase(service, (db) =>
      db.kysely
        .selectFrom('subscribers')
        .select(['id', 'msisdn', 'full_name', 'document_number', 'commune_code'])
        .where('holder_kind', '=', 'citizen')
        .where('commune_code', inside ? 'in' : 'not in', officerCommunes())
        .orderBy('id')
        .executeTakeFirstOrThrow(),
    );

  it("a commune officer opening another commune's line by its address reads not found, as for an id that does not exist; the admin sees that line", async () => {
    const outside = await lineOfCommunes(false);
    const { maxId } = await withDemoDatabase(service, (db) => db.kysely.selectFrom('subscribers').select((eb) => eb.fn.max('id').as('maxId')).executeTakeFirstOrThrow());
    const unknownId = Number(maxId) + 1000;

    const { page, errors } = await signedIn('canbo.xa', 'desktop', `/tra-cuu/thue-bao/${outside.id}`);
    const notFound = page.locator('.ant-result');
    await notFound.getByText(vi.lookup.notFound).waitFor();
    const outsideText = await notFound.innerText();
    expect(outsideText).toContain('Không tìm thấy');
    expect(await page.locator('body').innerText()).not.toContain(maskedOf(outside.msisdn));
    await screenshot(page, 'line-outside-scope', 'desktop');

    await page.goto(`${service.url}/tra-cuu/thue-bao/${unknownId}`);
    await notFound.getByText(vi.lookup.notFound).waitFor();
    expect(await notFound.innerText()).toBe(outsideText);
    expect(errors()).toEqual([]);

    const admin = await signedIn('quantri.tinh', 'desktop', `/tra-cuu/thue-bao/${outside.id}`);
    await expect(admin.page.getByTestId('line-msisdn').innerText()).resolves.toBe(maskedOf(outside.msisdn));
    await screenshot(admin.page, 'line', 'desktop');
    expect(admin.errors()).toEqual([]);
  }, TWO_BROWSERS_MS);

  it('a reveal asks a reason, refuses a too-short one, shows the line in clear and writes an audit row the auditor finds', async () => {
    const line = await lineOfCommunes(true);
    const reason = 'Người dân đến UBND xã hỏi về thuê bao đứng tên mình';
    const { page, errors } = await signedIn('canbo.xa', 'desktop', '/tra-cuu');
    // The holder's lines by their document (sent in the body, never in the address), then the line's page.
    await page.getByRole('tab', { name: vi.lookup.byPerson }).click();
    await page.getByLabel(vi.lookup.document, { exact: true }).fill(line.document_number);
    await page.getByRole('button', { name: vi.lookup.search }).click();
    const found = page.getByRole('link', { name: new RegExp(`^${maskedOf(line.msisdn).replaceAll('*', '\\*')} · `) });
    await found.waitFor();
    expect(page.url()).not.toContain(line.document_number);
    await screenshot(page, 'lookup-person', 'desktop');
    await found.click();
    await page.waitForURL((url) => url.pathname === `/tra-cuu/thue-bao/${line.id}`);
    await expect(page.getByTestId('line-msisdn').innerText()).resolves.toBe(maskedOf(line.msisdn));
    expect(await page.locator('body').innerText()).not.toContain(line.full_name);
    await screenshot(page, 'line-masked', 'desktop');

    await page.getByRole('button', { name: vi.lookup.reveal }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(vi.lookup.revealExplanation).waitFor();
    await dialog.getByLabel(vi.reason.label).fill('xem');
    await dialog.getByRole('button', { name: vi.lookup.reveal }).click();
    await dialog.getByText(vi.reason.length(5, 500)).waitFor();
    await screenshot(page, 'line-reveal-reason', 'desktop', { fullPage: false });
    expect(await auditRows('canbo.xa', 'subscriber.reveal')).toEqual([]);

    await dialog.getByLabel(vi.reason.label).fill(reason);
    await dialog.getByRole('button', { name: vi.lookup.reveal }).click();
    await page.getByText(vi.lookup.revealed).waitFor();
    await expect(page.getByTestId('line-msisdn').innerText()).resolves.toBe(line.msisdn);
    await page.getByText(line.full_name, { exact: true }).waitFor();
    await page.getByText(line.document_number, { exact: true }).waitFor();
    await screenshot(page, 'line-revealed', 'desktop');
    expect(await auditRows('canbo.xa', 'subscriber.reveal')).toEqual([
      expect.objectContaining({ actor: 'canbo.xa', action: 'subscriber.reveal', subject_id: String(line.id), reason }),
    ]);

    // Nothing in clear outlives the page: a reload shows the line masked, and a reveal needs a reason again.
    await page.reload();
    await expect(page.getByTestId('line-msisdn').innerText()).resolves.toBe(maskedOf(line.msisdn));
    await page.getByRole('button', { name: vi.lookup.reveal }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(line.full_name);
    expect(errors()).toEqual([]);

    const auditor = await signedIn('kiemsoat', 'desktop', '/nhat-ky');
    await filterAudit(auditor.page, { actor: 'canbo.xa', action: 'subscriber.reveal' });
    const rows = auditor.page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.count()).resolves.toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain('canbo.xa');
    expect(row).toContain(vi.audit.actions['subscriber.reveal']);
    expect(row).toContain(reason);
    // What the reveal was taken on, named in Vietnamese over the line's id (no code of the log's own).
    expect(row).toMatch(new RegExp(`${vi.audit.subjects['subscriber']}\\s+${line.id}\\b`));
    expect(row).not.toContain('subscriber ');
    await screenshot(auditor.page, 'audit-reveal', 'desktop');
    expect(auditor.errors()).toEqual([]);
  }, TWO_BROWSERS_MS);

  /** Chooses `option` in the Select labelled `label` (typed first, in a list one searches). */
  async function choose(page: Page, label: string, option: string) {
    const field = page.getByLabel(label, { exact: true });
    await field.click();
    if (await field.isEditable()) await field.fill(option);
    await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
    // A list of several choices stays open after one; leaving the field closes it.
    await field.blur();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  }

  /** The one-time password the users page shows once, read and the dialog closed as the admin would. */
  async function oneTimePassword(page: Page, shot?: string): Promise<string> {
    const shown = page.getByTestId('one-time-password');
    await shown.waitFor();
    // The account's dialog gone first, so the picture shows the password's alone.
    await page.locator('.ant-modal-title', { hasText: vi.users.add }).waitFor({ state: 'detached' });
    const password = (await shown.locator('code').innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(12);
    if (shot) await screenshot(page, shot, 'desktop', { fullPage: false });
    await page.getByRole('button', { name: vi.users.passwordClose }).click();
    await shown.waitFor({ state: 'detached' });
    return password;
  }

  /** The first sign-in's forced password change, to `password`; ends on the home page. */
  async function changeFirstPassword(page: Page, current: string, password: string) {
    await page.getByText('Đây là lần đăng nhập đầu tiên').waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill(current);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(password);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(password);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('heading', { name: /^Xin chào, / }).waitFor();
  }

  it('the province admin adds a commune officer, changes the scope, resets the password and disables the account', async () => {
    const [first, second] = person('canbo.xa').scopes;
    if (!first?.name || !second?.name) throw new Error("the demo's commune officer should have two named communes");
    const { page, errors } = await signedIn('quantri.tinh', 'desktop', '/tai-khoan');
    await page.getByRole('heading', { name: vi.users.title }).waitFor();
    await page.locator('.ant-table-row', { hasText: 'canbo.xa' }).waitFor();
    await screenshot(page, 'users', 'desktop');
    // On a screen every column shows, the buttons wrapping in theirs.
    expect(await overflow(page, '.ant-table-content')).toBeLessThanOrEqual(0);

    // An existing username is refused inside the dialog, in Vietnamese; the fields stay filled.
    await page.getByRole('button', { name: vi.users.add }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(vi.users.username).fill('canbo.moi');
    await dialog.getByLabel(vi.users.displayName).fill('Đặng Văn Mới');
    await choose(page, vi.users.role, vi.roles.commune_officer);
    await choose(page, vi.users.communes, first.name);
    await screenshot(page, 'users-new', 'desktop', { fullPage: false });
    await dialog.getByLabel(vi.users.username).fill('canbo.xa');
    await dialog.getByRole('button', { name: vi.users.create }).click();
    await expect(dialog.getByRole('alert').innerText()).resolves.toContain('Tên đăng nhập đã có');
    await screenshot(page, 'users-new-taken', 'desktop', { fullPage: false });
    await dialog.getByLabel(vi.users.username).fill('canbo.moi');
    await dialog.getByRole('button', { name: vi.users.create }).click();
    const initial = await oneTimePassword(page, 'users-one-time-password');
    const row = page.locator('.ant-table-row', { hasText: 'canbo.moi' });
    await expect(row.innerText()).resolves.toMatch(new RegExp(`Đặng Văn Mới[\\s\\S]*${vi.roles.commune_officer}[\\s\\S]*${first.name}[\\s\\S]*${vi.users.states.mustChange}`));

    // The new officer signs in with it and must choose their own password first.
    const officer = await browsers.openPage('desktop');
    await officer.page.goto(`${service.url}/`);
    await signInAs(officer.page, { username: 'canbo.moi', password: initial });
    await changeFirstPassword(officer.page, initial, 'Can-bo-moi-2026-an-toan!');

    // A second commune: the row shows both.
    await row.getByRole('button', { name: vi.users.changeScopes }).click();
    await dialog.getByText(vi.users.scopesOf('canbo.moi')).waitFor();
    await choose(page, vi.users.communes, second.name);
    await screenshot(page, 'users-scopes', 'desktop', { fullPage: false });
    await dialog.getByRole('button', { name: vi.users.save }).click();
    await page.getByText(vi.users.scopesSaved('canbo.moi')).waitFor();
    await expect(row.locator('.ant-tag').allInnerTexts()).resolves.toEqual(expect.arrayContaining([first.name, second.name]));

    // A reset ends the officer's session; the new one-time password opens a first sign-in again.
    await row.getByRole('button', { name: vi.users.resetPassword }).click();
    await page.getByText(vi.users.resetConfirm('canbo.moi')).waitFor();
    await page.getByRole('button', { name: vi.users.confirm }).click();
    const reset = await oneTimePassword(page);
    expect(reset).not.toBe(initial);
    await officer.page.reload();
    await officer.page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await signInAs(officer.page, { username: 'canbo.moi', password: reset });
    await changeFirstPassword(officer.page, reset, 'Can-bo-moi-2026-lan-hai!');

    // Disabled: the open session ends at once and the password no longer signs in.
    await row.getByRole('button', { name: vi.users.disable }).click();
    await page.getByText(vi.users.disableConfirm('canbo.moi')).waitFor();
    await page.getByRole('button', { name: vi.users.confirm }).click();
    await page.getByText(vi.users.disabled('canbo.moi')).waitFor();
    await row.getByText(vi.users.states.disabled).waitFor();
    await screenshot(page, 'users-disabled', 'desktop');
    await officer.page.reload();
    await officer.page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await signInAs(officer.page, { username: 'canbo.moi', password: 'Can-bo-moi-2026-lan-hai!' });
    await expect(officer.page.getByRole('alert').innerText()).resolves.toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    expect(errors()).toEqual([]);
    expect(officer.errors()).toEqual([]);
  }, 2 * TWO_BROWSERS_MS);

  it('the auditor filters the log by actor, action and time, and exports the filtered rows after giving a reason', async () => {
    const { page, errors } = await signedIn('kiemsoat', 'desktop', '/nhat-ky');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await screenshot(page, 'audit', 'desktop');
    expect(await overflow(page, '.ant-table-content')).toBeLessThanOrEqual(0);
    await filterAudit(page, { actor: 'kiemsoat', action: 'sign_in' });
    const signIns = await auditRows('kiemsoat', 'sign_in');
    expect(signIns.length).toBeGreaterThan(0);
    await expect.poll(() => rows.count()).toBe(signIns.length);
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/kiemsoat[\s\S]*Đăng nhập/);

    // A period after the last sign-in holds none of them; one around them holds them all.
    const minute = 60_000;
    const last = Date.parse(signIns.at(-1)?.at ?? '');
    await setPeriod(page, new Date(last + minute), new Date(last + 10 * minute));
    await page.getByText(vi.audit.empty).waitFor();
    await setPeriod(page, new Date(Date.parse(signIns[0]?.at ?? '') - minute), new Date(last + minute));
    await expect.poll(() => rows.count()).toBe(signIns.length);
    await screenshot(page, 'audit-filtered', 'desktop');

    const reason = 'Kiểm tra định kỳ việc đăng nhập của tài khoản kiểm soát';
    await page.getByRole('button', { name: vi.audit.export }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(vi.reason.label).fill(reason);
    await screenshot(page, 'audit-export', 'desktop', { fullPage: false });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: vi.audit.export }).click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split(/\r?\n/);
    expect(lines).toHaveLength(signIns.length + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/,kiemsoat,sign_in,/);
    await page.getByText(/^Đã xuất tệp .+\.csv\.$/).waitFor();

    // The export itself is in the log, with its reason, in the database and on the page.
    expect(await auditRows('kiemsoat', 'audit.export')).toEqual([expect.objectContaining({ reason })]);
    await page.getByRole('button', { name: vi.audit.clear }).click();
    await filterAudit(page, { action: 'audit.export' });
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().innerText()).resolves.toContain(reason);
    expect(errors()).toEqual([]);
  });

  for (const { username, path, page: pageName } of [
    { username: 'theodoi.tinh', path: '/tai-khoan', page: 'users' },
    { username: 'kiemsoat', path: '/tra-cuu', page: 'lookup' },
    { username: 'canbo.xa', path: '/nhat-ky', page: 'audit' },
  ]) {
    it(`${username} opening ${path} by its address is refused, and nothing of the ${pageName} page is asked for`, async () => {
      const { page, errors } = await browsers.openPage('desktop');
      const apiCalls: string[] = [];
      page.on('request', (request) => {
        const { pathname } = new URL(request.url());
        if (pathname.startsWith('/api/')) apiCalls.push(pathname);
      });
      await page.goto(`${service.url}${path}`);
      await signInAs(page, person(username));
      await page.getByText(vi.shell.forbidden).waitFor();
      await screenshot(page, `forbidden-${pageName}`, 'desktop');
      expect(apiCalls.filter((call) => /^\/api\/v1\/(users|audit|lines|persons)/.test(call))).toEqual([]);
      await expect(page.locator('.ant-table').count()).resolves.toBe(0);
      // The way on is back to the overview, as from a page that does not exist.
      await page.getByRole('button', { name: vi.shell.backHome }).click();
      await page.waitForURL(`${service.url}/`);
      expect(errors()).toEqual([]);
    });
  }

  /**
   * How much wider than its box the content of `selector`'s first element is, in CSS pixels: the
   * page's (a table or a row of buttons pushing it past the screen), a table's (scrolling inside),
   * a title's (cut short).
   */
  const overflow = (page: Page, selector = 'html') => page.locator(selector).first().evaluate((box: { scrollWidth: number; clientWidth: number }) => box.scrollWidth - box.clientWidth);

  it('phone: every page of each job fits the screen, its tables scrolling inside', async () => {
    const line = await lineOfCommunes(true);
    const visits: { username: string; pages: { path: string; name: string; ready: (page: Page) => Promise<unknown> }[] }[] = [
      {
        username: 'canbo.xa',
        pages: [
          {
            // The look-up, then the line it finds.
            path: '/tra-cuu',
            name: 'line',
            ready: async (page) => {
              await page.getByLabel(vi.lookup.msisdn, { exact: true }).fill(line.msisdn);
              await screenshot(page, 'lookup', 'phone');
              expect(await overflow(page), '/tra-cuu').toBeLessThanOrEqual(0);
              await page.getByRole('button', { name: vi.lookup.search }).click();
              await page.waitForURL((url) => url.pathname === `/tra-cuu/thue-bao/${line.id}`);
              await page.getByTestId('line-msisdn').waitFor();
            },
          },
        ],
      },
      { username: 'quantri.tinh', pages: [{ path: '/tai-khoan', name: 'users', ready: (page) => page.locator('.ant-table-row', { hasText: 'canbo.xa' }).waitFor() }] },
      { username: 'kiemsoat', pages: [{ path: '/nhat-ky', name: 'audit', ready: (page) => page.locator('.ant-table-row').first().waitFor() }] },
    ];
    for (const { username, pages } of visits) {
      const { page, errors } = await signedIn(username, 'phone');
      await page.getByRole('heading', { name: /^Xin chào, / }).waitFor();
      await page.locator('.ant-card-head-title').waitFor();
      await screenshot(page, `home-${username}`, 'phone');
      expect(await overflow(page), `home of ${username}`).toBeLessThanOrEqual(0);
      expect(await overflow(page, '.ant-card-head-title'), "the campaign's name").toBeLessThanOrEqual(0);
      for (const visit of pages) {
        await page.goto(`${service.url}${visit.path}`);
        await visit.ready(page);
        await screenshot(page, visit.name, 'phone');
        expect(await overflow(page), visit.path).toBeLessThanOrEqual(0);
      }
      if (username === 'canbo.xa') {
        await page.getByRole('button', { name: vi.lookup.reveal }).click();
        await page.getByRole('dialog').getByLabel(vi.reason.label).fill('Người dân hỏi tại bộ phận một cửa của xã');
        await screenshot(page, 'line-reveal-reason', 'phone', { fullPage: false });
        await page.getByRole('dialog').getByRole('button', { name: vi.lookup.reveal }).click();
        await page.getByText(vi.lookup.revealed).waitFor();
        await screenshot(page, 'line-revealed', 'phone');
        expect(await overflow(page), 'the line in clear').toBeLessThanOrEqual(0);
        // Masked again on purpose.
        await page.getByRole('button', { name: vi.lookup.hide }).click();
        await expect(page.getByTestId('line-msisdn').innerText()).resolves.toBe(maskedOf(line.msisdn));
      }
      if (username === 'quantri.tinh') {
        await page.getByRole('button', { name: vi.users.add }).click();
        await page.getByRole('dialog').getByLabel(vi.users.username).waitFor();
        await screenshot(page, 'users-new', 'phone', { fullPage: false });
      }
      expect(errors()).toEqual([]);
    }
  }, 2 * TWO_BROWSERS_MS);

  it('phone: the menu folds into a drawer with the same entries', async () => {
    const user = person('canbo.xa');
    const { page, errors } = await signedIn(user.username, 'phone');
    await page.getByRole('heading', { name: vi.home.welcome(user.displayName) }).waitFor();
    await screenshot(page, 'home-canbo.xa', 'phone');
    expect(await menuLabels(page, 'phone')).toEqual(menuOf('commune_officer'));
    expect(errors()).toEqual([]);
  });
  it("the province viewer follows how the carriers carried out the lock orders against the 2-hour rule, and the files they loaded with each file's report", async () => {
    // Lines found wrong ten hours ago (demo time), one-way locked by the roadmap: orders to Viettel.
    const now = await withDemoDatabase(service, async (db) => {
      const row = await db.kysely.selectFrom('deployment').select(['demo_now', 'demo_now_set_at']).executeTakeFirstOrThrow();
      return new Date(Date.parse(row.demo_now ?? '') + Date.now() - Date.parse(row.demo_now_set_at ?? ''));
    });
    const found = new Date(now.getTime() - 10 * HOUR_MS);
    const orders = await withDemoDatabase(service, async (db) => {
      const lines = await db.kysely
        .selectFrom('subscribers')
        .select(['id', 'msisdn'])
        .where('carrier', '=', 'viettel')
        .where('verification_state', '=', 'unverified')
        .where('verification_required_since', 'is', null)
        .where('lock_level', '=', 'none')
        .orderBy('id', 'desc')
        .limit(3)
        .execute();
      await db.kysely.transaction().execute((trx) =>
        requireVerificationOfMany(trx, { subscriberIds: lines.map((l) => Number(l.id)), reason: 'mismatch', at: found.toISOString(), actor: 'browser-test', source: 'reconciliation' }),
      );
      await runRoadmap(db, { at: new Date(found.getTime() + 3 * HOUR_MS) });
      const numbers = new Set(lines.map((l) => l.msisdn));
      return (await readLockOrders(db, [{ kind: 'carrier', value: 'viettel' }], 0, 1000)).orders.filter((o) => numbers.has(o.msisdn));
    });
    // The demo's carriers confirm them through the feed, each after its own delay (src/carriers/demo-carriers.job.ts).
    expect(orders).toHaveLength(3);
    // A carrier's file with a broken row, loaded with its valid rows.
    const file = path.join(service.dataDir, 'thue-bao-viettel-tuan-2.csv');
    fs.writeFileSync(
      file,
      [
        'msisdn,line_class,holder_kind,document_type,document_number,full_name,birth_date,registered_at',
        '0869990001,h2h,citizen,personal_id,089090001234,Nguyễn Văn Bé,05/09/1990,2021-03-15T02:30:00Z',
        '0869990002,h2h,citizen,personal_id,089090004321,Trần Thị Út,31/02/1990,2021-03-15T02:30:00Z',
      ].join('\n'),
    );
    await withDemoDatabase(service, (db) =>
      importSubscriberFile(subscriberImportDependencies(db), {
        path: file, fileName: path.basename(file), carrier: 'viettel', mode: 'delta', policy: 'valid_rows', dryRun: false, confirmClosures: false, actor: 'cli:browser-test', now: () => now,
      }),
    );

    const { page, errors } = await signedIn('theodoi.tinh', 'desktop', '/du-lieu-nha-mang');
    const viettel = page.locator('.ant-table-row', { hasText: 'Viettel' }).first();
    await viettel.waitFor();
    const cells = (await viettel.locator('td').allInnerTexts()).map((text) => Number(text.replace(/\D/g, '')));
    // Orders; on time, late, still open: every order is one of the three.
    expect(cells[1]).toBeGreaterThanOrEqual(3);
    expect((cells[2] ?? 0) + (cells[3] ?? 0) + (cells[4] ?? 0)).toBe(cells[1]);
    const fileRow = page.locator('.ant-table-row', { hasText: 'thue-bao-viettel-tuan-2.csv' });
    await fileRow.waitFor();
    expect(await fileRow.innerText()).toContain(vi.carriers.states['applied']);
    await screenshot(page, 'carriers', 'desktop');
    const download = page.waitForEvent('download');
    await fileRow.getByRole('button', { name: vi.carriers.download }).click();
    const report = await (await download).path();
    expect(fs.readFileSync(report).subarray(0, 2).toString()).toBe('PK');
    expect(errors()).toEqual([]);

    const phone = await signedIn('theodoi.tinh', 'phone', '/du-lieu-nha-mang');
    await phone.page.locator('.ant-table-row', { hasText: 'Viettel' }).first().waitFor();
    await screenshot(phone.page, 'carriers', 'phone');
    expect(phone.errors()).toEqual([]);
  }, TWO_BROWSERS_MS);

  it("a carrier's operator loads their own file from the page: the template, a refusal with its report, the valid rows, a full list that would close too many lines waits for agreement", async () => {
    const header = 'msisdn,line_class,holder_kind,document_type,document_number,full_name,birth_date,registered_at';
    const weekly = path.join(service.dataDir, 'thue-bao-viettel-tuan-3.csv');
    fs.writeFileSync(
      weekly,
      [header, '0869990011,h2h,citizen,personal_id,089090001235,Đặng Văn Lộc,05/09/1990,2021-03-15T02:30:00Z', '0869990012,h2h,citizen,personal_id,089090004322,Hồ Thị Mai,31/02/1990,2021-03-15T02:30:00Z'].join('\n'),
    );
    const { page, errors } = await signedIn('nhanvien.viettel', 'desktop', '/du-lieu-nha-mang');
    const card = page.locator('.ant-card', { has: page.getByText(vi.carriers.uploadTitle, { exact: true }) });
    await card.waitFor();
    // A carrier's account loads its own carrier's files only: no choice of carrier.
    expect(await card.getByRole('combobox').count()).toBe(0);
    expect(await card.innerText()).toContain('Viettel');
    const template = page.waitForEvent('download');
    await card.getByRole('button', { name: vi.carriers.templateXlsx }).click();
    expect(fs.readFileSync(await (await template).path()).subarray(0, 2).toString()).toBe('PK');

    // All or nothing, the default: one impossible birth date and nothing is loaded.
    await card.locator('input[type=file]').setInputFiles(weekly);
    await card.getByRole('button', { name: vi.carriers.send }).click();
    await card.getByRole('alert').filter({ hasText: vi.carriers.refused(1) }).waitFor();
    const lines = () =>
      withDemoDatabase(service, (db) => db.kysely.selectFrom('subscribers').select(['msisdn', 'carrier']).where('msisdn', 'in', ['84869990011', '84869990012', '0869990011', '0869990012']).execute());
    expect(await lines()).toEqual([]);

    // The valid rows: the good one is in, the broken one reported in the downloadable report.
    await card.getByText(vi.carriers.policies.valid_rows).click();
    await card.getByRole('button', { name: vi.carriers.send }).click();
    const applied = card.getByRole('status').filter({ hasText: vi.carriers.applied });
    await applied.waitFor();
    expect(await applied.innerText()).toContain('Thêm 1,');
    expect((await lines()).map((l) => l.carrier)).toEqual(['viettel']);
    const report = page.waitForEvent('download');
    await applied.getByRole('button', { name: vi.carriers.download }).click();
    expect(fs.readFileSync(await (await report).path()).subarray(0, 2).toString()).toBe('PK');
    await page.locator('.ant-table-row', { hasText: 'thue-bao-viettel-tuan-3.csv' }).first().waitFor();
    await screenshot(page, 'carriers-upload', 'desktop');

    // A "full list" of one line would close the rest of Viettel's lines: it stops and asks.
    const truncated = path.join(service.dataDir, 'thue-bao-viettel-day-du.csv');
    fs.writeFileSync(truncated, [header, '0869990011,h2h,citizen,personal_id,089090001235,Đặng Văn Lộc,05/09/1990,2021-03-15T02:30:00Z'].join('\n'));
    await card.locator('input[type=file]').setInputFiles(truncated);
    await card.getByText(vi.carriers.modes.snapshot).click();
    await card.getByRole('button', { name: vi.carriers.send }).click();
    const ask = card.getByRole('alert').filter({ hasText: vi.carriers.needsConfirmation(0, 'Viettel').slice(0, 20) });
    await ask.waitFor();
    const closedText = /đóng ([\d.]+) số thuê bao/.exec(await ask.innerText())?.[1] ?? '0';
    const wouldClose = Number(closedText.replace(/\./g, ''));
    const activeViettel = await withDemoDatabase(service, (db) =>
      db.kysely.selectFrom('subscribers').select((eb) => eb.fn.countAll<number>().as('n')).where('carrier', '=', 'viettel').where('closed_at', 'is', null).executeTakeFirstOrThrow(),
    );
    expect(wouldClose).toBe(Number(activeViettel.n) - 1);
    expect(await ask.getByRole('button', { name: vi.carriers.confirmClosures(wouldClose) }).isVisible()).toBe(true);
    await screenshot(page, 'carriers-confirm-closures', 'desktop');
    expect(errors()).toEqual([]);

    const phone = await signedIn('nhanvien.viettel', 'phone', '/du-lieu-nha-mang');
    await phone.page.getByText(vi.carriers.uploadTitle, { exact: true }).waitFor();
    await screenshot(phone.page, 'carriers-upload', 'phone');
    expect(phone.errors()).toEqual([]);
  }, TWO_BROWSERS_MS);
});
