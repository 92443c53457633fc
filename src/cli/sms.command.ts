import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { countInboundByCarrier, PHONES_SYSTEM_ID, PhoneClient, readSimulatorFile, simulatorFilePath } from '../messaging/index.ts';
import { EXIT, printJson, reportFailure } from './output.ts';
import { positiveInteger } from './options.ts';

/** Where the simulator is: `--smsc` and `--password`, else the running demo's simulator file. */
interface SimulatorOptions {
  smsc?: { host: string; port: number };
  password?: string;
}

interface SendOptions extends SimulatorOptions {
  from: string;
  to?: string;
  timeout: number;
}

interface InboxOptions extends SimulatorOptions {
  number: string;
}

function hostPort(value: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[2]);
  if (!match?.[1] || port < 1 || port > 65535) throw new InvalidArgumentError(`cần dạng host:port, nhận được "${value}"`);
  return { host: match[1], port };
}

/**
 * `tttb sms send --from 0912345678 --to 1414 "TTTB"`: plays a phone against the SMSC simulator of a
 * running `tttb serve --demo` (found through `<data dir>/smsc-simulator.json`, or `--smsc` and
 * `--password`), prints the reply. Exit 2 when no simulator runs, 1 when no reply comes in time.
 * `tttb sms inbox --number 0912345678`: the texts the simulator delivered to that handset.
 * `tttb sms stats`: messages stored per carrier, and how many of them were unreadable.
 */
export function smsCommand(): Command {
  const sms = new Command('sms').description('nhắn tin thử qua SMSC mô phỏng của dịch vụ (đóng vai một máy điện thoại)');
  simulatorOptions(sms.command('send'))
    .description('gửi một tin nhắn từ một số điện thoại và in tin trả lời (JSON)')
    .requiredOption('--from <msisdn>', 'số điện thoại gửi, ví dụ 0912345678')
    .option('--to <address>', 'đầu số nhận (mặc định TTTB_SMS_SHORT_CODE, 1414)')
    .option('--timeout <seconds>', 'thời gian chờ tin trả lời (giây)', positiveInteger, 10)
    .argument('<text>', 'nội dung tin nhắn')
    .action((text: string, opts: SendOptions) => run(() => send(text, opts)));
  simulatorOptions(sms.command('inbox'))
    .description('in các tin (tối đa 20 tin gần nhất) SMSC mô phỏng đã giao tới một số, ví dụ mã xác thực của trang tự kiểm tra (JSON)')
    .requiredOption('--number <msisdn>', 'số điện thoại nhận, ví dụ 0912345678')
    .action((opts: InboxOptions) => run(() => inbox(opts)));
  sms
    .command('stats')
    .description('số tin nhắn đến đầu số đã lưu theo nhà mạng, và bao nhiêu tin không đọc được (JSON)')
    .action(() => run(stats));
  return sms;
}

/** `--smsc` and `--password`: a simulator other than the running demo's. */
function simulatorOptions(command: Command): Command {
  return command
    .option('--smsc <host:port>', 'địa chỉ SMSC (mặc định: đọc từ smsc-simulator.json trong thư mục dữ liệu)', hostPort)
    .option('--password <password>', `mật khẩu tài khoản ${PHONES_SYSTEM_ID} (cùng --smsc)`);
}

/** Prints what `work` returns; exit 2 for a set-up problem (no simulator, a refused account), else 1 on failure. */
async function run(work: () => Promise<unknown>): Promise<void> {
  try {
    printJson(await work());
    process.exitCode = EXIT.ok;
  } catch (error) {
    const code = reportFailure(error, loadConfig().debug);
    const setUp = error instanceof AppError && (error.code === 'SMSC_NOT_RUNNING' || error.code === 'SMSC_BIND_REFUSED');
    process.exitCode = setUp ? EXIT.usage : code;
  }
}

/** The simulator's address and the phones password, from the options or the demo's simulator file. */
function simulatorTarget(opts: SimulatorOptions): { host: string; port: number; password: string } {
  const { dataDir } = loadConfig();
  const target = opts.smsc ? { ...opts.smsc, password: opts.password } : readSimulatorFile(dataDir);
  if (!target) {
    throw new AppError(
      'SMSC_NOT_RUNNING',
      `không thấy ${simulatorFilePath(dataDir)} — hãy chạy "npm start" (tttb serve --demo) với cùng TTTB_DATA_DIR, hoặc cho --smsc và --password`,
    );
  }
  const password = 'phonesPassword' in target ? target.phonesPassword : target.password;
  if (password === undefined) throw new AppError('VALIDATION_FAILED', 'cần --password cùng với --smsc');
  return { host: target.host, port: target.port, password };
}

async function stats() {
  const db = openDatabase(loadConfig().databaseUrl);
  try {
    await migrateToLatest(db);
    return { carriers: await countInboundByCarrier(db.kysely) };
  } finally {
    await db.close();
  }
}

async function inbox(opts: InboxOptions) {
  const texts = await PhoneClient.readInbox(simulatorTarget(opts), opts.number);
  return { number: opts.number, texts };
}

async function send(text: string, opts: SendOptions) {
  const to = opts.to ?? loadConfig().sms.shortCode;
  const phone = await PhoneClient.connect(simulatorTarget(opts));
  try {
    const reply = await phone.exchange(opts.from, to, text, { timeoutMs: opts.timeout * 1000 });
    return { from: opts.from, to, text, reply: reply.text, parts: reply.parts };
  } finally {
    await phone.close();
  }
}
