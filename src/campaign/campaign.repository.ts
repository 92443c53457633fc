/** The campaign's SQL: the campaigns and their targets. */
import type { Kysely, Selectable } from 'kysely';
import type { CampaignTable, CampaignTargetTable, DB } from '../db/schema.ts';

export type CampaignRecord = Selectable<CampaignTable>;
export type TargetRecord = Selectable<CampaignTargetTable>;

/** A campaign's targets, in the order they were added. */
export async function listTargets(db: Kysely<DB>, campaignId: number): Promise<TargetRecord[]> {
  return db.selectFrom('campaign_targets').selectAll().where('campaign_id', '=', campaignId).orderBy('id').execute();
}

export async function findTarget(db: Kysely<DB>, campaignId: number, code: string): Promise<TargetRecord | undefined> {
  return db.selectFrom('campaign_targets').selectAll().where('campaign_id', '=', campaignId).where('code', '=', code).executeTakeFirst();
}

export type TargetValues = Omit<TargetRecord, 'id' | 'campaign_id' | 'code'>;

export async function insertTarget(db: Kysely<DB>, campaignId: number, code: string, values: TargetValues): Promise<void> {
  await db.insertInto('campaign_targets').values({ campaign_id: campaignId, code, ...values }).execute();
}

export async function updateTarget(db: Kysely<DB>, id: number, values: TargetValues): Promise<void> {
  await db.updateTable('campaign_targets').set(values).where('id', '=', id).execute();
}

export async function deleteTarget(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('campaign_targets').where('id', '=', id).execute();
}

export async function findCampaign(db: Kysely<DB>, code: string): Promise<CampaignRecord | undefined> {
  return db.selectFrom('campaigns').selectAll().where('code', '=', code).executeTakeFirst();
}

export type CampaignValues = Pick<CampaignRecord, 'name' | 'province_code' | 'legal_basis' | 'starts_on' | 'ends_on' | 'report_due_days' | 'report_due_time'>;

/** A new campaign; its id. */
export async function insertCampaign(db: Kysely<DB>, code: string, values: CampaignValues): Promise<number> {
  const { id } = await db.insertInto('campaigns').values({ code, ...values }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateCampaign(db: Kysely<DB>, id: number, values: CampaignValues): Promise<void> {
  await db.updateTable('campaigns').set(values).where('id', '=', id).execute();
}
