import path from 'node:path';
import { Command } from 'commander';
import { CARRIERS, type Carrier } from '../domain/index.ts';
import { importStatisticsFile, importSubscriberFile, seedReferenceData, subscriberImportDependencies, type ImportProgress } from '../registry/index.ts';
import { cliActor } from './actor.ts';
import { withDatabase } from './database.ts';
import { calendarDay, oneOf } from './options.ts';
import { EXIT, printJson } from './output.ts';
import { recordCarrierEventsFile } from '../carriers/index.ts';
import { progressBar } from './progress.ts';

interface SubscribersOptions {
  carrier: Carrier;
  snapshot: boolean;
  delta: boolean;
  dryRun: boolean;
  validRows: boolean;
  confirmClosures: boolean;
  progressJson: boolean;
}

interface StatisticsOptions {
  source: string;
  published: string;
  effective?: string;
  dryRun: boolean;
}

/**
 * `tttb import subscribers FILE --carrier C`: a carrier's subscriber file (CSV or xlsx,
 * docs/imports.md) into the registry, as `cli:<OS user>`. Prints the run's report as JSON; exits
 * 1 when the file was refused (rejected rows under all-or-nothing, or a snapshot that would close
 * too many lines without `--confirm-closures`). Run again after a kill: it resumes.
 *
 * `tttb import statistics FILE --source S --published DAY [--effective DAY]`: the statistics office's
 * table of population by commune as a new version of the official statistics; prints the report and
 * exits 1 when the table was refused (every problem is in the report).
 */
export function importCommand(): Command {
  const command = new Command('import').description('nạp dữ liệu vào tttb: tệp thuê bao và tệp sự kiện thuê bao của nhà mạng, số liệu thống kê dân số');
  command
    .command('subscribers')
    .description('nạp tệp thuê bao (CSV hoặc xlsx) của một nhà mạng; chạy lại sau khi bị ngắt thì nạp tiếp')
    .argument('<file>', 'tệp .csv (UTF-8, dấu phẩy hoặc chấm phẩy) hoặc .xlsx theo mẫu (docs/imports.md)')
    .requiredOption('--carrier <carrier>', `nhà mạng gửi tệp: ${CARRIERS.join(', ')}`, oneOf(CARRIERS))
    .option('--snapshot', 'tệp đầy đủ: thuê bao của nhà mạng không có trong tệp sẽ bị đóng', false)
    .option('--delta', 'tệp thay đổi: chỉ thêm và cập nhật các dòng trong tệp (mặc định)', false)
    .option('--dry-run', 'kiểm tra và đếm những gì tệp sẽ làm, không ghi vào danh sách thuê bao', false)
    .option('--valid-rows', 'nạp các dòng hợp lệ và báo cáo các dòng sai (mặc định: có dòng sai thì không nạp gì)', false)
    .option('--confirm-closures', 'đồng ý đóng số thuê bao vượt ngưỡng khi nạp tệp đầy đủ', false)
    .option('--progress-json', 'tiến độ dạng JSON, mỗi dòng một sự kiện trên stderr (cho máy đọc) thay cho thanh tiến độ', false)
    .action((file: string, opts: SubscribersOptions) =>
      withDatabase(async ({ db, deployment }) => {
        if (opts.snapshot && opts.delta) {
          process.stderr.write('Chọn một trong --snapshot hoặc --delta.\n');
          process.exitCode = EXIT.usage;
          return;
        }
        await seedReferenceData(db);
        const bar = progressBar('Nạp tệp', 'kB');
        try {
          const report = await importSubscriberFile(subscriberImportDependencies(db), {
            path: file,
            fileName: path.basename(file),
            carrier: opts.carrier,
            mode: opts.snapshot ? 'snapshot' : 'delta',
            policy: opts.validRows ? 'valid_rows' : 'all_or_nothing',
            dryRun: opts.dryRun,
            confirmClosures: opts.confirmClosures,
            actor: cliActor(),
            now: () => deployment.clock.now(),
            // Each event comes after what it counts is committed: a reader may rely on it (the kill tests do).
            onProgress: opts.progressJson
              ? (p: ImportProgress) => process.stderr.write(JSON.stringify(p) + '\n')
              : (p: ImportProgress) => bar.update(Math.round(p.bytesRead / 1024), Math.max(1, Math.round(p.totalBytes / 1024))),
          });
          bar.stop();
          printJson(report);
          if (report.state === 'refused' || report.state === 'needs_confirmation') process.exitCode = EXIT.invalid;
        } finally {
          bar.stop();
        }
      }),
    );
  command
    .command('events')
    .description('nạp tệp sự kiện thuê bao (CSV hoặc xlsx) của một nhà mạng: danh sách đã nhắn yêu cầu chuẩn hoá, đổi máy, đóng, chuyển chủ, chuyển mạng')
    .argument('<file>', 'tệp .csv hoặc .xlsx theo mẫu (docs/imports.md, "Carriers\' events")')
    .requiredOption('--carrier <carrier>', `nhà mạng gửi tệp: ${CARRIERS.join(', ')}`, oneOf(CARRIERS))
    .action((file: string, opts: { carrier: Carrier }) =>
      withDatabase(async ({ db, deployment }) => {
        await seedReferenceData(db);
        const report = await recordCarrierEventsFile(
          { db, now: () => deployment.clock.now() },
          { scope: [{ kind: 'carrier', value: opts.carrier }], actor: cliActor() },
          file,
        );
        printJson(report);
        // Recorded rows stay recorded; the exit code tells a script that some rows need fixing.
        if (report.skipped > 0) process.exitCode = EXIT.invalid;
      }),
    );
  command
    .command('statistics')
    .description('nạp bảng dân số và dân số từ 14 tuổi trở lên theo xã của cơ quan thống kê thành một phiên bản số liệu mới')
    .argument('<file>', 'tệp .csv hoặc .xlsx: mã xã hoặc tên xã, dân số, dân số từ 14 tuổi trở lên (docs/imports.md)')
    .requiredOption('--source <source>', 'nguồn số liệu, ví dụ "Cục Thống kê tỉnh An Giang, Niên giám 2025"')
    .requiredOption('--published <day>', 'ngày công bố, YYYY-MM-DD', calendarDay)
    .option('--effective <day>', 'ngày bắt đầu áp dụng, YYYY-MM-DD (mặc định: ngày công bố)', calendarDay)
    .option('--dry-run', 'chỉ kiểm tra bảng, không nạp', false)
    .action((file: string, opts: StatisticsOptions) =>
      withDatabase(async ({ db, deployment }) => {
        await seedReferenceData(db);
        const report = await importStatisticsFile(db, {
          path: file,
          fileName: path.basename(file),
          source: opts.source,
          publishedOn: opts.published,
          ...(opts.effective ? { effectiveFrom: opts.effective } : {}),
          dryRun: opts.dryRun,
          actor: cliActor(),
          now: deployment.clock.now(),
        });
        printJson(report);
        if (report.state === 'refused') process.exitCode = EXIT.invalid;
      }),
    );
  return command;
}
