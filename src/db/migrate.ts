import { Migrator, type MigrationProvider } from 'kysely';
import type { Database } from './open.ts';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Thrown when a migration fails: the service must not start on a half-migrated schema. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    override readonly cause: unknown,
  ) {
    super(`Migration ${migration ?? '(unknown)'} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationError';
  }
}

/**
 * Applies every pending migration. Kysely's Migrator reports errors in its result rather than
 * throwing, so the result is checked here and turned into a loud failure.
 */
export async function migrateToLatest(db: Database): Promise<string[]> {
  // Without an explicit schema Kysely looks for its lock table in every schema, which breaks when
  // several schemas of one PostgreSQL database hold tttb (tests run that way).
  const migrator = new Migrator({ db: db.kysely, provider, ...(db.schema ? { migrationTableSchema: db.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
