import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * Carriers' events (src/carriers, docs/imports.md "Carriers' events"): what a carrier's system
 * reports about its lines — a standardisation notice sent (target group 2), the SIM seen in another
 * handset, the line closed, transferred to another holder, ported out. One row per event received,
 * with the carrier's own reference: the same reference again finds its row instead of applying
 * twice, and the row's instant orders it against later events of the same line. No personal data
 * beyond the line: a transfer's new holder is written to the line and its events, not here.
 */
export const carrierEvents: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await t
      .id(db.schema.createTable('carrier_events'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('subscriber_id', t.bigint, (c) => c.notNull().references('subscribers.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('received_at', t.timestamp, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('carrier_events_reference').on('carrier_events').columns(['source', 'reference']).unique().execute();
    await db.schema.createIndex('carrier_events_line').on('carrier_events').columns(['subscriber_id', 'at']).execute();
  },
};
