import { Command } from 'commander';
import { printJson } from './output.ts';
import { withDatabase, type CommandContext } from './database.ts';
import { cliPrincipal } from './principal.ts';
import { lookupLine, lookupPerson, type LookupAnswer, type LookupOptions } from '../lookup/index.ts';

interface LookupCliOptions {
  reveal: boolean;
  reason?: string;
}

function lookupOptions(context: CommandContext, opts: LookupCliOptions): LookupOptions {
  return { now: () => context.deployment.clock.now(), ...(opts.reveal ? { reveal: { reason: opts.reason } } : {}) };
}

async function printLookup(run: (context: CommandContext) => Promise<LookupAnswer>): Promise<void> {
  printJson(await withDatabase(run));
}

/**
 * `tttb lookup line|person`: one JSON object, masked unless `--reveal --reason TEXT` (audit-logged
 * under `cli:<OS user>`). A command reaches the whole province.
 */
export function lookupCommand(): Command {
  const lookup = new Command('lookup').description('tra cứu thuê bao (dữ liệu cá nhân được che, trừ khi --reveal)');
  const revealOptions = (command: Command) =>
    command
      .option('--reveal', 'hiện thông tin cá nhân (ghi nhật ký truy cập)', false)
      .option('--reason <text>', 'lý do hiện thông tin (5–500 ký tự), bắt buộc khi --reveal');
  revealOptions(lookup.command('line').description('một thuê bao theo số điện thoại').argument('<number>')).action(
    (number: string, opts: LookupCliOptions) => printLookup((context) => lookupLine(context.db, cliPrincipal(), { msisdn: number }, lookupOptions(context, opts))),
  );
  revealOptions(lookup.command('person').description('các thuê bao đăng ký với một số giấy tờ').argument('<document>')).action(
    (document: string, opts: LookupCliOptions) => printLookup((context) => lookupPerson(context.db, cliPrincipal(), document, lookupOptions(context, opts))),
  );
  return lookup;
}
