/**
 * The demo's accounts: one person per role and one API token per machine role, made when a demo
 * is generated into a database that has none, and written once to `<data dir>/demo-users.json`
 * (mode 0600) so whoever tries the demo signs in at once: the passwords need no change, and the
 * roles that need a second factor have it set up (`tttb demo totp USERNAME` prints the code).
 * A production database has no default account: its first admin is made with `tttb user add`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createToken, createUsers, hasAnyAccount, type ChangeContext } from '../access/index.ts';
import type { Database } from '../db/open.ts';
import { ROLE_NAMES_VI, type MachineRole, type PersonRole, type ScopeEntry } from '../domain/index.ts';
import { busiestCommunes } from './demo-access.repository.ts';

const FILE_NAME = 'demo-users.json';

/** Where the demo's accounts are written: in the data directory, beside the SQLite file. */
export function demoUsersFilePath(dataDir: string): string {
  return path.resolve(dataDir, FILE_NAME);
}

interface DemoPerson {
  username: string;
  displayName: string;
  role: PersonRole;
}

const PEOPLE: readonly DemoPerson[] = [
  { username: 'quantri.tinh', displayName: 'Nguyễn Thị Thu Hà', role: 'province_admin' },
  { username: 'theodoi.tinh', displayName: 'Trần Văn Minh', role: 'province_viewer' },
  { username: 'canbo.xa', displayName: 'Lê Thị Hồng Nhung', role: 'commune_officer' },
  { username: 'nhanvien.viettel', displayName: 'Phạm Quốc Bảo', role: 'carrier_operator' },
  { username: 'kiemsoat', displayName: 'Võ Thanh Tâm', role: 'auditor' },
];

const TOKENS: readonly { name: string; role: MachineRole; scopes: ScopeEntry[] }[] = [
  { name: 'demo-viettel', role: 'carrier_system', scopes: [{ kind: 'carrier', value: 'viettel' }] },
  { name: 'demo-vneid', role: 'vneid_integration', scopes: [] },
  { name: 'demo-viettel-ca', role: 'ca_provider', scopes: [{ kind: 'provider', value: 'viettel-ca' }] },
];

const OFFICER_COMMUNES = 2;

const NOTE = [
  'Tài khoản của bản demo: đăng nhập bằng tên đăng nhập và mật khẩu dưới đây, không cần đổi mật khẩu.',
  'Quản trị cấp tỉnh và kiểm soát nhật ký cần thêm mã xác thực hai lớp (6 số): `npx tttb demo totp quantri.tinh` in mã hiện tại.',
  'Mọi ứng dụng xác thực (Google Authenticator, Microsoft Authenticator …) cũng dùng được với totpSecret: mã theo giờ thật, không theo đồng hồ của bản demo.',
  'Khoá API (tokens) gửi trong tiêu đề Authorization: Bearer <token>. Tệp chỉ ghi một lần, khi tạo bản demo: giữ kín.',
].join(' ');

/** What the start says about the demo's accounts. */
export interface DemoAccess {
  file: string;
  /** Made now (a new demo), rather than found from an earlier start. */
  created: boolean;
  /** The file is there (it may have been deleted since the accounts were made). */
  fileExists: boolean;
}

/**
 * Makes the demo's accounts and writes their file, when the database has no account or token yet
 * (a new demo, or one `demo generate --replace` cleared); otherwise changes nothing.
 */
export async function setUpDemoAccess(db: Database, dataDir: string, now: Date): Promise<DemoAccess> {
  const file = demoUsersFilePath(dataDir);
  if (await hasAnyAccount(db.kysely)) return { file, created: false, fileExists: fs.existsSync(file) };
  const context: ChangeContext = { actor: 'demo', now };
  const communes = await busiestCommunes(db.kysely, OFFICER_COMMUNES);
  const communeNames = new Map(communes.map((c) => [c.code, c.name]));
  const scopesOf = (role: PersonRole): ScopeEntry[] => {
    if (role === 'commune_officer') return communes.map((c) => ({ kind: 'commune', value: c.code }));
    return role === 'carrier_operator' ? [{ kind: 'carrier', value: 'viettel' }] : [];
  };
  const users = await createUsers(db, PEOPLE.map((p) => ({ ...p, scopes: scopesOf(p.role) })), context, { readyToUse: true });
  const tokens = [];
  for (const token of TOKENS) tokens.push({ ...token, token: (await createToken(db, token, context)).token });

  const described = (scopes: readonly ScopeEntry[]) => scopes.map((s) => ({ ...s, ...(communeNames.has(s.value) ? { name: communeNames.get(s.value) } : {}) }));
  const content = {
    note: NOTE,
    createdAt: now.toISOString(),
    users: users.map(({ user, initialPassword, totpSecret }) => ({
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      roleName: user.roleName,
      scopes: described(user.scopes),
      password: initialPassword,
      ...(totpSecret === null ? {} : { totpSecret }),
    })),
    tokens: tokens.map((t) => ({ name: t.name, role: t.role, roleName: ROLE_NAMES_VI[t.role], scopes: t.scopes, token: t.token })),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600); // the mode applies only when the file is created: an earlier demo's file is replaced
  return { file, created: true, fileExists: true };
}
