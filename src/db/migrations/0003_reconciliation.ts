import type { Kysely, Migration } from 'kysely';

/** Reconciliation runs and their field-level results (filled in by the reconciliation work). */
export const reconciliation: Migration = {
  async up(_db: Kysely<unknown>) {},
};
