import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { startService } from '../server.ts';

/** `tttb serve [--demo]`: runs the service until SIGINT/SIGTERM. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('chạy dịch vụ (HTTP API) trên TTTB_PORT, mặc định 8080')
    .option('--demo', 'nạp chiến dịch mẫu An Giang khi cơ sở dữ liệu chưa có thuê bao', false)
    .action(async (opts: { demo: boolean }) => {
      const service = await startService(loadConfig(), { demo: opts.demo });
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
