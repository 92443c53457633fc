import path from 'node:path';
import { Command } from 'commander';
import { createUser, disableUser, importUsers, listUsers, resetPassword, userIdOf } from '../access/index.ts';
import { PERSON_ROLES, type PersonRole, type ScopeEntry } from '../domain/index.ts';
import { seedReferenceData } from '../registry/index.ts';
import { cliChange } from './actor.ts';
import { withDatabase } from './database.ts';
import { oneOf, repeatable } from './options.ts';
import { printJson } from './output.ts';
import { defaultPasswordsFile, reservePasswordsFile } from './passwords-file.ts';

const ONE_TIME = 'Mật khẩu một lần, chỉ hiện lần này: người dùng đổi mật khẩu khi đăng nhập lần đầu.';

interface AddOptions {
  username: string;
  name: string;
  role: PersonRole;
  commune: string[];
  carrier?: string;
}

/**
 * `tttb user add|list|disable|reset-password|import`: people's accounts, made by whoever runs the
 * CLI on the server (the province's authority; audit rows name `cli:<OS user>`). A new or reset
 * password is printed once and must be changed at first sign-in. The first admin of a production
 * database is made this way: there is no default account.
 */
export function userCommand(): Command {
  const user = new Command('user').description('tài khoản người dùng: tạo, xem, khoá, đặt lại mật khẩu, nhập từ tệp Excel');
  user
    .command('add')
    .description('tạo một tài khoản; in mật khẩu một lần (JSON)')
    .requiredOption('--username <username>', 'tên đăng nhập: chữ thường không dấu, số, . - _')
    .requiredOption('--name <name>', 'họ và tên, ví dụ "Nguyễn Văn An"')
    .requiredOption('--role <role>', `vai trò: ${PERSON_ROLES.join(', ')}`, oneOf(PERSON_ROLES))
    .option('--commune <code>', 'mã xã, phường (commune_officer; lặp lại cho nhiều xã)', repeatable, [])
    .option('--carrier <carrier>', 'nhà mạng (carrier_operator), ví dụ viettel')
    .action((opts: AddOptions) =>
      withDatabase(async (context) => {
        await seedReferenceData(context.db); // the communes a scope names, on a database the service has not started yet
        const scopes: ScopeEntry[] = [...opts.commune.map((value) => ({ kind: 'commune' as const, value })), ...(opts.carrier ? [{ kind: 'carrier' as const, value: opts.carrier }] : [])];
        const made = await createUser(context.db, { username: opts.username, displayName: opts.name, role: opts.role, scopes }, cliChange(context));
        printJson({ ...made, note: ONE_TIME });
      }),
    );
  user
    .command('list')
    .description('mọi tài khoản (JSON; không có mật khẩu hay mã bí mật)')
    .action(() => withDatabase(async ({ db }) => printJson({ users: await listUsers(db) })));
  user
    .command('disable')
    .description('khoá một tài khoản và kết thúc các phiên đăng nhập của nó')
    .argument('<username>')
    .action((username: string) =>
      withDatabase(async (context) => printJson({ user: await disableUser(context.db, await userIdOf(context.db, username), cliChange(context)) })),
    );
  user
    .command('reset-password')
    .description('mật khẩu một lần mới (mở lại tài khoản đã khoá, xoá xác thực hai lớp); in ra một lần')
    .argument('<username>')
    .action((username: string) =>
      withDatabase(async (context) => {
        const reset = await resetPassword(context.db, await userIdOf(context.db, username), cliChange(context));
        printJson({ ...reset, note: ONE_TIME });
      }),
    );
  user
    .command('import')
    .description('tạo mọi tài khoản của một tệp Excel (.xlsx), hoặc không tạo tài khoản nào nếu có dòng sai; mật khẩu một lần ghi vào tệp CSV')
    .argument('<file>', 'tệp .xlsx: hàng tiêu đề "Tên đăng nhập", "Họ và tên", "Vai trò", "Phạm vi"')
    .option('--passwords-out <file>', 'tệp CSV ghi mật khẩu một lần (mặc định <TTTB_DATA_DIR>/passwords-<thời điểm>.csv; không ghi đè)')
    .action((file: string, opts: { passwordsOut?: string }) =>
      withDatabase(async (context) => {
        await seedReferenceData(context.db);
        const change = cliChange(context);
        const out = reservePasswordsFile(opts.passwordsOut ? path.resolve(opts.passwordsOut) : defaultPasswordsFile(context.config.dataDir, change.now));
        // The passwords reach the disk before the accounts are committed: a kill between the two
        // leaves passwords of accounts never made (harmless), never accounts nobody has the password of.
        const imported = await importUsers(context.db, file, change, { beforeCommit: (made) => out.write(made) }).catch((error: unknown) => {
          out.discard();
          throw error;
        });
        printJson({
          created: imported.length,
          passwordsFile: out.path,
          note: 'Mật khẩu một lần của từng tài khoản ở trong tệp (chỉ chủ tệp đọc được): giao cho từng người, người dùng đổi mật khẩu khi đăng nhập lần đầu; xoá tệp sau khi giao.',
        });
      }),
    );
  return user;
}
