import type { Kysely, Migration } from 'kysely';

/**
 * A snapshot finds the carrier's lines missing from it by looking each line's number up among the
 * file's staged rows and row reports. Keyed only by row, each look-up read every staged row of the
 * import: a 300,000-line weekly refresh over a loaded registry ran for more than ten minutes on
 * SQLite (npm run bench -- import). Indexed by number, each is one probe.
 */
export const importLookups: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('import_rows_by_msisdn').on('import_rows').columns(['import_id', 'msisdn']).execute();
    await db.schema.createIndex('import_problems_by_msisdn').on('import_problems').columns(['import_id', 'msisdn']).execute();
  },
};
