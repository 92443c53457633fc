/**
 * Process entry of the service: configuration, database (migrated, reference data loaded, its
 * deployment mode and clock, demo data on first start of a demo), then the HTTP app, the jobs and
 * the SMS link (the carriers' SMSCs, or the built-in SMSC simulator for the demo). Stops cleanly
 * on SIGINT/SIGTERM.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/open.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { readTlsFiles } from './http/tls-files.ts';
import { loadReferenceData } from './reference/index.ts';
import { hasAnySubscriber, seedReferenceData } from './registry/index.ts';
import { generateDemo, playDemo, setUpDemoAccess, type DemoAccess } from './demo/index.ts';
import { nationalIdServiceFor, type NationalIdService } from './verification/national-id/index.ts';
import { startJobs } from './jobs/scheduler.ts';
import { CAPABILITIES } from './capabilities.ts';
import { AppError } from './errors.ts';
import { openDeployment, realAdaptersOfDemo, requireModeSettings, type Deployment } from './clock/index.ts';
import { createOutboxSignal, startSmsService, type SmsService } from './messaging/index.ts';
import { createSelfCheckSmsHandler } from './selfcheck/index.ts';

export interface StartOptions {
  /**
   * `serve --demo` / `npm start`: a new database is created as a demo, and the demo An Giang
   * campaign is loaded while it holds no subscribers. Refused on a production database.
   */
  demo: boolean;
  /** With `demo`: leave an empty demo database empty (tests bring their own lines). */
  skipDemoData?: boolean;
  /** With `demo`: a newly loaded demo's campaign is played through this day (YYYY-MM-DD), so it opens in its middle with history. */
  playTo?: string;
  /** Test seam: the national ID service to use instead of the configured one. */
  nationalId?: NationalIdService;
}

export interface RunningService {
  app: FastifyInstance;
  db: Database;
  /** The database's mode and the clock everything reads. */
  deployment: Deployment;
  url: string;
  /** The SMS link (and the demo's SMSC simulator, when it runs one). */
  sms: SmsService;
  /** Ids of the capabilities' jobs that run (those not turned off by their interval). */
  jobs: readonly string[];
  stop(): Promise<void>;
}

/** Prepares the database and starts listening; resolves once the service answers requests. */
export async function startService(config: Config, options: StartOptions): Promise<RunningService> {
  // The service's logger exists only once the app is built; a failure before that goes to stderr.
  let logCheckpointError = (error: string) => console.error(`checkpoint: ${error}`);
  const db = openDatabase(config.databaseUrl, { backgroundCheckpoints: { onError: (error) => logCheckpointError(error) } });
  // What has started by the time a step fails is stopped again (last first), so the process can end.
  const started: (() => Promise<void>)[] = [];
  try {
    await migrateToLatest(db);
    await seedReferenceData(db);
    const deployment = await openDeployment(db, options.demo ? 'demo' : 'production');
    if (options.demo && deployment.mode !== 'demo') {
      throw new AppError('DEMO_ONLY', 'cơ sở dữ liệu này là hệ thống thật (production): chạy `tttb serve` không có --demo');
    }
    requireModeSettings(deployment.mode, config, ['nationalId', 'smsc', 'sessionSecret']);
    const now = () => deployment.clock.now();
    const nationalId = options.nationalId ?? nationalIdServiceFor(config, db);
    // One set of self-check settings for the web and SMS paths, so both answer alike.
    const selfCheck = { ...config.selfCheck, shortCode: config.sms.shortCode };
    const outbox = createOutboxSignal();
    const app = await buildApp({
      db,
      reference: loadReferenceData(),
      nationalId,
      logLevel: config.logLevel,
      selfCheck,
      verification: config.verification,
      access: config.access,
      trustProxy: config.trustProxy,
      ...(config.tls ? { https: readTlsFiles(config.tls) } : {}),
      outbox,
      clock: deployment.clock,
      mode: deployment.mode,
    });
    started.unshift(() => app.close());
    logCheckpointError = (error) => app.log.error({ error }, 'ghi WAL về tệp cơ sở dữ liệu thất bại');
    if (deployment.mode === 'demo') {
      const real = realAdaptersOfDemo(config);
      if (real.length > 0) app.log.warn({ variables: real }, 'cơ sở dữ liệu mẫu (demo) đang nối với hệ thống ngoài được cấu hình, không phải trình mô phỏng');
      if (!options.skipDemoData) {
        if (!(await hasAnySubscriber(db))) {
          app.log.info({ lines: config.demo.lines, seed: config.demo.seed }, 'đang nạp chiến dịch mẫu An Giang (lần chạy đầu)');
          const loaded = await generateDemo(db, config.demo);
          await deployment.refresh(); // the demo's clock starts at the campaign's first day
          app.log.info({ lines: loaded.lines, citizens: loaded.citizens }, 'đã nạp chiến dịch mẫu An Giang');
          if (options.playTo !== undefined) {
            app.log.info({ to: options.playTo }, 'đang cho chiến dịch mẫu chạy từng ngày (xác thực, lộ trình)');
            const days = await playDemo(db, deployment, { to: options.playTo, seed: config.demo.seed, ...(options.nationalId ? { nationalId: options.nationalId } : {}) });
            app.log.info({ days: days.length, now: deployment.clock.now().toISOString() }, 'chiến dịch mẫu đã chạy tới ngày');
          }
        }
        logDemoAccess(app, await setUpDemoAccess(db, config.dataDir, now()));
      }
    }
    await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
      // An operator's slip (a second `npm start`, another program), not a fault of tttb: say which setting.
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new AppError('PORT_IN_USE', `${config.host}:${config.port} — dừng chương trình kia hoặc đặt TTTB_PORT khác`);
      }
      throw error;
    });
    // In the background after listen: a job's first run never delays the answers.
    const jobs = startJobs(
      CAPABILITIES.flatMap((c) => c.jobs ?? []),
      {
        db,
        clock: deployment.clock,
        deployment,
        nationalId,
        verification: config.verification,
        roadmapIntervalMs: config.roadmapIntervalMs,
        reconcileIntervalMs: config.reconcileIntervalMs,
      },
      app.log,
    );
    started.unshift(() => jobs.stop());
    const sms = await startSmsService({
      db,
      config,
      reference: loadReferenceData(),
      log: app.log,
      handler: createSelfCheckSmsHandler({ settings: selfCheck, now }),
      now,
    });
    outbox.connect(() => sms.gateway.kick());
    const url = `${config.tls ? 'https' : 'http'}://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
    app.log.info(`tttb đang chạy tại ${url} — API: ${url}/api/docs, tình trạng: ${url}/healthz (database ${db.description}, ${deployment.mode}, bây giờ ${now().toISOString()})`);
    return {
      app,
      db,
      deployment,
      url,
      sms,
      jobs: jobs.jobs,
      async stop() {
        await jobs.stop();
        await sms.stop();
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    for (const stop of started) await stop();
    await db.close();
    throw error;
  }
}

/** Where the demo's accounts are: said at every start, so whoever runs `npm start` finds how to sign in. */
function logDemoAccess(app: FastifyInstance, access: DemoAccess): void {
  if (access.created) app.log.info(`đã tạo tài khoản demo (mật khẩu, mã xác thực hai lớp, khoá API): xem ${access.file}`);
  else if (access.fileExists) app.log.info(`tài khoản demo: xem ${access.file}`);
  else app.log.warn(`tài khoản demo đã tạo trước đây nhưng không còn tệp ${access.file}: đặt lại mật khẩu bằng \`npx tttb user reset-password TÊN\``);
}
