import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentTotpCode, DEFAULT_ACCESS_SETTINGS, listTokens, listUsers, signIn } from '../access/index.ts';
import { openDemoDeployment } from '../clock/index.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { generateDemo, setUpDemoAccess } from './index.ts';

interface DemoFile {
  note: string;
  users: { username: string; role: string; scopes: { kind: string; value: string; name?: string }[]; password: string; totpSecret?: string }[];
  tokens: { name: string; role: string; token: string }[];
}

describeEachDatabase('the demo’s accounts', ({ db }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-demo-access-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  let file: string;
  let content: DemoFile;

  beforeAll(async () => {
    await generateDemo(db(), { lines: 400, seed: 2026 });
    const access = await setUpDemoAccess(db(), dataDir, (await openDemoDeployment(db())).clock.now());
    expect(access).toMatchObject({ created: true, fileExists: true });
    file = access.file;
    content = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoFile;
  });

  it('makes one person per role and one token per machine role, written to a file only its owner reads', async () => {
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(path.dirname(file)).toBe(path.resolve(dataDir));
    expect(content.users.map((u) => u.role)).toEqual(['province_admin', 'province_viewer', 'commune_officer', 'carrier_operator', 'auditor']);
    expect(content.tokens.map((t) => t.role)).toEqual(['carrier_system', 'vneid_integration', 'ca_provider']);
    expect(content.users.filter((u) => u.totpSecret).map((u) => u.role)).toEqual(['province_admin', 'auditor']);
    expect(content.note).toContain('tttb demo totp');

    const officer = content.users.find((u) => u.role === 'commune_officer')!;
    expect(officer.scopes).toHaveLength(2);
    for (const scope of officer.scopes) {
      const lines = await db().kysely.selectFrom('subscribers').select((eb) => eb.fn.countAll<number>().as('n')).where('commune_code', '=', scope.value).executeTakeFirstOrThrow();
      expect(Number(lines.n)).toBeGreaterThan(0);
      expect(scope.name).toMatch(/^(Xã|Phường|Đặc khu) /);
    }
    expect(content.users.find((u) => u.role === 'carrier_operator')!.scopes).toEqual([{ kind: 'carrier', value: 'viettel' }]);
    expect((await listUsers(db())).every((u) => !u.mustChangePassword)).toBe(true);
  });

  it('signs the admin in straight away with the password and the code `tttb demo totp` prints', async () => {
    const admin = content.users.find((u) => u.role === 'province_admin')!;
    const deployment = await openDemoDeployment(db());
    const { code } = await currentTotpCode(db(), deployment, admin.username);
    const context = { client: '127.0.0.1', requestId: 'test', now: deployment.clock.now(), settings: DEFAULT_ACCESS_SETTINGS };
    const signedIn = await signIn(db(), { username: admin.username, password: admin.password, totp: code }, context);
    expect(signedIn.principal).toMatchObject({ role: 'province_admin', mustChangePassword: false, totpEnabled: true });
    expect(signedIn.principal.actions).toContain('users.manage');
  });

  it('a second start changes nothing: no account added, the file not written again', async () => {
    const before = { text: fs.readFileSync(file, 'utf8'), mtime: fs.statSync(file).mtimeMs, users: (await listUsers(db())).length, tokens: (await listTokens(db())).length };
    const again = await setUpDemoAccess(db(), dataDir, new Date());
    expect(again).toEqual({ file, created: false, fileExists: true });
    expect(fs.readFileSync(file, 'utf8')).toBe(before.text);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtime);
    expect((await listUsers(db())).length).toBe(before.users);
    expect((await listTokens(db())).length).toBe(before.tokens);
  });
});
