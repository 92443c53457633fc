import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { startService } from '../server.ts';

/** `tttb serve [--demo]`: runs the service until SIGINT/SIGTERM. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('chạy dịch vụ (HTTP API) trên TTTB_PORT, mặc định 8080')
    .option('--demo', 'nạp chiến dịch mẫu An Giang khi cơ sở dữ liệu chưa có thuê bao', false)
    .option('--play-to <day>', 'với --demo: chiến dịch mẫu mới nạp được cho chạy từng ngày đến hết ngày này (YYYY-MM-DD)')
    .action(async (opts: { demo: boolean; playTo?: string }) => {
      const service = await startService(loadConfig(), { demo: opts.demo, ...(opts.playTo !== undefined ? { playTo: opts.playTo } : {}) });
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          service.app.log.info(`${signal}: đang dừng dịch vụ`);
          resolve();
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
      await service.stop();
    });
}
