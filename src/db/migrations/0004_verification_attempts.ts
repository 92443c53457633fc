import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Verification attempts (every one kept: per-field results, never face data) and the OTP
 * challenges sent to a person's single line.
 */
export const verificationAttempts: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await t
      .id(db.schema.createTable('verification_attempts'))
      .addColumn('subscriber_id', t.bigint, (c) => c.notNull().references('subscribers.id'))
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('place', 'text')
      .addColumn('operator', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('document_result', 'text', (c) => c.notNull())
      .addColumn('name_result', 'text', (c) => c.notNull())
      .addColumn('birth_date_result', 'text', (c) => c.notNull())
      .addColumn('face_result', 'text', (c) => c.notNull())
      .addColumn('face_score', sql`double precision`)
      .addColumn('liveness_method', 'text')
      .addColumn('liveness_result', 'text', (c) => c.notNull())
      .addColumn('face_required', 'integer', (c) => c.notNull())
      .addColumn('liveness_required', 'integer', (c) => c.notNull())
      // JSON array of stable reason codes (src/verification/attempts/verification.reasons.ts).
      .addColumn('reasons', 'text', (c) => c.notNull())
      // Set on the attempt a retry wrote for a pending one.
      .addColumn('retry_of', t.bigint, (c) => c.references('verification_attempts.id'))
      // Pending attempts only: retry bookkeeping and the identity claim a retry re-sends (erased
      // once the attempt is settled).
      .addColumn('retry_claim', 'text')
      .addColumn('retry_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_retry_at', t.timestamp)
      .addColumn('resolved_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('verification_attempts_subscriber')
      .on('verification_attempts')
      .columns(['subscriber_id', 'at'])
      .execute();
    await db.schema.createIndex('verification_attempts_retry').on('verification_attempts').columns(['next_retry_at']).execute();

    await t
      .id(db.schema.createTable('verification_otps'))
      .addColumn('subscriber_id', t.bigint, (c) => c.notNull().references('subscribers.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('salt', 'text', (c) => c.notNull())
      .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_tries', 'integer', (c) => c.notNull())
      .addColumn('consumed_at', t.timestamp)
      .execute();
    await db.schema.createIndex('verification_otps_subscriber').on('verification_otps').columns(['subscriber_id', 'id']).execute();
  },
};
