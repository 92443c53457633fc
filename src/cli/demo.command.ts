import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedReferenceData } from '../registry/index.ts';
import { generateDemo, generateDemoCsv } from '../demo/index.ts';
import { printJson } from './output.ts';
import { integer, positiveInteger } from './options.ts';
import { progressBar } from './progress.ts';

/** `tttb demo generate`: deterministic synthetic An Giang data, into the database or as CSV. */
export function demoCommand(): Command {
  const demo = new Command('demo').description('dữ liệu mẫu tỉnh An Giang');
  demo
    .command('generate')
    .description('sinh dữ liệu mẫu (xác định theo seed) vào cơ sở dữ liệu đã cấu hình, hoặc ra CSV với --out')
    .requiredOption('--lines <n>', 'số thuê bao', positiveInteger)
    .option('--seed <s>', 'seed', integer, 2026)
    .option('--out <dir>', 'ghi CSV vào thư mục này thay vì cơ sở dữ liệu')
    .option('--replace', 'xoá dữ liệu thuê bao và dân cư hiện có trước khi sinh', false)
    .action(async (opts: { lines: number; seed: number; out?: string; replace: boolean }) => {
      const bar = progressBar('Sinh dữ liệu');
      const onProgress = (done: number, total: number) => bar.update(done, total);
      const started = performance.now();
      try {
        if (opts.out) {
          const summary = await generateDemoCsv(opts.out, { lines: opts.lines, seed: opts.seed, onProgress });
          bar.stop();
          printJson({ ...summary, out: opts.out, seconds: round((performance.now() - started) / 1000) });
          return;
        }
        const db = openDatabase(loadConfig().databaseUrl);
        try {
          await migrateToLatest(db);
          await seedReferenceData(db);
          const summary = await generateDemo(db, { lines: opts.lines, seed: opts.seed, replace: opts.replace, onProgress });
          bar.stop();
          printJson({ ...summary, database: db.description, seconds: round((performance.now() - started) / 1000) });
        } finally {
          await db.close();
        }
      } finally {
        bar.stop();
      }
    });
  return demo;
}

const round = (n: number) => Math.round(n * 100) / 100;
