import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { PHONES_SYSTEM_ID, PhoneClient, readSimulatorFile, simulatorFilePath } from '../messaging/index.ts';
import { EXIT, printJson, reportFailure } from './output.ts';
import { positiveInteger } from './options.ts';

interface SendOptions {
  from: string;
  to?: string;
  smsc?: { host: string; port: number };
  password?: string;
  timeout: number;
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
 */
export function smsCommand(): Command {
  const sms = new Command('sms').description('nhắn tin thử qua SMSC mô phỏng của dịch vụ (đóng vai một máy điện thoại)');
  sms
    .command('send')
    .description('gửi một tin nhắn từ một số điện thoại và in tin trả lời (JSON)')
    .requiredOption('--from <msisdn>', 'số điện thoại gửi, ví dụ 0912345678')
    .option('--to <address>', 'đầu số nhận (mặc định TTTB_SMS_SHORT_CODE, 1414)')
    .option('--smsc <host:port>', 'địa chỉ SMSC (mặc định: đọc từ smsc-simulator.json trong thư mục dữ liệu)', hostPort)
    .option('--password <password>', `mật khẩu tài khoản ${PHONES_SYSTEM_ID} (cùng --smsc)`)
    .option('--timeout <seconds>', 'thời gian chờ tin trả lời (giây)', positiveInteger, 10)
    .argument('<text>', 'nội dung tin nhắn')
    .action(async (text: string, opts: SendOptions) => {
      try {
        printJson(await send(text, opts));
        process.exitCode = EXIT.ok;
      } catch (error) {
        const code = reportFailure(error, loadConfig().debug);
        // No simulator or a refused account is a set-up problem (2); a missing reply a failure (1).
        const setUp = error instanceof AppError && (error.code === 'SMSC_NOT_RUNNING' || error.code === 'SMSC_BIND_REFUSED');
        process.exitCode = setUp ? EXIT.usage : code;
      }
    });
  return sms;
}

async function send(text: string, opts: SendOptions) {
  const config = loadConfig();
  const target = opts.smsc ? { ...opts.smsc, password: opts.password } : readSimulatorFile(config.dataDir);
  if (!target) {
    throw new AppError(
      'SMSC_NOT_RUNNING',
      `không thấy ${simulatorFilePath(config.dataDir)} — hãy chạy "npm start" (tttb serve --demo) với cùng TTTB_DATA_DIR, hoặc cho --smsc và --password`,
    );
  }
  const password = 'phonesPassword' in target ? target.phonesPassword : target.password;
  if (password === undefined) throw new AppError('VALIDATION_FAILED', 'cần --password cùng với --smsc');
  const to = opts.to ?? config.sms.shortCode;
  const phone = await PhoneClient.connect({ host: target.host, port: target.port, password });
  try {
    const reply = await phone.exchange(opts.from, to, text, { timeoutMs: opts.timeout * 1000 });
    return { from: opts.from, to, text, reply: reply.text, parts: reply.parts };
  } finally {
    await phone.close();
  }
}
