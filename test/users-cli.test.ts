import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { OFFICERS_HEADER, writeSheet } from '../src/access/users-import.testing.ts';
import { totpCode } from '../src/access/index.ts';
import { freePort } from './free-port.ts';
import { runCli, spawnCli } from './run-cli.ts';

// Each test runs `tttb` several times, seconds each on a busy machine.
const SLOW = 300_000;
const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
function dataDir(): { TTTB_DATA_DIR: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-users-cli-'));
  dirs.push(dir);
  return { TTTB_DATA_DIR: dir };
}
const users = (env: Record<string, string>) => json(runCli(['user', 'list'], env).stdout)['users'] as { username: string; disabledAt: string | null }[];

describe('tttb user … on a production database (as the province’s admin runs it)', () => {
  const env = dataDir();

  it('makes the first admin, prints the one-time password once, and never shows a hash or secret', () => {
    const added = runCli(['user', 'add', '--username', 'quantri', '--name', 'Nguyễn Thị Thu Hà', '--role', 'province_admin'], env);
    expect(added.status).toBe(0);
    const made = json(added.stdout) as { user: { username: string; mustChangePassword: boolean }; initialPassword: string };
    expect(made.user).toMatchObject({ username: 'quantri', mustChangePassword: true });
    expect(made.initialPassword).toMatch(/^[A-Za-z0-9]{16}$/);

    const officer = runCli(['user', 'add', '--username', 'canbo.1', '--name', 'Lê Hồng', '--role', 'commune_officer', '--commune', '30292', '--commune', '30301'], env);
    expect(json(officer.stdout)['user']).toMatchObject({ scopes: [{ kind: 'commune', value: '30292' }, { kind: 'commune', value: '30301' }] });

    const list = runCli(['user', 'list'], env);
    expect(list.status).toBe(0);
    expect(users(env).map((u) => u.username)).toEqual(['canbo.1', 'quantri']);
    expect(list.stdout).not.toMatch(/hash|secret|initialPassword|\$argon2/i);
    expect(list.stdout).not.toContain(made.initialPassword);
  }, SLOW);

  it('disables and resets an account; a user’s mistake is a stable code, a Vietnamese message and exit 2', () => {
    expect(json(runCli(['user', 'disable', 'canbo.1'], env).stdout)['user']).toMatchObject({ disabledAt: expect.any(String) as unknown });
    const reset = json(runCli(['user', 'reset-password', 'canbo.1'], env).stdout) as { user: { disabledAt: null }; initialPassword: string };
    expect(reset.user.disabledAt).toBeNull();
    expect(reset.initialPassword).toHaveLength(16);

    for (const [args, code] of [
      [['user', 'add', '--username', 'quantri', '--name', 'Ai Đó', '--role', 'auditor'], 'USER_EXISTS'],
      [['user', 'add', '--username', 'canbo.2', '--name', 'Ai Đó', '--role', 'commune_officer', '--commune', '99999'], 'SCOPE_INVALID'],
      [['user', 'disable', 'khong.co'], 'USER_NOT_FOUND'],
    ] as const) {
      const res = runCli([...args], env);
      expect(res.status, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(new RegExp(`^Lỗi \\[${code}\\]: `));
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
    const robot = runCli(['user', 'add', '--username', 'may', '--name', 'Máy', '--role', 'carrier_system'], env);
    expect(robot.status).toBe(2);
    expect(robot.stderr).toContain('cần một trong province_admin');
  }, SLOW);
});

describe('tttb user import (officers of every commune at once)', () => {
  const env = dataDir();
  const sheet = (name: string, rows: unknown[][]) => writeSheet(path.join(env.TTTB_DATA_DIR, name), [OFFICERS_HEADER, ...(rows as never[][])]);

  it('creates nothing while a row is wrong, printing each bad row with its cell, column and message', async () => {
    const file = await sheet('bad.xlsx', [
      ['an.nguyen', 'Nguyễn Văn An', 'Cán bộ xã, phường', 30292],
      ['an.nguyen', 'Lê Văn An', 'commune_officer', '30301'],
      ['binh', 'Trần Bình', 'giám đốc', ''],
    ]);
    const out = path.join(env.TTTB_DATA_DIR, 'bad-passwords.csv');
    const res = runCli(['user', 'import', file, '--passwords-out', out], env);
    expect(res.status).toBe(2);
    expect(res.stderr.split('\n')).toEqual([
      'Lỗi [IMPORT_ROWS_INVALID]: Danh sách tài khoản có dòng không hợp lệ, chưa tạo tài khoản nào: 3 lỗi ở 3 dòng',
      '  dòng 2, ô A2 (Tên đăng nhập): Tên đăng nhập "an.nguyen" có ở nhiều dòng: 2, 3.',
      '  dòng 3, ô A3 (Tên đăng nhập): Tên đăng nhập "an.nguyen" có ở nhiều dòng: 2, 3.',
      expect.stringMatching(/^ {2}dòng 4, ô C4 \(Vai trò\): Không có vai trò "giám đốc": dùng mã hoặc tên vai trò: province_admin/) as unknown,
      '',
    ]);
    expect(users(env)).toEqual([]);
    expect(fs.existsSync(out)).toBe(false);

    const notExcel = path.join(env.TTTB_DATA_DIR, 'list.xlsx');
    fs.writeFileSync(notExcel, 'Tên đăng nhập;Họ và tên\n');
    const refused = runCli(['user', 'import', notExcel], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^Lỗi \[IMPORT_FILE_INVALID\]: .*không phải tệp Excel \.xlsx/);
  }, SLOW);

  it('creates them all, writing their one-time passwords to a new CSV only its owner reads, never over an existing one', async () => {
    const rows = Array.from({ length: 102 }, (_, i) => [`canbo.${i}`, `=Cán Bộ Số ${i}`, 'commune_officer', i % 2 ? 30292 : '30292; 30301']);
    const file = await sheet('good.xlsx', rows);
    const res = runCli(['user', 'import', file], env);
    expect(res.status, res.stderr).toBe(0);
    const answer = json(res.stdout) as { created: number; passwordsFile: string };
    expect(answer.created).toBe(102);
    expect(answer.passwordsFile).toMatch(new RegExp(`^${env.TTTB_DATA_DIR}/passwords-\\d{8}T\\d{6}Z\\.csv$`));
    expect(res.stdout).not.toMatch(/initialPassword|"password"/);

    expect(fs.statSync(answer.passwordsFile).mode & 0o777).toBe(0o600);
    const bytes = fs.readFileSync(answer.passwordsFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse<Record<string, string>>(bytes.subarray(3), { columns: true });
    expect(Object.keys(records[0]!)).toEqual(['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Phạm vi', 'Mật khẩu một lần']);
    expect(records).toHaveLength(102);
    // A name beginning with "=" stays text when Excel opens the file.
    expect(records[1]).toMatchObject({ 'Tên đăng nhập': 'canbo.1', 'Họ và tên': "'=Cán Bộ Số 1", 'Vai trò': 'Cán bộ xã, phường', 'Phạm vi': '30292' });
    expect(records[0]!['Phạm vi']).toBe('30292, 30301');
    expect(new Set(records.map((r) => r['Mật khẩu một lần'])).size).toBe(102);
    expect(users(env)).toHaveLength(102);

    const again = runCli(['user', 'import', file, '--passwords-out', answer.passwordsFile], env);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^Lỗi \[FILE_EXISTS\]/);
    expect(fs.readFileSync(answer.passwordsFile)).toEqual(bytes);
  }, SLOW);
});

describe('tttb token …', () => {
  it('prints a token once, lists it without it, and revokes it at once', () => {
    const env = dataDir();
    const created = runCli(['token', 'create', '--name', 'viettel-core', '--role', 'carrier_system', '--carrier', 'viettel'], env);
    expect(created.status).toBe(0);
    const { token } = json(created.stdout) as { token: string };
    expect(token).toMatch(/^tttb_[\w-]{43}$/);

    const listed = runCli(['token', 'list'], env);
    expect(json(listed.stdout)['tokens']).toEqual([expect.objectContaining({ name: 'viettel-core', role: 'carrier_system', revokedAt: null, createdBy: expect.stringMatching(/^cli:/) as unknown })]);
    expect(listed.stdout).not.toContain(token);

    expect(json(runCli(['token', 'revoke', 'viettel-core'], env).stdout)).toEqual({ name: 'viettel-core', revoked: true });
    expect(json(runCli(['token', 'list'], env).stdout)['tokens']).toEqual([expect.objectContaining({ revokedAt: expect.any(String) as unknown })]);
    const twice = runCli(['token', 'revoke', 'viettel-core'], env);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/^Lỗi \[TOKEN_NOT_FOUND\]/);
  }, SLOW);
});

describe('the demo’s accounts (npm start)', () => {
  /** Starts `tttb serve --demo` until its log says where the demo's accounts are, then stops it. */
  async function startOnce(env: Record<string, string>): Promise<string> {
    const child = spawnCli(['serve', '--demo'], { ...env, TTTB_PORT: String(await freePort()), TTTB_HOST: '127.0.0.1', TTTB_DEMO_LINES: '300', TTTB_SMSC_SIMULATOR_PORT: '0' });
    let log = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line about the demo's accounts in time:\n${log}`)), 90_000);
        const read = (d: Buffer) => {
          log += d.toString();
          if (/tài khoản demo[^"]*demo-users\.json/.test(log)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
      });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    return log;
  }

  it('are written once to demo-users.json on the first start, named in the log at every start, never made twice', async () => {
    const env = dataDir();
    const file = path.join(env.TTTB_DATA_DIR, 'demo-users.json');
    expect(await startOnce(env)).toContain(`đã tạo tài khoản demo (mật khẩu, mã xác thực hai lớp, khoá API): xem ${file}`);
    const first = fs.readFileSync(file, 'utf8');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const demo = JSON.parse(first) as { users: { username: string; password: string; totpSecret: string | null }[]; tokens: unknown[] };
    expect(demo.users).toHaveLength(5);
    expect(demo.tokens).toHaveLength(3);

    expect(await startOnce(env)).toContain(`tài khoản demo: xem ${file}`);
    expect(fs.readFileSync(file, 'utf8')).toBe(first);
    expect(users(env)).toHaveLength(5);

    const totp = runCli(['demo', 'totp', 'quantri.tinh'], env);
    expect(totp.status).toBe(0);
    // The demo's clock stands in April; the code is the one an authenticator app shows now, by real time.
    const secret = demo.users.find((u) => u.username === 'quantri.tinh')!.totpSecret!;
    expect([totpCode(secret, 'quantri.tinh', -1), totpCode(secret, 'quantri.tinh')]).toContain((json(totp.stdout) as { code: string }).code);
    const noSecondFactor = runCli(['demo', 'totp', 'theodoi.tinh'], env);
    expect(noSecondFactor.status).toBe(2);
    expect(noSecondFactor.stderr).toMatch(/^Lỗi \[TOTP_NOT_ENABLED\]/);
  }, SLOW);

  it('tttb demo totp refuses a production database', () => {
    const env = dataDir();
    expect(users(env)).toEqual([]); // the first command creates the database: production
    const res = runCli(['demo', 'totp', 'quantri'], env);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/^Lỗi \[DEMO_ONLY\]/);
  }, SLOW);
});
