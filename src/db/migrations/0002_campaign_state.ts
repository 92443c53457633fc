import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * What the campaign needs on every line: when verification became required (the roadmap's clock),
 * target-group memberships, and the notice outbox.
 */
export const campaignState: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema.alterTable('subscribers').addColumn('verification_required_since', t.timestamp).execute();
    await db.schema.alterTable('subscribers').addColumn('verification_required_reason', 'text').execute();
    await db.schema.alterTable('subscribers').addColumn('device_changed_at', t.timestamp).execute();
    await db.schema
      .createIndex('subscribers_required_since')
      .on('subscribers')
      .columns(['verification_required_since'])
      .execute();

    await t
      .id(db.schema.createTable('target_memberships'))
      .addColumn('subscriber_id', t.bigint, (c) => c.notNull().references('subscribers.id'))
      .addColumn('target_group', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('since', t.timestamp, (c) => c.notNull())
      .addColumn('ended_at', t.timestamp)
      .addUniqueConstraint('target_memberships_unique', ['subscriber_id', 'target_group', 'detail'])
      .execute();
    await db.schema.createIndex('target_memberships_group').on('target_memberships').columns(['target_group', 'ended_at']).execute();

    await t
      .id(db.schema.createTable('notices'))
      .addColumn('subscriber_id', t.bigint, (c) => c.notNull().references('subscribers.id'))
      .addColumn('msisdn', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('not_before', t.timestamp, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
      .addColumn('sent_at', t.timestamp)
      .execute();
    await db.schema.createIndex('notices_queue').on('notices').columns(['status', 'not_before']).execute();
  },
};
