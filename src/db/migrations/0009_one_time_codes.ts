import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * One store for every one-time code (verification OTP and web self-check code), replacing the
 * twin tables `verification_otps` and `selfcheck_challenges`. Nothing is moved: a code lives five
 * minutes, so codes open at the upgrade are dropped and their holders ask for a new one.
 */
export const oneTimeCodes: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('one_time_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('msisdn', 'text', (c) => c.notNull())
      .addColumn('subscriber_id', t.bigint, (c) => c.references('subscribers.id'))
      .addColumn('client_key', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('salt', 'text', (c) => c.notNull())
      .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_tries', 'integer', (c) => c.notNull())
      .addColumn('consumed_at', t.timestamp)
      .execute();
    // A line's latest verification code; a number's codes of the last hour (the self-check's limits).
    await db.schema.createIndex('one_time_codes_line').on('one_time_codes').columns(['subscriber_id', 'purpose', 'created_at']).execute();
    await db.schema.createIndex('one_time_codes_number').on('one_time_codes').columns(['msisdn', 'purpose', 'created_at']).execute();
    await db.schema.dropTable('verification_otps').execute();
    await db.schema.dropTable('selfcheck_challenges').execute();
  },
};
