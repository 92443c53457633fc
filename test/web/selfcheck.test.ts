/**
 * The citizen's self-check page in Chromium against the real service: a number, the code the SMSC
 * simulator delivered to its handset, the same answer as 1414, the "Thông tin chưa đúng" report; an
 * unregistered number looks the same; a code asked for too soon shows the wait.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserPool, describeInBrowser, nextSms, screenshot, smsInbox, startDemoService, withDemoDatabase, type DemoService, type ViewportName } from './harness.ts';

/** A number outside the demo's registry (Viettel's 039 range; the test checks it is absent). */
const UNREGISTERED = '0399990001';

/** How answers show a number: `03******96`. */
const maskedOf = (msisdn: string) => `${msisdn.slice(0, 2)}******${msisdn.slice(-2)}`;

const codeIn = (text: string) => {
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no code in the text: ${text}`);
  return code;
};

describeInBrowser('the citizen self-check page (/tu-kiem-tra)', () => {
  let service: DemoService;
  let lines: { msisdn: string; full_name: string }[];
  const browsers = browserPool();

  beforeAll(async () => {
    service = await startDemoService();
    // The demo is deterministic for its seed: the first unlocked citizens' lines, as a lookup would find them.
    lines = await withDemoDatabase(service, (db) =>
      db.kysely
        .selectFrom('subscribers')
        .select(['msisdn', 'full_name'])
        .where('holder_kind', '=', 'citizen')
        .where('lock_level', '=', 'none')
        .orderBy('id')
        .limit(3)
        .execute(),
    );
    const unregistered = await withDemoDatabase(service, (db) => db.kysely.selectFrom('subscribers').select('id').where('msisdn', '=', UNREGISTERED).executeTakeFirst());
    expect(unregistered).toBeUndefined();
  });
  afterAll(async () => {
    await browsers.closeAll();
    await service?.stop();
  });

  async function openPage(viewport: ViewportName): Promise<{ page: Page; errors: () => string[] }> {
    const { page, errors } = await browsers.openPage(viewport);
    await page.goto(`${service.url}/tu-kiem-tra`);
    await page.getByRole('heading', { name: 'Tự kiểm tra thông tin thuê bao' }).waitFor();
    return { page, errors };
  }

  /** Number → code by SMS → the answer; returns the page on the answer. */
  async function checkNumber(page: Page, msisdn: string, viewport: ViewportName, shots: string | undefined) {
    const seen = (await smsInbox(service, msisdn)).length;
    await page.getByLabel('Số thuê bao').fill(msisdn);
    if (shots) await screenshot(page, `${shots}-1-number`, viewport);
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    await page.getByText('Đã gửi mã xác thực đến số').waitFor();
    const code = codeIn(await nextSms(service, msisdn, seen));
    await page.getByLabel('Mã xác thực (6 số)').fill(code);
    if (shots) await screenshot(page, `${shots}-2-code`, viewport);
    await page.getByRole('button', { name: 'Xem thông tin' }).click();
    await page.getByRole('heading', { name: 'Thông tin thuê bao', exact: true }).waitFor();
    if (shots) await screenshot(page, `${shots}-3-answer`, viewport);
  }

  for (const [index, viewport] of (['desktop', 'phone'] as const).entries()) {
    it(`${viewport}: completes a self-check with the code from the handset, then reports the information wrong`, async () => {
      const line = lines[index];
      if (!line) throw new Error('the demo has too few lines');
      const { page, errors } = await openPage(viewport);
      await checkNumber(page, line.msisdn, viewport, 'selfcheck');
      // The owner as the registry holds them, and the 1414 reply's own text.
      await expect(page.getByText(line.full_name, { exact: true }).count()).resolves.toBe(1);
      await expect(page.locator('blockquote').textContent()).resolves.toContain(maskedOf(line.msisdn));

      await page.getByRole('button', { name: 'Thông tin chưa đúng' }).click();
      await page.getByText('Thông tin nào chưa đúng?').waitFor();
      await page.getByLabel('Họ và tên').check();
      await screenshot(page, 'selfcheck-4-report', viewport);
      await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
      await page.getByRole('heading', { name: 'Đã ghi nhận phản ánh' }).waitFor();
      await screenshot(page, 'selfcheck-5-reported', viewport);
      expect(errors()).toEqual([]);
    });
  }

  it('an unregistered number goes through the same steps to an answer that looks the same', async () => {
    const { page, errors } = await openPage('phone');
    await checkNumber(page, UNREGISTERED, 'phone', 'selfcheck-unregistered');
    await expect(page.locator('blockquote').textContent()).resolves.toMatch(/chua co thong tin dang ky/i);
    await expect(page.getByRole('button', { name: 'Thông tin chưa đúng' }).count()).resolves.toBe(0);
    expect(errors()).toEqual([]);
  });

  it('shows the wait of a code asked for too soon, counting down, and in English when switched', async () => {
    const { page } = await openPage('desktop');
    const line = lines[2];
    if (!line) throw new Error('the demo has too few lines');
    await page.getByLabel('Số thuê bao').fill(line.msisdn);
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    await page.getByText('Đã gửi mã xác thực đến số').waitFor();
    // A second code at once is refused until the spacing has passed (retryAfter).
    await page.getByRole('button', { name: 'Gửi lại mã' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toMatch(/thử lại sau \d+ giây/);
    const first = Number(/(\d+) giây/.exec((await alert.textContent()) ?? '')?.[1]);
    await page.waitForTimeout(2100);
    const later = Number(/(\d+) giây/.exec((await alert.textContent()) ?? '')?.[1]);
    expect(later).toBeLessThan(first);
    await expect(page.getByRole('button', { name: /Gửi lại mã sau \d+ giây/ }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'selfcheck-wait', 'desktop');
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { name: 'Check your subscriber information' }).waitFor();
    await expect(alert.textContent()).resolves.toMatch(/try again in \d+ seconds/);
  });
});
