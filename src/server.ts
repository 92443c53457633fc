/**
 * Process entry of the service: configuration, database (migrated, reference data loaded, demo
 * data on first start when asked), then the HTTP app and the SMS link (the carriers' SMSCs, or the
 * built-in SMSC simulator for the demo). Stops cleanly on SIGINT/SIGTERM.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/open.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { loadReferenceData } from './reference/index.ts';
import { hasAnySubscriber, seedReferenceData } from './registry/index.ts';
import { generateDemo } from './demo/index.ts';
import { startRoadmapScheduler } from './roadmap/index.ts';
import { nationalIdServiceFor } from './verification/national-id/index.ts';
import { DEFAULT_VERIFICATION_SETTINGS, RETRY_PENDING_JOB_ID, retryPendingAttempts } from './verification/attempts/index.ts';
import { startIntervalJob, type Scheduler } from './jobs/interval-scheduler.ts';
import { runReconciliation } from './verification/reconciliation/index.ts';
import { createOutboxSignal, startSmsService, type SmsService } from './messaging/index.ts';
import { createSelfCheckSmsHandler } from './selfcheck/index.ts';

export interface StartOptions {
  /** Load the demo An Giang campaign when the database holds no subscribers yet. */
  demo: boolean;
}

export interface RunningService {
  app: FastifyInstance;
  db: Database;
  url: string;
  /** The SMS link (and the demo's SMSC simulator, when it runs one). */
  sms: SmsService;
  stop(): Promise<void>;
}

/** Prepares the database and starts listening; resolves once the service answers requests. */
export async function startService(config: Config, options: StartOptions): Promise<RunningService> {
  // The service's logger exists only once the app is built; a failure before that goes to stderr.
  let logCheckpointError = (error: string) => console.error(`checkpoint: ${error}`);
  const db = openDatabase(config.databaseUrl, { backgroundCheckpoints: { onError: (error) => logCheckpointError(error) } });
  try {
    await migrateToLatest(db);
    await seedReferenceData(db);
    const nationalId = nationalIdServiceFor(config, db);
    // One set of self-check settings for the web and SMS paths, so both answer alike.
    const selfCheck = { ...config.selfCheck, shortCode: config.sms.shortCode };
    const outbox = createOutboxSignal();
    const app = await buildApp({ db, reference: loadReferenceData(), nationalId, logLevel: config.logLevel, selfCheck, outbox });
    logCheckpointError = (error) => app.log.error({ error }, 'ghi WAL về tệp cơ sở dữ liệu thất bại');
    if (options.demo) {
      if (!(await hasAnySubscriber(db))) {
        app.log.info({ lines: config.demo.lines, seed: config.demo.seed }, 'đang nạp chiến dịch mẫu An Giang (lần chạy đầu)');
        const loaded = await generateDemo(db, config.demo);
        app.log.info({ lines: loaded.lines, citizens: loaded.citizens }, 'đã nạp chiến dịch mẫu An Giang');
      }
    }
    await app.listen({ port: config.port, host: config.host });
    const jobs: Scheduler[] = [];
    if (config.reconcileIntervalMs > 0) {
      jobs.push(
        startIntervalJob({
          id: 'reconciliation.run',
          intervalMs: config.reconcileIntervalMs,
          log: app.log,
          // Resumes an unfinished run, else starts a new one; results for unchanged lines stay.
          run: () => runReconciliation(db, nationalId),
          describe: (r) => `đối soát: ${r.checkedNow} thuê bao, ${r.requirementsStarted} thuê bao mới phải xác thực`,
        }),
      );
    }
    if (config.roadmapIntervalMs > 0) {
      jobs.push(startRoadmapScheduler(db, { intervalMs: config.roadmapIntervalMs, log: app.log }));
      jobs.push(
        startIntervalJob({
          id: RETRY_PENDING_JOB_ID,
          intervalMs: config.roadmapIntervalMs,
          log: app.log,
          run: () => retryPendingAttempts({ db, nationalId, settings: DEFAULT_VERIFICATION_SETTINGS, now: () => new Date() }),
          describe: (r) => (r.checked > 0 ? 'đã thử lại các lượt xác thực đang chờ' : undefined),
        }),
      );
    }
    const sms = await startSmsService({
      db,
      config,
      reference: loadReferenceData(),
      log: app.log,
      handler: createSelfCheckSmsHandler({ settings: selfCheck }),
    });
    outbox.connect(() => sms.gateway.kick());
    const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
    app.log.info(`tttb đang chạy tại ${url} — API: ${url}/api/docs, tình trạng: ${url}/healthz (database ${db.description})`);
    return {
      app,
      db,
      url,
      sms,
      async stop() {
        await Promise.all(jobs.map((job) => job.stop()));
        await sms.stop();
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
