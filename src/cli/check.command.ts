import { Command, Option } from 'commander';
import { loadReferenceData } from '../reference/index.ts';
import { checkDate, checkId, checkName, checkPhone, checkSms } from '../checks/index.ts';
import { EXIT, printJson } from './output.ts';

function answer(result: object): void {
  printJson(result);
  process.exitCode = 'valid' in result && result.valid === false ? EXIT.invalid : EXIT.ok;
}

/** `tttb check id|phone|name|date|sms`: one JSON object each; exit 1 when the input is invalid. */
export function checkCommand(): Command {
  const check = new Command('check').description('kiểm tra một giá trị theo quy tắc nghiệp vụ (in một đối tượng JSON)');
  check
    .command('id')
    .description('số định danh cá nhân 12 số hoặc CMND 9 số')
    .argument('<number>')
    .option('--birth-date <date>', 'ngày sinh để đối chiếu (YYYY-MM-DD, dd/mm/yyyy, yyyy)')
    .addOption(new Option('--sex <sex>', 'giới tính để đối chiếu').choices(['male', 'female']))
    .action((number: string, opts: { birthDate?: string; sex?: 'male' | 'female' }) =>
      answer(checkId(loadReferenceData(), number, opts)),
    );
  check
    .command('phone')
    .description('số điện thoại di động → dạng 10 số và nhà mạng')
    .argument('<number>')
    .action((number: string) => answer(checkPhone(loadReferenceData(), number)));
  check
    .command('name')
    .description('so sánh hai họ tên')
    .argument('<a>')
    .argument('<b>')
    .action((a: string, b: string) => answer(checkName(a, b)));
  check
    .command('date')
    .description('đọc ngày sinh (dd/mm/yyyy, d/m/yyyy, mm/yyyy, yyyy-mm-dd, yyyy)')
    .argument('<text>')
    .action((text: string) => answer(checkDate(text)));
  check
    .command('sms')
    .description('bảng mã, số ký tự và số phần của một tin nhắn')
    .argument('<text>')
    .action((text: string) => answer(checkSms(text)));
  return check;
}
