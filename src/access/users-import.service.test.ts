import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { AppError } from '../errors.ts';
import { seedReferenceData } from '../registry/index.ts';
import { checkTotp, totpCode } from './totp.ts';
import { importUsers } from './users-import.service.ts';
import { OFFICERS_HEADER, writeSheet } from './users-import.testing.ts';
import { createUser, createUsers, currentTotpCode, listUsers } from './users.service.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const context = { actor: 'cli:test', now: new Date('2026-04-28T01:00:00.000Z') };

async function refused(run: Promise<unknown>): Promise<AppError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describeEachDatabase('importing officers from a sheet', ({ db }) => {
  const count = async () => (await listUsers(db())).length;
  const audits = () => db().kysely.selectFrom('audit_log').select(['actor', 'action', 'subject_id']).where('action', '=', 'user.create').execute();

  beforeAll(async () => {
    await seedReferenceData(db());
    await createUser(db(), { username: 'da.co', displayName: 'Đã Có', role: 'auditor', scopes: [] }, context);
  });

  it('creates nothing while a row is wrong, and reports every bad row with its cell and column', async () => {
    const file = await writeSheet(path.join(dir, 'bad.xlsx'), [
      OFFICERS_HEADER,
      ['an.nguyen', 'Nguyễn Văn An', 'commune_officer', 30292],
      ['da.co', 'Trùng Tên', 'auditor', ''],
      ['binh', 'Trần Bình', 'Cán bộ xã, phường', '30292; 12345'],
      ['an.nguyen', 'Lại An', 'auditor', ''],
    ]);
    const before = await count();
    const error = await refused(importUsers(db(), file, context));
    expect(error.code).toBe('IMPORT_ROWS_INVALID');
    expect(error.detail).toBe('4 lỗi ở 4 dòng');
    expect(error.extra?.['errors']).toEqual([
      { row: 2, cell: 'A2', column: 'Tên đăng nhập', message: 'Tên đăng nhập "an.nguyen" có ở nhiều dòng: 2, 5.' },
      { row: 3, cell: 'A3', column: 'Tên đăng nhập', message: 'Tên đăng nhập "da.co" đã có trong hệ thống.' },
      { row: 4, cell: 'D4', column: 'Phạm vi', message: 'Không có xã, phường mã 12345.' },
      { row: 5, cell: 'A5', column: 'Tên đăng nhập', message: 'Tên đăng nhập "an.nguyen" có ở nhiều dòng: 2, 5.' },
    ]);
    expect(await count()).toBe(before);
  });

  it('creates every account of a good sheet in one go, each with its own one-time password, audited', async () => {
    const rows = Array.from({ length: 102 }, (_, i) => [`canbo.${i}`, `Cán Bộ ${i}`, i % 2 ? 'commune_officer' : 'Cán bộ xã, phường', i % 3 ? 30292 : '30292, 30301']);
    const file = await writeSheet(path.join(dir, 'good.xlsx'), [['Danh sách cán bộ'], OFFICERS_HEADER, ...rows]);
    const before = await count();
    const imported = await importUsers(db(), file, context);
    expect(imported).toHaveLength(102);
    expect(imported[0]).toMatchObject({ row: 3, user: { username: 'canbo.0', role: 'commune_officer', mustChangePassword: true, scopes: [{ kind: 'commune', value: '30292' }, { kind: 'commune', value: '30301' }] } });
    expect(new Set(imported.map((u) => u.initialPassword)).size).toBe(102);
    expect(await count()).toBe(before + 102);
    expect((await audits()).filter((a) => a.actor === 'cli:test')).toHaveLength(before + 102);
  });

  it('hands the accounts over before they are committed, and makes none when keeping them fails', async () => {
    const file = await writeSheet(path.join(dir, 'kept.xlsx'), [OFFICERS_HEADER, ['giu.1', 'Giữ Một', 'auditor', ''], ['giu.2', 'Giữ Hai', 'auditor', '']]);
    const before = await count();
    const kept: string[] = [];
    const imported = await importUsers(db(), file, context, { beforeCommit: (made) => void kept.push(...made.map((u) => `${u.row}:${u.user.username}:${u.initialPassword}`)) });
    expect(kept).toEqual(imported.map((u) => `${u.row}:${u.user.username}:${u.initialPassword}`));

    const again = await writeSheet(path.join(dir, 'disk-full.xlsx'), [OFFICERS_HEADER, ['giu.3', 'Giữ Ba', 'auditor', '']]);
    const diskFull = () => {
      throw new AppError('FILE_NOT_WRITABLE', 'ENOSPC');
    };
    expect((await refused(importUsers(db(), again, context, { beforeCommit: diskFull }))).code).toBe('FILE_NOT_WRITABLE');
    expect(await count()).toBe(before + 2);
  });

  it('refuses a batch with a username twice or taken, before writing anything', async () => {
    const before = await count();
    const twice = [1, 2].map(() => ({ username: 'hai.lan', displayName: 'Hai Lần', role: 'auditor' as const, scopes: [] }));
    expect((await refused(createUsers(db(), twice, context))).code).toBe('USER_EXISTS');
    const taken = [{ username: 'moi', displayName: 'Mới', role: 'auditor' as const, scopes: [] }, { username: 'da.co', displayName: 'Đã Có', role: 'auditor' as const, scopes: [] }];
    expect((await refused(createUsers(db(), taken, context))).detail).toBe('da.co');
    expect(await count()).toBe(before);
  });

  it('makes accounts ready to use (the demo’s): no password change, the second factor on where the role needs it', async () => {
    const [admin, viewer] = await createUsers(
      db(),
      [
        { username: 'demo.admin', displayName: 'Quản Trị', role: 'province_admin', scopes: [] },
        { username: 'demo.viewer', displayName: 'Theo Dõi', role: 'province_viewer', scopes: [] },
      ],
      context,
      { readyToUse: true },
    );
    expect(admin).toMatchObject({ user: { mustChangePassword: false, totpEnabled: true }, totpSecret: expect.stringMatching(/^[A-Z2-7]{32}$/) as unknown });
    expect(viewer).toMatchObject({ user: { mustChangePassword: false, totpEnabled: false }, totpSecret: null });

    // The demo's clock stands in April: the code is still the one of real time, as the phone's app shows.
    const demo = { mode: 'demo' as const };
    const code = await currentTotpCode(db(), demo, 'demo.admin');
    expect(code).toMatchObject({ username: 'demo.admin', code: totpCode(admin!.totpSecret!, 'demo.admin') });
    expect(code.validForSeconds).toBeGreaterThan(0);
    expect(checkTotp(admin!.totpSecret!, 'demo.admin', code.code)).toBe(true);
    expect((await refused(currentTotpCode(db(), demo, 'demo.viewer'))).code).toBe('TOTP_NOT_ENABLED');
    expect((await refused(currentTotpCode(db(), { mode: 'production' }, 'demo.admin'))).code).toBe('DEMO_ONLY');
  });
});
