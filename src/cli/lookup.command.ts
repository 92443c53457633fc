import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase, type Database } from '../db/open.ts';
import { printJson } from './output.ts';
import { lookupLine, lookupPerson, type LookupAnswer } from '../registry/index.ts';

interface LookupCliOptions {
  reveal: boolean;
  actor?: string;
}

async function withDatabase(run: (db: Database) => Promise<LookupAnswer>): Promise<void> {
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    await migrateToLatest(db);
    printJson(await run(db));
  } finally {
    await db.close();
  }
}

/** `tttb lookup line|person`: one JSON object, masked unless `--reveal --actor NAME` (audit-logged). */
export function lookupCommand(): Command {
  const lookup = new Command('lookup').description('tra cứu thuê bao (dữ liệu cá nhân được che, trừ khi --reveal)');
  const revealOptions = (command: Command) =>
    command
      .option('--reveal', 'hiện dữ liệu cá nhân (ghi nhật ký kiểm toán)', false)
      .option('--actor <name>', 'người xem, bắt buộc khi --reveal');
  revealOptions(lookup.command('line').description('một thuê bao theo số điện thoại').argument('<number>')).action(
    (number: string, opts: LookupCliOptions) => withDatabase((db) => lookupLine(db, number, opts)),
  );
  revealOptions(lookup.command('person').description('các thuê bao đăng ký với một số giấy tờ').argument('<document>')).action(
    (document: string, opts: LookupCliOptions) => withDatabase((db) => lookupPerson(db, document, opts)),
  );
  return lookup;
}
