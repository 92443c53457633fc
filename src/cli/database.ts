import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/open.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openDeployment, type Deployment } from '../clock/index.ts';
import type { DeploymentMode } from '../db/schema.ts';

export interface CommandContext {
  config: Config;
  db: Database;
  /** The database's mode and clock: every command reads time from it. */
  deployment: Deployment;
}

/**
 * Runs a command against the configured database, migrated, with its deployment; a database the
 * command creates is `createAs` (production unless a demo command creates it).
 */
export async function withDatabase<T>(run: (context: CommandContext) => Promise<T>, createAs: DeploymentMode = 'production'): Promise<T> {
  const config = loadConfig();
  const db = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db);
    return await run({ config, db, deployment: await openDeployment(db, createAs) });
  } finally {
    await db.close();
  }
}
