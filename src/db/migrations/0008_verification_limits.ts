import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * The verification requests the attempt limits count (per line, per client address), written in
 * the transaction that admits each one so simultaneous requests cannot all slip under a limit.
 */
export const verificationLimits: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await t
      .id(db.schema.createTable('verification_requests'))
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('client', 'text', (c) => c.notNull())
      .addColumn('subscriber_id', t.bigint, (c) => c.references('subscribers.id'))
      .addColumn('attended', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('verification_requests_client').on('verification_requests').columns(['client', 'at']).execute();
    await db.schema
      .createIndex('verification_requests_line')
      .on('verification_requests')
      .columns(['subscriber_id', 'attended', 'at'])
      .execute();
  },
};
