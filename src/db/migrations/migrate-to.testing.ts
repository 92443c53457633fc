/** Tests of a migration's data step: the database as it stood before that migration. */
import { Migrator } from 'kysely';
import type { Database } from '../open.ts';
import { migrations } from './index.ts';

/** Migrates `db` up to and including `name`, and no further. */
export async function migrateTo(db: Database, name: string): Promise<void> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error as Error;
}
