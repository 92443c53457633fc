/**
 * The verification desk (/quay-xac-thuc) in Chromium against the real demo service, as the demo's
 * Viettel operator (`nhanvien.viettel`). Fixtures are read from the demo's database as a test would
 * look them up: a Viettel H2H line whose carrier record carries a planted wrong birth date
 * (`demo_planted.problem = 'birth_date_wrong'`) and whose holder has that one line only (so the
 * rules ask for the OTP, which the test reads from the handset's inbox), with the card's true
 * identity from the simulator's population table; and a correct Viettel line of a holder with
 * several lines (no OTP) for the refusals and the retake. The liveness check keeps the simulator's
 * error rates (2% of live people refused, 0.2% of printed photos let through) on its seeded stream,
 * so a run of this file always meets the same outcomes: none refuses a live person today. Were a
 * change of the calls before it to land a refusal on the live person, `verifyWithOtp` captures
 * again as a desk would; the last test takes that retake path on purpose, with a printed photo.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { demoUsersFilePath } from '../../src/demo/index.ts';
import { ERROR_CATALOGUE } from '../../src/errors.ts';
import { browserPool, describeInBrowser, nextSms, screenshot, signOut, smsInbox, startDemoService, withDemoDatabase, type DemoService, type ViewportName } from './harness.ts';

interface Person {
  msisdn: string;
  documentNumber: string;
  fullName: string;
  /** As the desk types it: dd/mm/yyyy, mm/yyyy or yyyy. */
  birthDate: string;
}
interface Fixtures {
  /** The carrier's record (wrong birth date) and the card (the population record). */
  planted: { record: Person; card: Person };
  correct: Person;
}

const typed = (iso: string) => iso.split('-').reverse().join('/');

/** Desk-only fixture: the lines described in the file's comment, from the demo's database. */
function pickLines(service: DemoService): Promise<Fixtures> {
  return withDemoDatabase(service, async (db) => {
    const lines = db.kysely
      .selectFrom('subscribers as s')
      .innerJoin('nid_citizens as c', 'c.personal_id', 's.document_number')
      .select((eb) => [
        's.msisdn',
        's.document_number',
        's.full_name',
        's.birth_date',
        'c.full_name as card_name',
        'c.birth_date as card_birth_date',
        eb.selectFrom('subscribers as o').select((f) => f.fn.countAll<number>().as('n')).whereRef('o.document_number', '=', 's.document_number').as('lines'),
        eb.selectFrom('demo_planted as p').select('p.problem').whereRef('p.msisdn', '=', 's.msisdn').as('problem'),
      ])
      .where('s.carrier', '=', 'viettel')
      .where('s.line_class', '=', 'h2h')
      .where('s.holder_kind', '=', 'citizen')
      .where('s.document_type', '=', 'personal_id')
      .where('s.lock_level', '!=', 'terminated')
      .where('c.deceased_on', 'is', null)
      .orderBy('s.id');
    const rows = await lines.execute();
    const planted = rows.find((r) => r.problem === 'birth_date_wrong' && Number(r.lines) === 1);
    const correct = rows.find((r) => r.problem === null && Number(r.lines) > 1 && r.full_name === r.card_name && r.birth_date === r.card_birth_date);
    if (!planted || !correct) throw new Error('the demo has no Viettel line fit for the desk test');
    const person = (r: typeof planted, name: string, birth: string): Person => ({ msisdn: r.msisdn, documentNumber: r.document_number, fullName: name, birthDate: typed(birth) });
    return {
      planted: { record: person(planted, planted.full_name, planted.birth_date), card: person(planted, planted.card_name, planted.card_birth_date) },
      correct: person(correct, correct.full_name, correct.birth_date),
    };
  });
}

