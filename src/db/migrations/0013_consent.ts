import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * When the person at a desk gave explicit consent to the processing of their face template
 * (Law 91/2025, docs/domain.md §9): `consent_at` on every attempt a desk submits, the operator
 * already named on the row being who collected it. Null for machine pushes (VNeID, a carrier's
 * app), which collect consent in their own app, and for attempts made before this column.
 */
export const consent: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema.alterTable('verification_attempts').addColumn('consent_at', t.timestamp).execute();
  },
};
