import { Command } from 'commander';
import { createToken, listTokens, revokeToken } from '../access/index.ts';
import { MACHINE_ROLES, ROLE_NAMES_VI, type MachineRole, type ScopeEntry } from '../domain/index.ts';
import { cliChange } from './actor.ts';
import { withDatabase } from './database.ts';
import { oneOf } from './options.ts';
import { printJson } from './output.ts';

interface CreateOptions {
  name: string;
  role: MachineRole;
  carrier?: string;
  provider?: string;
}

/**
 * `tttb token create|list|revoke`: API tokens of machine clients (carrier systems, VNeID, CA
 * providers). A token is printed once, stored only as its hash, and revoked at once.
 */
export function tokenCommand(): Command {
  const token = new Command('token').description('khoá API cho hệ thống máy (nhà mạng, VNeID, tổ chức chữ ký số)');
  token
    .command('create')
    .description('tạo một khoá API; in khoá một lần (JSON)')
    .requiredOption('--name <name>', 'tên khoá: chữ thường không dấu, số, . - _')
    .requiredOption('--role <role>', `vai trò: ${MACHINE_ROLES.join(', ')}`, oneOf(MACHINE_ROLES))
    .option('--carrier <carrier>', 'nhà mạng (carrier_system), ví dụ viettel')
    .option('--provider <provider>', 'tổ chức cung cấp dịch vụ chứng thực chữ ký số (ca_provider), ví dụ viettel-ca')
    .action((opts: CreateOptions) =>
      withDatabase(async (context) => {
        const scopes: ScopeEntry[] = [
          ...(opts.carrier ? [{ kind: 'carrier' as const, value: opts.carrier }] : []),
          ...(opts.provider ? [{ kind: 'provider' as const, value: opts.provider }] : []),
        ];
        const made = await createToken(context.db, { name: opts.name, role: opts.role, scopes }, cliChange(context));
        printJson({ ...made, role: opts.role, roleName: ROLE_NAMES_VI[opts.role], note: 'Khoá chỉ hiện lần này: lưu vào hệ thống gọi API, gửi trong tiêu đề Authorization: Bearer <khoá>.' });
      }),
    );
  token
    .command('list')
    .description('mọi khoá API (JSON; không có khoá, chỉ tên, vai trò, phạm vi, lần dùng cuối)')
    .action(() => withDatabase(async ({ db }) => printJson({ tokens: await listTokens(db) })));
  token
    .command('revoke')
    .description('thu hồi một khoá API ngay lập tức')
    .argument('<name>')
    .action((name: string) =>
      withDatabase(async (context) => {
        await revokeToken(context.db, name, cliChange(context));
        printJson({ name, revoked: true });
      }),
    );
  return token;
}
