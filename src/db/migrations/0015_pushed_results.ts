import type { Kysely, Migration } from 'kysely';

/**
 * Verifications done elsewhere (VNeID, a carrier's app or its stores' own system) arrive as results
 * with the pushing system's own reference. `source` names the system (its role and reach), so the
 * same reference pushed again finds its attempt instead of making a second one; null for attempts
 * tttb itself asked the national service about.
 */
export const pushedResults: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('verification_attempts').addColumn('source', 'text').execute();
    await db.schema.alterTable('verification_attempts').addColumn('external_ref', 'text').execute();
    await db.schema
      .createIndex('verification_attempts_external_ref')
      .on('verification_attempts')
      .columns(['source', 'external_ref'])
      .unique()
      .execute();
  },
};
