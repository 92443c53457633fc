import { sql, type Kysely, type Migration } from 'kysely';
import { STANDARD_CAMPAIGN_TARGETS } from '../../domain/index.ts';
import { columnTypes } from './column-types.ts';

/**
 * A campaign's targets as data (src/campaign, docs/campaign.md): what is measured, the share to
 * reach, over which carrier's lines or type of commune; edited by the province's admin, each
 * change audited. Campaigns already here get the Circular's three.
 */
export const campaignTargets: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await t
      .id(db.schema.createTable('campaign_targets'))
      .addColumn('campaign_id', t.bigint, (c) => c.notNull().references('campaigns.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('goal_share', 'real', (c) => c.notNull().check(sql`goal_share > 0 and goal_share <= 1`))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('carrier', 'text')
      .addColumn('commune_type', 'text')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('campaign_targets_code', ['campaign_id', 'code'])
      .execute();
    const campaigns = await sql<{ id: number }>`select id from campaigns`.execute(db);
    const at = new Date().toISOString();
    for (const { id } of campaigns.rows) {
      for (const target of STANDARD_CAMPAIGN_TARGETS) {
        await sql`insert into campaign_targets (campaign_id, code, measure, goal_share, label, carrier, commune_type, updated_at, updated_by)
          values (${id}, ${target.code}, ${target.measure}, ${target.goalShare}, ${target.label}, ${target.carrier}, ${target.communeType}, ${at}, 'migration')`.execute(db);
      }
    }
  },
};
