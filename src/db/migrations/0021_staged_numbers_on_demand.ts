import type { Kysely, Migration } from 'kysely';

/**
 * `import_rows` loses its standing index by number: the import builds it when a file's reading is
 * done (its duplicates and a snapshot's missing lines look numbers up) and drops it when no run has
 * rows staged. Kept while reading, every chunk of 5,000 rows wrote thousands of that index's pages
 * at random (numbers come in file order), and SQLite copies each page a commit touched into its
 * log: reading a 1 M-line file spent more time committing than checking.
 */
export const stagedNumbersOnDemand: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.dropIndex('import_rows_by_msisdn').ifExists().execute();
  },
};
