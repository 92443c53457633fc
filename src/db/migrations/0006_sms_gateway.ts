import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from './column-types.ts';

/**
 * The SMS link: the outbox learns where a message goes and what the SMSC made of it, and keeps
 * replies to numbers that are not (or not yet) in the registry, so `notices.subscriber_id`
 * becomes optional; every message received on 1414 is stored before it is answered.
 */
export const smsGateway: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    if (t.postgres) {
      await sql`alter table notices alter column subscriber_id drop not null`.execute(db);
    } else {
      // SQLite cannot drop NOT NULL in place: rebuild the table with the same rows and ids.
      await sql`create table notices_rebuilt (
        id integer primary key autoincrement,
        subscriber_id integer references subscribers(id),
        msisdn text not null,
        kind text not null,
        idempotency_key text not null unique,
        text text not null,
        created_at text not null,
        not_before text not null,
        status text not null default 'queued',
        sent_at text
      )`.execute(db);
      await sql`insert into notices_rebuilt select id, subscriber_id, msisdn, kind, idempotency_key, text, created_at, not_before, status, sent_at from notices`.execute(db);
      await sql`drop table notices`.execute(db);
      await sql`alter table notices_rebuilt rename to notices`.execute(db);
      await db.schema.createIndex('notices_queue').on('notices').columns(['status', 'not_before']).execute();
    }
    // Lines' notices are looked up by line (look-up, tests).
    await db.schema.createIndex('notices_subscriber').ifNotExists().on('notices').column('subscriber_id').execute();
    await db.schema.alterTable('notices').addColumn('carrier', 'text').execute();
    await db.schema.alterTable('notices').addColumn('sender', 'text').execute();
    await db.schema.alterTable('notices').addColumn('submit_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('notices').addColumn('last_error', 'text').execute();
    await db.schema.alterTable('notices').addColumn('smsc_message_id', 'text').execute();
    await db.schema.alterTable('notices').addColumn('delivery_status', 'text').execute();
    await db.schema.alterTable('notices').addColumn('delivered_at', t.timestamp).execute();
    await db.schema.createIndex('notices_smsc_message').on('notices').columns(['carrier', 'smsc_message_id']).execute();

    await t
      .id(db.schema.createTable('sms_inbound'))
      .addColumn('carrier', 'text', (c) => c.notNull())
      .addColumn('source_addr', 'text', (c) => c.notNull())
      .addColumn('destination_addr', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('received_at', t.timestamp, (c) => c.notNull())
      .addColumn('reply_notice_id', t.bigint)
      .execute();
    await db.schema
      .createIndex('sms_inbound_sender')
      .on('sms_inbound')
      .columns(['carrier', 'source_addr', 'received_at'])
      .execute();
  },
};
