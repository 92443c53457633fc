/**
 * The campaign page in Chromium against the real demo service: the province admin sees the
 * campaign's dates, weeks and three targets with where the line target stands (the live figures),
 * adds a target for one carrier's communes, changes its goal and removes it, each audited; a
 * viewer sees the same page with nothing to change. Photographed on a desktop and a phone.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { vi } from '../../web/src/i18n/messages.ts';
import { browserPool, demoPersonOfRole, describeInBrowser, screenshot, signInAs, startDemoService, withDemoDatabase, type DemoService, type DemoUser } from './harness.ts';

describeInBrowser('the campaign page, as the Department uses it', () => {
  let service: DemoService;
  const browsers = browserPool();
  const t = vi.campaignPage;

  beforeAll(async () => {
    service = await startDemoService();
  });
  afterAll(async () => {
    await browsers.closeAll();
    await service?.stop();
  });

  const ofRole = (role: DemoUser['role']) => demoPersonOfRole(service, role);
  async function open(user: DemoUser, viewport: 'desktop' | 'phone') {
    const opened = await browsers.openPage(viewport);
    await opened.page.goto(`${service.url}/chien-dich`);
    await signInAs(opened.page, user);
    await opened.page.waitForURL((url) => url.pathname === '/chien-dich');
    await opened.page.getByRole('cell', { name: /Thuê bao thuộc nhóm đối tượng đã xác thực/ }).first().waitFor();
    return opened;
  }
  const audited = () =>
    withDemoDatabase(service, (db) => db.kysely.selectFrom('audit_log').select(['actor', 'action', 'subject_id']).where('subject_type', '=', 'campaign_target').orderBy('id').execute());

  it('lets the admin add a target, change its goal and remove it, each audited, with the line target standing from the live figures', async () => {
    const admin = ofRole('province_admin');
    const { page, errors } = await open(admin, 'desktop');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.count()).resolves.toBe(3);
    // The line target shows the share of target lines verified now, as the figures count it.
    const figures = await withDemoDatabase(service, (db) =>
      db.kysely.selectFrom('figures_total').select(['measure', (eb) => eb.fn.sum<number>('n').as('n')]).where('measure', 'in', ['target', 'target_verified']).groupBy('measure').execute(),
    );
    const of = (m: string) => Number(figures.find((f) => f.measure === m)?.n ?? 0);
    expect(of('target')).toBeGreaterThan(0);
    await page.getByText(t.progressOf(of('target_verified'), of('target'))).waitFor();
    await page.getByText(t.week(5)).waitFor();
    await screenshot(page, 'campaign', 'desktop');

    await page.getByRole('button', { name: t.add }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(t.code).fill('Viettel Xã');
    await dialog.getByLabel(t.label).fill('Thuê bao Viettel ở các xã đã xác thực');
    await dialog.getByLabel(t.goal).fill('90');
    await dialog.getByRole('button', { name: t.save }).click();
    // The code's rule is checked on the page before anything is sent.
    await dialog.getByText(t.codeHint, { exact: true }).last().waitFor();
    await dialog.getByLabel(t.code).fill('viettel-xa');
    await dialog.getByLabel(t.carrier).click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Viettel' }).click();
    await dialog.getByLabel(t.communeType).click();
    await page.locator('.ant-select-item-option').filter({ hasText: t.unitTypes.xa }).click();
    await screenshot(page, 'campaign-add-target', 'desktop', { fullPage: false });
    await dialog.getByRole('button', { name: t.save }).click();
    await dialog.waitFor({ state: 'detached' });
    const added = rows.filter({ hasText: 'Thuê bao Viettel ở các xã đã xác thực' });
    await added.waitFor();
    await expect(added.innerText()).resolves.toContain('90%');

    await added.getByRole('button', { name: t.edit }).click();
    await dialog.getByLabel(t.goal).fill('95');
    await dialog.getByRole('button', { name: t.save }).click();
    await dialog.waitFor({ state: 'detached' });
    await added.getByText('95%').waitFor();

    await added.getByRole('button', { name: t.remove }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: t.confirm }).click();
    await added.waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(3);
    expect(await audited()).toEqual([
      { actor: admin.username, action: 'campaign.target_add', subject_id: 'AG-2026/viettel-xa' },
      { actor: admin.username, action: 'campaign.target_change', subject_id: 'AG-2026/viettel-xa' },
      { actor: admin.username, action: 'campaign.target_remove', subject_id: 'AG-2026/viettel-xa' },
    ]);
    expect(errors()).toEqual([]);
  }, 120_000);

  it('shows a viewer the campaign with nothing to change, on a phone', async () => {
    const { page, errors } = await open(ofRole('province_viewer'), 'phone');
    await expect(page.getByRole('button', { name: t.add }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: t.edit }).count()).resolves.toBe(0);
    await screenshot(page, 'campaign', 'phone');
    expect(errors()).toEqual([]);
  }, 120_000);
});
