/**
 * Signing in, in Chromium against the real service: a private page sends the visitor to sign-in
 * (in Vietnamese) and back after; a wrong password is refused with the service's message; repeated
 * failures are slowed with a countdown; a first sign-in changes its password; a role that needs a
 * second factor sets it up (QR code, secret, the authenticator's code) and is asked for it at the
 * next sign-in; the shell shows the campaign day, the role's menu and the person's menu.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { totpCode } from '../../src/access/index.ts';
import {
  createDemoUser,
  browserPool,
  describeInBrowser,
  screenshot,
  signOut,
  startDemoService,
  type DemoService,
  type ViewportName,
} from './harness.ts';

const NEW_PASSWORD = 'Chien-dich-2026-an-toan!';

describeInBrowser('signing in (/dang-nhap) and the staff shell', () => {
  let service: DemoService;
  const browsers = browserPool();
  beforeAll(async () => {
    service = await startDemoService();
  });
  afterAll(async () => {
    await browsers.closeAll();
    await service?.stop();
  });

  const openPage = (viewport: ViewportName) => browsers.openPage(viewport);

  async function signIn(page: Page, username: string, password: string) {
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }

  async function changeForcedPassword(page: Page, viewport: ViewportName, initial: string) {
    await page.getByText('Đây là lần đăng nhập đầu tiên').waitFor();
    await screenshot(page, 'password-forced', viewport);
    await page.getByLabel('Mật khẩu hiện tại').fill(initial);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  }

  for (const viewport of ['desktop', 'phone'] as const) {
    it(`${viewport}: a private page leads to sign-in, in Vietnamese; a wrong password is refused`, async () => {
      const { page, errors } = await openPage(viewport);
      await page.goto(`${service.url}/`);
      await page.waitForURL(/\/dang-nhap\?next=%2F$/);
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('vi');
      await expect(page.getByRole('link', { name: 'Người dân tự kiểm tra thông tin thuê bao' }).getAttribute('href')).resolves.toBe('/tu-kiem-tra');
      await screenshot(page, 'sign-in', viewport);

      await signIn(page, 'khong.co.ai', 'sai-mat-khau-123');
      await expect(page.getByRole('alert').textContent()).resolves.toContain('Tên đăng nhập hoặc mật khẩu không đúng');
      await screenshot(page, 'sign-in-wrong-password', viewport);
      expect(errors()).toEqual([]);
    });
  }

  it('slows sign-in after repeated failures, counting the wait down', async () => {
    const { page } = await openPage('desktop');
    await page.goto(`${service.url}/dang-nhap`);
    const alert = page.getByRole('alert');
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/sign-in'));
      await signIn(page, 'nguoi.doan.mat.khau', `doan-sai-${attempt}`);
      await answered;
      await alert.waitFor();
      if (/làm chậm/.test((await alert.textContent()) ?? '')) break;
    }
    await expect(alert.textContent()).resolves.toMatch(/Đăng nhập đang bị làm chậm.*thử lại sau \d+ giây/);
    await expect(page.getByRole('button', { name: 'Đăng nhập' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'sign-in-slowed', 'desktop');
  });

  it('desktop: first sign-in changes the password, then the shell: campaign day, menu by role, user menu, sign-out and back', async () => {
    const initial = await createDemoUser(service, { username: 'theo.doi', displayName: 'Trần Thị Theo Dõi', role: 'province_viewer' });
    const { page, errors } = await openPage('desktop');
    await page.goto(`${service.url}/`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await signIn(page, 'theo.doi', initial);
    await changeForcedPassword(page, 'desktop', initial);

    await page.getByRole('heading', { name: 'Xin chào, Trần Thị Theo Dõi' }).waitFor();
    await expect(page.locator('.shell-campaign').textContent()).resolves.toMatch(/Hôm nay \d{2}\/\d{2}\/\d{4} · Ngày thứ \d+ · còn \d+ ngày/);
    await expect(page.getByRole('menuitem', { name: 'Tổng quan' }).count()).resolves.toBe(1);
    await screenshot(page, 'home', 'desktop');

    await page.locator('.shell-user').click();
    await page.getByText('Theo dõi cấp tỉnh').waitFor();
    await screenshot(page, 'user-menu', 'desktop');
    await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
    await page.waitForURL(/\/doi-mat-khau$/);
    await expect(page.getByText('Đây là lần đăng nhập đầu tiên').count()).resolves.toBe(0);
    await screenshot(page, 'password', 'desktop');

    await page.goto(`${service.url}/khong-co-trang-nay`);
    await page.getByText('Không có trang này.').waitFor();
    await screenshot(page, 'not-found', 'desktop');

    await signOut(page);
    // A private page after signing out: sign-in, then back to that page.
    await page.goto(`${service.url}/doi-mat-khau`);
    await page.waitForURL(/\/dang-nhap\?next=%2Fdoi-mat-khau$/);
    await signIn(page, 'theo.doi', NEW_PASSWORD);
    await page.waitForURL(/\/doi-mat-khau$/);
    await page.getByText('Mật khẩu hiện tại').waitFor();
    expect(errors()).toEqual([]);
  });

  it('phone: a role with a second factor sets it up after the password, then is asked for its code at sign-in', async () => {
    const initial = await createDemoUser(service, { username: 'quan.tri', displayName: 'Lê Văn Quản Trị', role: 'province_admin' });
    const { page, errors } = await openPage('phone');
    await page.goto(`${service.url}/dang-nhap`);
    await signIn(page, 'quan.tri', initial);
    await changeForcedPassword(page, 'phone', initial);

    await page.waitForURL(/\/xac-thuc-hai-lop$/);
    await screenshot(page, 'second-factor', 'phone');
    await page.getByRole('button', { name: 'Bắt đầu thiết lập' }).click();
    const secret = (await page.locator('code').first().textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'second-factor-qr', 'phone');
    await page.getByLabel('Mã 6 số').fill(totpCode(secret, 'quan.tri'));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Đã bật xác thực hai lớp.').waitFor();
    await page.getByRole('button', { name: 'Về trang tổng quan' }).click();
    await page.getByRole('heading', { name: 'Xin chào, Lê Văn Quản Trị' }).waitFor();
    await screenshot(page, 'home', 'phone');
    await page.getByRole('button', { name: 'Mở menu' }).click();
    await page.getByRole('menuitem', { name: 'Tổng quan' }).waitFor();
    await screenshot(page, 'menu-drawer', 'phone');
    await page.keyboard.press('Escape');

    await signOut(page);
    await signIn(page, 'quan.tri', NEW_PASSWORD);
    await page.getByLabel('Mã xác thực hai lớp').waitFor();
    await screenshot(page, 'sign-in-totp', 'phone');
    // The next 30-second step's code: the one just used may not be taken twice.
    await page.getByLabel('Mã xác thực hai lớp').fill(totpCode(secret, 'quan.tri', 1));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Xin chào, Lê Văn Quản Trị' }).waitFor();
    expect(errors()).toEqual([]);
  });
});
