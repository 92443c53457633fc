import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Self-check (1414 by SMS and web): every answered request is recorded and counted per commune,
 * carrier and Vietnam day; the web's one-time codes are challenges keyed by phone number, since
 * the number may not be in the registry (no enumeration: the OTP goes out either way).
 */
export const selfCheck: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await t
      .id(db.schema.createTable('self_checks'))
      .addColumn('at', t.timestamp, (c) => c.notNull())
      // The Vietnam calendar day of `at` (YYYY-MM-DD), computed once at write time: the counts
      // group by it without a time-zone expression that differs between dialects.
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('msisdn', 'text', (c) => c.notNull())
      .addColumn('carrier', 'text')
      .addColumn('request_kind', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('subscriber_id', t.bigint, (c) => c.references('subscribers.id'))
      .addColumn('commune_code', 'text')
      // What a report said was wrong (field names, never values).
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('self_checks_counts').on('self_checks').columns(['day', 'commune_code', 'carrier']).execute();
    await db.schema.createIndex('self_checks_line').on('self_checks').columns(['msisdn', 'at']).execute();

    await db.schema
      .createTable('selfcheck_challenges')
      // Random and unguessable: the handle the citizen page sends back with the code.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('msisdn', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('salt', 'text', (c) => c.notNull())
      .addColumn('tries', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_tries', 'integer', (c) => c.notNull())
      .addColumn('consumed_at', t.timestamp)
      .execute();
    // The per-line OTP limit counts a number's challenges of the last hour.
    await db.schema
      .createIndex('selfcheck_challenges_line')
      .on('selfcheck_challenges')
      .columns(['msisdn', 'created_at'])
      .execute();
  },
};
