import type { Kysely, Migration } from 'kysely';

/**
 * The roadmap finds campaign-locked lines whose next step is due by lock level and lock instant;
 * without this index every run (every few minutes) would scan all subscribers.
 */
export const roadmap: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('subscribers_lock').on('subscribers').columns(['lock_level', 'locked_at']).execute();
  },
};
