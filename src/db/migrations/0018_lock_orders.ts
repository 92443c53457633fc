import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Lock and unlock orders out to the carriers (src/carriers, docs/imports.md "Lock orders"): tttb
 * decides when a line is one-way locked, two-way locked, terminated or unlocked; the carrier's
 * network does it. Each decision is an order its carrier reads from a feed (in id order, from a
 * cursor) and confirms; `due_at` is the instant the step became due, so confirmed_at − due_at is
 * what the 2-hour rule measures. `subscribers.lock_state` says whether the line's lock level is
 * one the carrier has confirmed (`confirmed`) or only ordered (`ordered`): tttb never claims a lock
 * the network has not applied. Lines present before orders existed count as confirmed.
 */
export const lockOrders: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await t
      .id(db.schema.createTable('lock_orders'))
      .addColumn('subscriber_id', t.bigint, (c) => c.notNull().references('subscribers.id'))
      .addColumn('carrier', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('due_at', t.timestamp, (c) => c.notNull())
      .addColumn('ordered_at', t.timestamp, (c) => c.notNull())
      .addColumn('confirmed_at', t.timestamp)
      .addColumn('confirmed_by', 'text')
      .execute();
    await db.schema.createIndex('lock_orders_feed').on('lock_orders').columns(['carrier', 'id']).execute();
    await db.schema.createIndex('lock_orders_line').on('lock_orders').columns(['subscriber_id', 'id']).execute();
    await db.schema.createIndex('lock_orders_open').on('lock_orders').columns(['confirmed_at', 'due_at']).execute();
    await db.schema.alterTable('subscribers').addColumn('lock_state', 'text', (c) => c.notNull().defaultTo('confirmed')).execute();
  },
};
