import { Command } from 'commander';
import { EXIT, printJson } from './output.ts';
import { withDatabase } from './database.ts';
import { verifyFigures } from '../figures/index.ts';

/**
 * `tttb kpi verify` recounts the live figures from the registry (a full read: an operator's check)
 * and prints every figure whose stored value differs, with both values; exit 1 when any does.
 */
export function kpiCommand(): Command {
  const kpi = new Command('kpi').description('số liệu trực tiếp của chiến dịch');
  kpi
    .command('verify')
    .description('đếm lại số liệu từ sổ thuê bao và in mọi chỗ khác với số đã lưu (mã thoát 1 nếu có)')
    .action(async () => {
      const started = performance.now();
      const differences = await withDatabase(({ db }) => verifyFigures(db.kysely));
      printJson({ equal: differences.length === 0, differences, seconds: Math.round(performance.now() - started) / 1000 });
      if (differences.length > 0) process.exitCode = EXIT.invalid;
    });
  return kpi;
}
