import { Command } from 'commander';
import { printJson } from './output.ts';
import { withDatabase, type CommandContext } from './database.ts';
import { lookupLine, lookupPerson, type LookupAnswer } from '../registry/index.ts';

interface LookupCliOptions {
  reveal: boolean;
  actor?: string;
}

async function printLookup(run: (context: CommandContext) => Promise<LookupAnswer>): Promise<void> {
  printJson(await withDatabase(run));
}

/** `tttb lookup line|person`: one JSON object, masked unless `--reveal --actor NAME` (audit-logged). */
export function lookupCommand(): Command {
  const lookup = new Command('lookup').description('tra cứu thuê bao (dữ liệu cá nhân được che, trừ khi --reveal)');
  const revealOptions = (command: Command) =>
    command
      .option('--reveal', 'hiện dữ liệu cá nhân (ghi nhật ký kiểm toán)', false)
      .option('--actor <name>', 'người xem, bắt buộc khi --reveal');
  revealOptions(lookup.command('line').description('một thuê bao theo số điện thoại').argument('<number>')).action(
    (number: string, opts: LookupCliOptions) => printLookup(({ db, deployment }) => lookupLine(db, number, { ...opts, now: () => deployment.clock.now() })),
  );
  revealOptions(lookup.command('person').description('các thuê bao đăng ký với một số giấy tờ').argument('<document>')).action(
    (document: string, opts: LookupCliOptions) => printLookup(({ db, deployment }) => lookupPerson(db, document, { ...opts, now: () => deployment.clock.now() })),
  );
  return lookup;
}
