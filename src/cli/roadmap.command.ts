import { Command } from 'commander';
import { printJson } from './output.ts';
import { withDatabase } from './database.ts';
import { reachInstant } from '../clock/index.ts';
import { listDueLines, parseAt, previewRoadmap, runRoadmap } from '../roadmap/index.ts';

/**
 * `tttb roadmap run [--at TIME]` applies the steps due at TIME (default: the database's now; a
 * later TIME is refused in production and moves a demo's clock forward to it);
 * `tttb roadmap preview --at DATE [--commune CODE]` counts what will change by DATE (with
 * --commune, also the commune's lines, masked). One JSON object each.
 */
export function roadmapCommand(): Command {
  const roadmap = new Command('roadmap').description('lộ trình khoá thuê bao chưa xác thực (khoá 1 chiều, 2 chiều, chấm dứt)');
  const timeHelp = 'ISO 8601 có múi giờ, hoặc giờ Việt Nam "YYYY-MM-DD HH:mm" / "dd/mm/yyyy HH:mm"';
  roadmap
    .command('run')
    .description('áp dụng các bước đến hạn (chạy lại không tạo trùng)')
    .option('--at <time>', `thời điểm (${timeHelp}); mặc định: bây giờ; bản demo: đồng hồ demo tiến tới thời điểm này`)
    .action(async (opts: { at?: string }) => {
      const at = opts.at === undefined ? undefined : parseAt(opts.at, 'start_of_day');
      const started = performance.now();
      const result = await withDatabase(async ({ db, deployment }) => {
        if (at !== undefined) await reachInstant(db, deployment, at);
        return runRoadmap(db, { at: at ?? deployment.clock.now() });
      });
      printJson({ ...result, seconds: Math.round(performance.now() - started) / 1000 });
    });
  roadmap
    .command('preview')
    .description('dự báo số thuê bao sẽ bị khoá / chấm dứt đến một mốc, theo xã và nhà mạng (không ghi gì)')
    .requiredOption('--at <date>', `mốc (${timeHelp}; chỉ ngày = hết ngày đó)`)
    .option('--commune <code>', 'chỉ một xã (kèm danh sách thuê bao, số đã che)')
    .action(async (opts: { at: string; commune?: string }) => {
      const at = parseAt(opts.at, 'end_of_day');
      const answer = await withDatabase(async ({ db }) => {
        if (opts.commune === undefined) return previewRoadmap(db, { at });
        const preview = await previewRoadmap(db, { at, communeCode: opts.commune });
        const lines = await listDueLines(db, { at, communeCode: opts.commune });
        return { ...preview, lines: lines.items, nextAfterId: lines.nextAfterId };
      });
      printJson(answer);
    });
  return roadmap;
}
