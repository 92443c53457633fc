import type { Kysely, Migration } from 'kysely';

/**
 * A message to the short code whose octets are not readable text (binary data_coding, UCS-2 of an
 * odd length, a broken user data header…) is kept as `unreadable`, with text '' and the number of
 * octets it came with: it is acknowledged and answered with the help text, not refused, so the
 * SMSC stops delivering it again (docs/domain.md, the self-check by SMS).
 */
export const smsUnreadable: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('sms_inbound').addColumn('state', 'text', (c) => c.notNull().defaultTo('received')).execute();
    await db.schema.alterTable('sms_inbound').addColumn('raw_octets', 'integer').execute();
  },
};