describeInBrowser('the verification desk (/quay-xac-thuc)', () => {
  let service: DemoService;
  let accounts: { username: string; password: string }[];
  let lines: Fixtures;
  const browsers = browserPool();
  beforeAll(async () => {
    service = await startDemoService();
    accounts = (JSON.parse(fs.readFileSync(demoUsersFilePath(service.dataDir), 'utf8')) as { users: typeof accounts }).users;
    lines = await pickLines(service);
  });
  afterAll(async () => {
    await browsers.closeAll();
    await service?.stop();
  });

  async function openDesk(viewport: ViewportName, username = 'nhanvien.viettel') {
    const account = accounts.find((u) => u.username === username)!;
    const opened = await browsers.openPage(viewport);
    const { page } = opened;
    await page.goto(`${service.url}/quay-xac-thuc`);
    await page.getByLabel('Tên đăng nhập').fill(account.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Quầy xác thực' }).waitFor();
    return opened;
  }

  async function fillPerson(page: Page, person: Person) {
    await page.getByLabel('Số thuê bao').fill(person.msisdn);
    await page.getByLabel('Số định danh cá nhân (số CCCD)').fill(person.documentNumber);
    await page.getByLabel('Họ và tên').fill(person.fullName);
    await page.getByLabel('Ngày sinh').fill(person.birthDate);
  }

  const FIELDS = { 'Số định danh cá nhân': 'documentNumber', 'Họ và tên': 'fullName', 'Ngày sinh': 'birthDate', 'Khuôn mặt': 'face', 'Kiểm tra người thật': 'liveness' } as const;
  /** A field of the result (a table row on a desktop, a list item on a phone), by its label. */
  const fieldRow = async (page: Page, label: keyof typeof FIELDS) => {
    const entry = page.locator(`.desk-result [data-field="${FIELDS[label]}"]`);
    await expect(entry.textContent()).resolves.toContain(label);
    return entry;
  };

  const submitButton = (page: Page) => page.getByRole('button', { name: 'Xác thực', exact: true });

  /** Takes the simulated capture of `standIn` (again, when one is held) and submits. */
  async function captureAndSubmit(page: Page, standIn: 'Chính người đó' | 'Người khác' | 'Ảnh in') {
    const again = page.getByRole('button', { name: 'Chụp lại' });
    if ((await again.count()) > 0) await again.click();
    await page.getByRole('button', { name: standIn }).click();
    await page.getByText('Đã có mẫu khuôn mặt').waitFor();
    await submitButton(page).click();
  }

  /** The OTP step: the code the handset received after `seen` texts, typed and confirmed. */
  async function answerOtp(page: Page, msisdn: string, seen: number) {
    await page.getByText('Mã OTP gửi đến thuê bao').waitFor();
    const text = await nextSms(service, msisdn, seen);
    const code = /\b(\d{6})\b/.exec(text)?.[1];
    expect(code, text).toBeDefined();
    await page.getByLabel('Mã OTP (6 số)').fill(code!);
    await page.getByRole('button', { name: 'Xác nhận mã' }).click();
  }

  /** Submits as the person themself, with the OTP, capturing again (up to three times) should the liveness check refuse the live person. */
  async function verifyWithOtp(page: Page, person: Person) {
    for (let attempt = 1; ; attempt += 1) {
      const seen = (await smsInbox(service, person.msisdn)).length;
      await captureAndSubmit(page, 'Chính người đó');
      await answerOtp(page, person.msisdn, seen);
      await page.locator('.desk-result').waitFor();
      const liveness = await (await fieldRow(page, 'Kiểm tra người thật')).textContent();
      if (!liveness?.includes('Không đạt') || attempt === 3) return;
    }
  }

  it('desktop: a planted wrong birth date is shown field by field, then the card\'s date verifies the line, with the OTP, and the next person starts clean', async () => {
    const { page, errors } = await openDesk('desktop');
    const { record, card } = lines.planted;
    // One channel of the role's three is chosen; the place is kept for the session.
    await page.getByRole('radio', { name: 'cửa hàng nhà mạng' }).check();
    await page.getByLabel('Điểm xác thực').fill('Cửa hàng Viettel Rạch Giá');
    await expect(page.getByRole('radio', { name: 'điểm hỗ trợ lưu động' }).count()).resolves.toBe(1);
    await expect(page.getByRole('radio', { name: 'điểm xác thực của xã, phường' }).count()).resolves.toBe(0);

    await fillPerson(page, record);
    await expect(page.getByRole('button', { name: 'Chính người đó' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByText('Mô phỏng', { exact: true }).first().isVisible()).resolves.toBe(true);
    await page.getByLabel('Người đến xác thực đã đồng ý').check();
    await screenshot(page, 'desk', 'desktop');

    // As the carrier's record holds it: the national database says the birth date does not match.
    await verifyWithOtp(page, record);
    await expect(page.locator('.desk-result').getByText('Chưa xác thực').count()).resolves.toBe(1);
    const birthDate = await fieldRow(page, 'Ngày sinh');
    await expect(birthDate.textContent()).resolves.toMatch(/Không khớp.*ngày sinh/i);
    await expect((await fieldRow(page, 'Số định danh cá nhân')).textContent()).resolves.toContain('Trùng khớp');
    await expect((await fieldRow(page, 'Khuôn mặt')).textContent()).resolves.toContain('Trùng khớp');
    await screenshot(page, 'desk-mismatch', 'desktop');

    // As the card says: every field matches, the carrier's record takes the card's date.
    await page.getByLabel('Ngày sinh').fill(card.birthDate);
    await page.getByLabel('Họ và tên').fill(card.fullName);
    await verifyWithOtp(page, card);
    await page.locator('.desk-result').getByText('Đã xác thực').waitFor();
    for (const field of ['Số định danh cá nhân', 'Họ và tên', 'Ngày sinh', 'Khuôn mặt'] as const) {
      await expect((await fieldRow(page, field)).textContent()).resolves.toContain('Trùng khớp');
    }
    await expect(page.getByText('Cập nhật vào hồ sơ thuê bao').count()).resolves.toBe(1);
    await screenshot(page, 'desk-verified', 'desktop');
    expect(page.url()).not.toContain(record.msisdn);
    expect(page.url()).not.toContain(record.documentNumber);

    await page.keyboard.press('Alt+N');
    await expect(page.getByLabel('Số thuê bao').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('Người đến xác thực đã đồng ý').isChecked()).resolves.toBe(false);
    // The cursor is back on the number: what is typed next lands there.
    await page.keyboard.type('09');
    await expect(page.getByLabel('Số thuê bao').inputValue()).resolves.toBe('09');
    await expect(page.getByLabel('Điểm xác thực').inputValue()).resolves.toBe('Cửa hàng Viettel Rạch Giá');
    await expect(page.locator('.desk-result').count()).resolves.toBe(0);

    // A reload keeps where the desk works, not the person.
    await page.reload();
    await page.getByRole('heading', { name: 'Quầy xác thực' }).waitFor();
    await expect(page.getByLabel('Điểm xác thực').inputValue()).resolves.toBe('Cửa hàng Viettel Rạch Giá');
    await expect(page.getByRole('radio', { name: 'cửa hàng nhà mạng' }).isChecked()).resolves.toBe(true);

    // Signing out forgets it: whoever signs in next at this computer starts from nothing.
    await signOut(page);
    await expect(page.evaluate<number>('sessionStorage.length')).resolves.toBe(0);
    expect(errors()).toEqual([]);
  });

  it('phone: without consent nothing is sent; someone else\'s face does not match', async () => {
    const { page, errors } = await openDesk('phone');
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/verifications')) sent.push(request.url());
    });
    const person = lines.correct;
    await page.getByRole('radio', { name: 'điểm hỗ trợ lưu động' }).check();
    await fillPerson(page, person);
    await page.getByLabel('Ngày sinh').press('Enter');
    await page.getByText('Cần người đến xác thực đồng ý trước khi xác thực').waitFor();
    expect(sent).toEqual([]);
    await screenshot(page, 'desk-no-consent', 'phone');

    await page.getByLabel('Người đến xác thực đã đồng ý').check();
    await captureAndSubmit(page, 'Người khác');
    await page.locator('.desk-result').waitFor();
    await expect((await fieldRow(page, 'Khuôn mặt')).textContent()).resolves.toMatch(/Không khớp/);
    await expect(page.locator('.desk-result').getByText('Chưa xác thực').count()).resolves.toBe(1);
    // That capture is not sent again: the face step asks for a new one.
    await expect(page.getByText('Khuôn mặt không khớp: chụp lại khuôn mặt').count()).resolves.toBe(1);
    await expect(page.getByText('Đã có mẫu khuôn mặt').count()).resolves.toBe(0);
    await screenshot(page, 'desk-face-mismatch', 'phone');
    expect(errors()).toEqual([]);
  });

  it('desktop: without a camera, a photo file is the fallback; only its template is sent, the image never', async () => {
    const { page, errors } = await openDesk('desktop');
    const bodies: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/verifications')) bodies.push(request.postData() ?? '');
    });
    await page.getByRole('radio', { name: 'buổi xác thực tại cơ quan, đơn vị' }).check();
    await fillPerson(page, lines.correct);
    await page.getByLabel('Người đến xác thực đã đồng ý').check();
    // Headless Chromium has no camera: the desk says so and keeps the file.
    await page.getByRole('button', { name: 'Bật camera' }).click();
    await page.getByText('Không dùng được camera').waitFor();
    const photo = await page.screenshot();
    await page.locator('input[type="file"]').setInputFiles({ name: 'khuon-mat.png', mimeType: 'image/png', buffer: photo });
    await page.getByText('Đã có mẫu khuôn mặt (ảnh chụp)').waitFor();
    await submitButton(page).click();
    await page.locator('.desk-result').waitFor();
    const [body] = bodies;
    const sent = JSON.parse(body ?? '{}') as { faceSample: { template: number[] }; liveness: unknown; consent: boolean };
    expect(sent.faceSample.template).toHaveLength(128);
    expect(sent.liveness).toBeNull();
    expect(sent.consent).toBe(true);
    expect(body!.length).toBeLessThan(8_000);
    expect(photo.length).toBeGreaterThan(8_000);
    // The stand-in extractor recognises nobody: the line is not verified by it.
    await expect(page.locator('.desk-result').getByText('Chưa xác thực').count()).resolves.toBe(1);
    await expect((await fieldRow(page, 'Khuôn mặt')).textContent()).resolves.not.toContain('Trùng khớp');
    await screenshot(page, 'desk-file-capture', 'desktop');
    expect(errors()).toEqual([]);
  });

  it('phone: a commune officer\'s one channel is chosen already; over plain http from another machine the desk says the camera cannot work', async () => {
    const { page, errors } = await openDesk('phone', 'canbo.xa');
    await expect(page.getByRole('radio', { name: 'điểm xác thực của xã, phường' }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('radio').count()).resolves.toBe(1);
    await expect(page.getByText('Camera không dùng được trên trang này').count()).resolves.toBe(0);
    await screenshot(page, 'desk', 'phone');

    // 127.0.0.1 is a secure context for Chromium; another machine's plain http is not, as the page then sees it.
    await page.addInitScript("Object.defineProperty(window, 'isSecureContext', { value: false })");
    await page.reload();
    await page.getByText('Camera không dùng được trên trang này').waitFor();
    await expect(page.getByText('mở qua https').count()).resolves.toBe(1);
    await page.getByLabel('Người đến xác thực đã đồng ý').check();
    await expect(page.getByRole('button', { name: 'Chụp bằng máy hoặc chọn ảnh' }).isEnabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Bật camera' }).count()).resolves.toBe(0);
    await screenshot(page, 'desk-insecure', 'phone');
    expect(errors()).toEqual([]);
  });

  it('desktop: however fast the answer comes, the button is named "Xác thực" again once it is in (no spinner left behind for a screen reader)', async () => {
    const { page, errors } = await openDesk('desktop');
    // The real service cannot be made to answer within a frame of the click, which is when a spinner
    // used to stay behind: a refusal is answered at once here instead, ten times.
    await page.route('**/api/v1/verifications', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', code: 'VERIFICATION_CLIENT_LIMIT', ...ERROR_CATALOGUE.VERIFICATION_CLIENT_LIMIT, retryAfter: 60 }),
      }),
    );
    await page.getByRole('radio', { name: 'cửa hàng nhà mạng' }).check();
    await fillPerson(page, lines.correct);
    await page.getByLabel('Người đến xác thực đã đồng ý').check();
    for (let answered = 0; answered < 10; answered += 1) {
      await Promise.all([page.waitForResponse((response) => response.url().endsWith('/api/v1/verifications')), submitButton(page).click()]);
    }
    await submitButton(page).waitFor();
    await expect(page.locator('.desk-actions [aria-label="loading"]').count()).resolves.toBe(0);
    expect(errors()).toEqual([]);
  });

  it('desktop: a printed photo fails the liveness check; the desk is told to capture the face again, holds no capture, and the person\'s own face verifies the line', async () => {
    const { page, errors } = await openDesk('desktop');
    const person = lines.correct;
    await page.getByRole('radio', { name: 'cửa hàng nhà mạng' }).check();
    await fillPerson(page, person);
    await page.getByLabel('Người đến xác thực đã đồng ý').check();

    await captureAndSubmit(page, 'Ảnh in');
    await page.locator('.desk-result').waitFor();
    await expect((await fieldRow(page, 'Kiểm tra người thật')).textContent()).resolves.toContain('Không đạt');
    await expect(page.locator('.desk-result').getByText('Chưa xác thực').count()).resolves.toBe(1);
    // The refused capture is dropped, not offered to send again: the face step asks for a new one.
    await page.getByText('Kiểm tra người thật không đạt: chụp lại khuôn mặt').waitFor();
    await expect(page.getByText('Đã có mẫu khuôn mặt').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Chụp lại' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Chính người đó' }).isEnabled()).resolves.toBe(true);
    await screenshot(page, 'desk-liveness-retake', 'desktop');

    // The person stands in front of the camera themself.
    await captureAndSubmit(page, 'Chính người đó');
    await page.locator('.desk-result').getByText('Đã xác thực').waitFor();
    const liveness = await (await fieldRow(page, 'Kiểm tra người thật')).textContent();
    expect(liveness).toContain('Đạt');
    expect(liveness).not.toContain('Không đạt');
    await expect((await fieldRow(page, 'Khuôn mặt')).textContent()).resolves.toContain('Trùng khớp');
    await expect(page.getByText('Kiểm tra người thật không đạt').count()).resolves.toBe(0);
    await screenshot(page, 'desk-liveness-retake-verified', 'desktop');
    expect(errors()).toEqual([]);
  });
});
