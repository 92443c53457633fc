import { Command, InvalidArgumentError } from 'commander';
import { printJson } from './output.ts';
import { withDatabase } from './database.ts';
import { requireModeSettings } from '../clock/index.ts';
import { progressBar } from './progress.ts';
import { MAX_BATCH_SIZE, nationalIdServiceFor } from '../verification/national-id/index.ts';
import { DEFAULT_RECONCILIATION_SETTINGS, runReconciliation } from '../verification/reconciliation/index.ts';

/**
 * `tttb reconcile`: reconciles every citizen's line with the national population database (the
 * configured service, TTTB_NID_URL + TTTB_NID_TOKEN, which a production database requires; a demo's
 * built-in simulator), continuing an unfinished run unless `--restart`. Prints one JSON object:
 * lines checked, lines per mismatch kind, seconds. Exit code 1 when the service was unavailable
 * (the run stays unfinished; run the command again to resume).
 */
export function reconcileCommand(): Command {
  return new Command('reconcile')
    .description('đối soát thông tin thuê bao với CSDL quốc gia về dân cư (tiếp tục lần chạy dở dang)')
    .option('--restart', 'bỏ lần chạy dở dang và chạy lại từ đầu', false)
    .option('--batch-size <n>', `số thuê bao mỗi lô (tối đa ${MAX_BATCH_SIZE})`, batchSize, DEFAULT_RECONCILIATION_SETTINGS.batchSize)
    .action(async (opts: { restart: boolean; batchSize: number }) => {
      const bar = progressBar('Đối soát');
      const started = performance.now();
      try {
        await withDatabase(async ({ config, db, deployment }) => {
          requireModeSettings(deployment.mode, config, ['nationalId']);
          const report = await runReconciliation(db, nationalIdServiceFor(config, db), {
            restart: opts.restart,
            batchSize: opts.batchSize,
            now: () => deployment.clock.now(),
            onProgress: (done, total) => bar.update(done, total),
          });
          bar.stop();
          printJson({ ...report, database: db.description, seconds: Math.round((performance.now() - started) / 10) / 100 });
          if (!report.finished) process.exitCode = 1;
        });
      } finally {
        bar.stop();
      }
    });
}

function batchSize(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > MAX_BATCH_SIZE) {
    throw new InvalidArgumentError(`cần một số nguyên từ 1 đến ${MAX_BATCH_SIZE}, nhận được "${value}"`);
  }
  return n;
}
