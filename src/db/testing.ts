/**
 * One test body, every dialect: database tests run on a fresh SQLite file and, when
 * TTTB_TEST_DATABASE_URL is set, on PostgreSQL in a schema of their own (dropped afterwards).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { loadConfig } from '../config.ts';
import { migrateToLatest } from './migrate.ts';
import { openDatabase, type Database, type Dialect } from './open.ts';

export interface TestDatabase {
  dialect: Dialect;
  /** Opens another connection to the same database (as a second process would). */
  url: string;
  schema: string | undefined;
  open(): Database;
}

/** The dialects the database tests run on in this environment. */
export function testDialects(): Dialect[] {
  return loadConfig().testDatabaseUrl ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Creates an empty, unmigrated database of the given dialect; `dispose` removes it. */
export function createTestDatabase(dialect: Dialect): TestDatabase & { dispose(): Promise<void> } {
  const tag = `t_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-test-'));
    const url = `file:${path.join(dir, `${tag}.db`)}`;
    return {
      dialect,
      url,
      schema: undefined,
      open: () => openDatabase(url),
      dispose: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
    };
  }
  const url = loadConfig().testDatabaseUrl;
  if (!url) throw new Error('TTTB_TEST_DATABASE_URL is not set');
  return {
    dialect,
    url,
    schema: tag,
    open: () => openDatabase(url, { schema: tag }),
    async dispose() {
      const admin = openDatabase(url);
      try {
        await admin.kysely.schema.dropSchema(tag).ifExists().cascade().execute();
      } finally {
        await admin.close();
      }
    },
  };
}

/**
 * Declares `body` once per dialect, each with its own migrated database. `db()` returns the open
 * database inside tests.
 */
export function describeEachDatabase(name: string, body: (ctx: { db: () => Database; test: () => TestDatabase }) => void) {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      let testDb: ReturnType<typeof createTestDatabase> | undefined;
      let database: Database | undefined;
      beforeAll(async () => {
        testDb = createTestDatabase(dialect);
        database = testDb.open();
        await migrateToLatest(database);
      });
      afterAll(async () => {
        await database?.close();
        await testDb?.dispose();
      });
      body({
        db: () => {
          if (!database) throw new Error('database not open yet');
          return database;
        },
        test: () => {
          if (!testDb) throw new Error('database not created yet');
          return testDb;
        },
      });
    });
  }
}
