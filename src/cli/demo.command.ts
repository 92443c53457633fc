import { Command, InvalidArgumentError } from 'commander';
import { currentTotpCode } from '../access/index.ts';
import { generateDemo, generateDemoCsv, playDemo, setUpDemoAccess } from '../demo/index.ts';
import { advanceDemoClock, openDemoDeployment, parseDuration, type Deployment } from '../clock/index.ts';
import type { Database } from '../db/open.ts';
import { parseAt } from '../roadmap/index.ts';
import { printJson } from './output.ts';
import { withDatabase } from './database.ts';
import { integer, positiveInteger } from './options.ts';
import { progressBar } from './progress.ts';

/**
 * `tttb demo generate`: deterministic synthetic An Giang data, into the database (which becomes a
 * demo) or as CSV; `tttb demo clock [set TIME | advance SPAN]`: the demo's own "now", which only
 * moves forward; `tttb demo totp USERNAME`: a demo account's second-factor code now. Generating
 * makes the demo's accounts too (demo-users.json); `tttb demo play --to DAY`: the campaign moved
 * forward day by day through the real services. Every demo command refuses a production database.
 */
export function demoCommand(): Command {
  const demo = new Command('demo').description('dữ liệu mẫu tỉnh An Giang và đồng hồ của bản demo');
  demo
    .command('generate')
    .description('sinh dữ liệu mẫu (xác định theo seed) vào cơ sở dữ liệu đã cấu hình, hoặc ra CSV với --out')
    .requiredOption('--lines <n>', 'số thuê bao', positiveInteger)
    .option('--seed <s>', 'seed', integer, 2026)
    .option('--out <dir>', 'ghi CSV vào thư mục này thay vì cơ sở dữ liệu')
    .option('--replace', 'xoá mọi dữ liệu (trừ dữ liệu tham chiếu) trước khi sinh lại; đồng hồ demo về ngày đầu chiến dịch', false)
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
        await withDatabase(async ({ db, config, deployment }) => {
          const summary = await generateDemo(db, { lines: opts.lines, seed: opts.seed, replace: opts.replace, onProgress });
          bar.stop();
          await deployment.refresh(); // generating starts the demo's clock over
          const access = await setUpDemoAccess(db, config.dataDir, deployment.clock.now());
          printJson({ ...summary, database: db.description, demoUsers: access.fileExists ? access.file : null, seconds: round((performance.now() - started) / 1000) });
        }, 'demo');
      } finally {
        bar.stop();
      }
    });

  demo
    .command('play')
    .description('cho chiến dịch mẫu chạy tiếp từng ngày qua các dịch vụ thật (xác thực qua các kênh, lộ trình), đến hết ngày --to')
    .requiredOption('--to <day>', 'ngày cuối (YYYY-MM-DD, giờ Việt Nam), ví dụ 2026-05-12')
    .option('--seed <s>', 'seed', integer, 2026)
    .action((opts: { to: string; seed: number }) =>
      withDatabase(async ({ db, deployment }) => {
        const started = performance.now();
        const days = await playDemo(db, deployment, {
          to: opts.to,
          seed: opts.seed,
          onDay: (d) => process.stderr.write(`${d.day}: ${Object.values(d.verified).reduce((s, n) => s + n, 0)} thuê bao đã xác thực, ${d.roadmap.one_way} khoá một chiều\n`),
        });
        printJson({ days, now: deployment.clock.now().toISOString(), seconds: round((performance.now() - started) / 1000) });
      }, 'demo'),
    );

  const clock = demo
    .command('clock')
    .description('đồng hồ của bản demo: xem (không tham số), đặt tới một thời điểm, hoặc tiến thêm một khoảng; không lùi được')
    .action(() => demoClock((_db, deployment) => Promise.resolve(deployment.clock.now())));
  clock
    .command('set')
    .description('đặt "bây giờ" của bản demo tới một thời điểm sau nó')
    .argument('<time>', 'ISO 8601 có múi giờ, hoặc giờ Việt Nam "YYYY-MM-DD HH:mm" / "dd/mm/yyyy HH:mm"')
    .action((time: string) => {
      const to = parseAt(time, 'start_of_day');
      return demoClock((db, deployment) => advanceDemoClock(db, deployment, to));
    });
  clock
    .command('advance')
    .description('cho đồng hồ demo tiến thêm một khoảng: 7d, 12h, 1d12h, 30m')
    .argument('<span>', 'khoảng thời gian', span)
    .action((ms: number) => demoClock((db, deployment) => advanceDemoClock(db, deployment, new Date(deployment.clock.now().getTime() + ms))));
  demo
    .command('totp')
    .description('mã xác thực hai lớp hiện tại (theo đồng hồ demo) của một tài khoản demo, thay cho ứng dụng xác thực')
    .argument('<username>', 'ví dụ quantri.tinh (xem demo-users.json trong thư mục dữ liệu)')
    .action((username: string) =>
      withDatabase(async ({ db }) => {
        const deployment = await openDemoDeployment(db);
        printJson(await currentTotpCode(db, deployment, username));
      }, 'demo'),
    );
  return demo;
}

/** Runs `move` on the demo's clock (a production database is refused) and prints `{ mode, now }`. */
function demoClock(move: (db: Database, deployment: Deployment) => Promise<Date>): Promise<void> {
  return withDatabase(async ({ db }) => {
    const deployment = await openDemoDeployment(db);
    const now = await move(db, deployment);
    printJson({ mode: deployment.mode, now: now.toISOString() });
  }, 'demo');
}

function span(value: string): number {
  const ms = parseDuration(value);
  if (ms === null) throw new InvalidArgumentError(`cần một khoảng như 7d, 12h, 1d12h, 30m; nhận được "${value}"`);
  return ms;
}

const round = (n: number) => Math.round(n * 100) / 100;
