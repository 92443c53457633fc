/**
 * The staff sign-in page in Chromium against the real service: in Vietnamese, a private page sends
 * the visitor to it (and names the way back), a wrong password is refused with the service's
 * Vietnamese message, and it links to the citizen's page.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, failOnPageErrors, openBrowser, screenshot, startDemoService, type BrowserSession, type DemoService } from './harness.ts';

describeInBrowser('the sign-in page (/dang-nhap)', () => {
  let service: DemoService;
  const browsers: BrowserSession[] = [];
  beforeAll(async () => {
    service = await startDemoService();
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await service?.stop();
  });

  for (const viewport of ['desktop', 'phone'] as const) {
    it(`${viewport}: a private page leads to sign-in, in Vietnamese; a wrong password is refused`, async () => {
      const browser = await openBrowser(viewport);
      browsers.push(browser);
      const page = await browser.context.newPage();
      const errors = failOnPageErrors(page);
      await page.goto(`${service.url}/`);
      await page.waitForURL(/\/dang-nhap\?next=%2F$/);
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('vi');
      await expect(page.getByRole('link', { name: 'Người dân tự kiểm tra thông tin thuê bao' }).getAttribute('href')).resolves.toBe('/tu-kiem-tra');
      await screenshot(page, 'sign-in', viewport);

      await page.getByLabel('Tên đăng nhập').fill('khong-co-ai');
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau-123');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain('Tên đăng nhập hoặc mật khẩu không đúng');
      await screenshot(page, 'sign-in-wrong-password', viewport);
      expect(errors()).toEqual([]);
    });
  }
});
