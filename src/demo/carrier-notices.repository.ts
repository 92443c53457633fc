/** The demo's carriers' notices written as the events service would have: target-group memberships of their lines. */
import { sql } from 'kysely';
import type { BulkWriter, Database } from '../db/open.ts';
import { instantValue } from '../db/instant-value.ts';
import type { DemoNotice } from './carrier-notices.ts';
import { groupBy } from './group-by.ts';

/** The carriers' notices as target-group memberships of their lines, one statement per day sent. */
export async function writeNotices(db: Database, writer: BulkWriter, notices: readonly DemoNotice[]): Promise<void> {
  for (const [at, sent] of groupBy(notices, (n) => n.at)) {
    const msisdns = sent.map((n) => n.msisdn);
    const since = instantValue(db.kysely, at);
    await writer.run(
      db.kysely
        .insertInto('target_memberships')
        .columns(['subscriber_id', 'target_group', 'source', 'detail', 'since'])
        .expression(
          db.kysely
            .selectFrom('subscribers')
            .select([
              'id',
              sql<string>`${'carrier_notice'}`.as('target_group'),
              sql<string>`${'carrier'}`.as('source'),
              sql<string>`${''}`.as('detail'),
              since.as('since'),
            ])
            .where('msisdn', 'in', msisdns),
        ),
    );
  }
}
