/**
 * The weekly reports' page in Chromium against a demo played through 8/5 (week 1 reported and
 * reviewed): Viettel's operator finds week 1 accepted and locked, sends a correction whose file has
 * errors and sees exactly those errors (sheet, row, cell), the accepted revision unchanged; sends
 * the template as tttb filled it; the Department returns the correction with a comment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { vi } from '../../web/src/i18n/messages.ts';
import { browserPool, demoPersonOfRole, describeInBrowser, screenshot, signInAs, startDemoService, type DemoService, type DemoUser } from './harness.ts';

describeInBrowser('the weekly reports, as a carrier and the Department use them', () => {
  let service: DemoService;
  let dir: string;
  const browsers = browserPool();
  const t = vi.reportsPage;

  beforeAll(async () => {
    service = await startDemoService(2000, { playTo: '2026-05-08' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-reports-'));
  }, 180_000);
  afterAll(async () => {
    await browsers.closeAll();
    await service?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(role: DemoUser['role'], viewport: 'desktop' | 'phone') {
    const opened = await browsers.openPage(viewport);
    await opened.page.goto(`${service.url}/bao-cao-tuan`);
    await signInAs(opened.page, demoPersonOfRole(service, role));
    await opened.page.waitForURL((url) => url.pathname === '/bao-cao-tuan');
    await opened.page.getByTestId('report-revisions').waitFor();
    return opened;
  }
  const revisionRows = async (page: import('playwright-core').Page) => {
    const rows = page.locator('[data-testid="report-revisions"] tbody tr.ant-table-row');
    const texts: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) texts.push(await rows.nth(i).innerText());
    return texts;
  };

  it('shows exactly the errors of an uploaded file, keeps the accepted report as it was, and takes a correction with its reason', async () => {
    const { page, errors } = await open('carrier_operator', 'desktop');
    await page.getByText(t.locked).waitFor();
    const before = await revisionRows(page);
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(before[0]).toContain(vi.dashboard.reports.status.accepted);
    // Locked: nothing goes in before a correction's reason is given.
    await expect(page.getByTestId('report-upload').isDisabled()).resolves.toBe(true);

    const template = await page.request.get(`${service.url}/api/v1/reports/weekly/viettel/1/template.xlsx`);
    expect(template.status()).toBe(200);
    const original = path.join(dir, 'bao-cao-tuan-1-viettel.xlsx');
    fs.writeFileSync(original, await template.body());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(original);
    const sheet = workbook.getWorksheet('bao_cao_tuan');
    if (!sheet) throw new Error('no rows sheet');
    // Row 3 is the first commune, row 7 the fifth; column D is the CMND-9 group, H the verifications of the week.
    sheet.getCell('D3').value = 'mười';
    sheet.getCell('H7').value = null;
    const broken = path.join(dir, 'co-loi.xlsx');
    await workbook.xlsx.writeFile(broken);

    await page.getByLabel(t.correctionReason).fill('Bổ sung số lượt xác thực tại cửa hàng');
    await page.locator('input[type="file"]').setInputFiles(broken);
    const problems = page.getByTestId('report-problems');
    await problems.waitFor();
    const cells = problems.getByTestId('problem-cell');
    await expect(cells.count()).resolves.toBe(2);
    await expect(cells.allInnerTexts()).resolves.toEqual(['D3', 'H7']);
    await expect(problems.innerText()).resolves.toContain('bao_cao_tuan');
    await page.getByText(t.refused(2)).waitFor();
    await screenshot(page, 'reports', 'desktop');
    // Nothing was kept: the accepted revision is the week's, as it was.
    expect(await revisionRows(page)).toEqual(before);

    await page.locator('input[type="file"]').setInputFiles(original);
    await page.getByTestId('report-submitted').waitFor();
    await expect.poll(async () => (await revisionRows(page)).length).toBe(before.length + 1);
    const after = await revisionRows(page);
    expect(after[0]).toContain(vi.dashboard.reports.status.submitted);
    expect(after[0]).toContain('Bổ sung số lượt xác thực tại cửa hàng');
    expect(after.slice(1)).toEqual(before);
    expect(errors()).toEqual([]);
  }, 120_000);

  it('lets the Department return the correction with a comment', async () => {
    const { page, errors } = await open('province_admin', 'phone');
    await page.getByRole('combobox', { name: t.carrier }).click();
    // antd's options are items of its own list (role=option is only on a hidden list for screen readers).
    await page.locator('.ant-select-item-option').filter({ hasText: 'Viettel' }).click();
    await page.getByText(t.reviewTitle(2)).waitFor();
    await page.getByLabel(t.reviewComment).fill('Đề nghị gửi kèm bảng kê của cửa hàng');
    await page.getByRole('button', { name: t.return }).click();
    await expect.poll(async () => (await revisionRows(page))[0] ?? '').toContain(vi.dashboard.reports.status.returned);
    await expect(page.getByText(t.reviewTitle(2)).count()).resolves.toBe(0);
    await screenshot(page, 'reports', 'phone');
    expect(errors()).toEqual([]);
  }, 120_000);
});
