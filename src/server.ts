/**
 * Process entry of the service: configuration, database (migrated, reference data loaded, demo
 * data on first start when asked), then the HTTP app. Stops cleanly on SIGINT/SIGTERM.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/open.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './http/app.ts';
import { loadReferenceData } from './reference/index.ts';
import { hasAnySubscriber, seedReferenceData } from './registry/index.ts';
import { generateDemo } from './demo/index.ts';
import { startRoadmapScheduler, type RoadmapScheduler } from './roadmap/index.ts';

export interface StartOptions {
  /** Load the demo An Giang campaign when the database holds no subscribers yet. */
  demo: boolean;
}

export interface RunningService {
  app: FastifyInstance;
  db: Database;
  url: string;
  stop(): Promise<void>;
}

/** Prepares the database and starts listening; resolves once the service answers requests. */
export async function startService(config: Config, options: StartOptions): Promise<RunningService> {
  const db = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db);
    await seedReferenceData(db);
    const app = await buildApp({ db, reference: loadReferenceData(), logLevel: config.logLevel });
    if (options.demo) {
      if (!(await hasAnySubscriber(db))) {
        app.log.info({ lines: config.demo.lines, seed: config.demo.seed }, 'đang nạp chiến dịch mẫu An Giang (lần chạy đầu)');
        const loaded = await generateDemo(db, config.demo);
        app.log.info({ lines: loaded.lines, citizens: loaded.citizens }, 'đã nạp chiến dịch mẫu An Giang');
      }
    }
    await app.listen({ port: config.port, host: config.host });
    const roadmap: RoadmapScheduler | undefined =
      config.roadmapIntervalMs > 0 ? startRoadmapScheduler(db, { intervalMs: config.roadmapIntervalMs, log: app.log }) : undefined;
    const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
    app.log.info(`tttb đang chạy tại ${url} — API: ${url}/api/docs, tình trạng: ${url}/healthz (database ${db.description})`);
    return {
      app,
      db,
      url,
      async stop() {
        await roadmap?.stop();
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
