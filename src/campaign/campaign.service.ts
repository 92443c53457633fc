/**
 * The campaign as data: its dates, legal basis and province, its weeks, and its targets, which the
 * province's admin edits; every change is audited with what it was and what it became.
 */
import { auditChange as audit } from '../access/index.ts';
import { todaysCampaign, type CampaignRow, type Clock } from '../clock/index.ts';
import type { Database } from '../db/open.ts';
import { campaignDate, campaignWeeks, LINE_MEASURES, STANDARD_CAMPAIGN_TARGETS } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import {
  deleteTarget,
  findCampaign,
  findTarget,
  insertCampaign,
  updateCampaign,
  insertTarget,
  listTargets,
  updateTarget,
  type CampaignRecord,
  type CampaignValues,
  type TargetRecord,
  type TargetValues,
} from './campaign.repository.ts';
import type { CampaignInput, TargetInput } from './campaign.schema.ts';

/** Who changes the campaign or a target, and when (the service's one clock). */
export interface CampaignChange {
  actor: string;
  now: Date;
  requestId?: string | null;
  clientAddress?: string | null;
}

export async function campaignView(db: Database, clock: Clock) {
  const { id, ...campaign } = await todaysCampaign(db.kysely, clock);
  const stored = (await findCampaign(db.kysely, campaign.code)) as CampaignRecord;
  return {
    ...campaign,
    reportDeadline: { daysAfter: Number(stored.report_due_days), time: stored.report_due_time },
    weeks: campaignWeeks(campaignDate(campaign.startsOn), campaignDate(campaign.endsOn)),
    targets: (await listTargets(db.kysely, id)).map(targetView),
  };
}

function targetView(t: TargetRecord) {
  return {
    code: t.code,
    measure: t.measure,
    goalShare: Number(t.goal_share),
    label: t.label,
    carrier: t.carrier as TargetInput['carrier'],
    communeType: t.commune_type as TargetInput['communeType'],
    updatedAt: t.updated_at,
    updatedBy: t.updated_by,
  };
}

/**
 * Adds the target `code` to today's campaign or replaces it. A carrier narrows only a measure of
 * lines (people hold signatures and staff self-check whatever their carrier).
 * @throws AppError CAMPAIGN_NOT_FOUND, CAMPAIGN_TARGET_SCOPE_INVALID
 */
export async function setTarget(db: Database, clock: Clock, code: string, input: TargetInput, change: CampaignChange) {
  if (input.carrier !== null && !LINE_MEASURES.includes(input.measure)) throw new AppError('CAMPAIGN_TARGET_SCOPE_INVALID');
  return db.kysely.transaction().execute(async (trx) => {
    const campaign = await todaysCampaign(trx, clock);
    const before = await findTarget(trx, campaign.id, code);
    const values: TargetValues = {
      measure: input.measure,
      goal_share: input.goalShare,
      label: input.label,
      carrier: input.carrier,
      commune_type: input.communeType,
      updated_at: change.now.toISOString(),
      updated_by: change.actor,
    };
    if (before) await updateTarget(trx, Number(before.id), values);
    else await insertTarget(trx, campaign.id, code, values);
    const after = (await findTarget(trx, campaign.id, code)) as TargetRecord;
    await audit(trx, change, before ? 'campaign.target_change' : 'campaign.target_add', targetSubject(campaign, code), { before: before ? goal(before) : null, after: goal(after) });
    return targetView(after);
  });
}

/** Removes the target `code` from today's campaign. @throws AppError CAMPAIGN_NOT_FOUND, CAMPAIGN_TARGET_NOT_FOUND */
export async function removeTarget(db: Database, clock: Clock, code: string, change: CampaignChange): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const campaign = await todaysCampaign(trx, clock);
    const before = await findTarget(trx, campaign.id, code);
    if (!before) throw new AppError('CAMPAIGN_TARGET_NOT_FOUND');
    await deleteTarget(trx, Number(before.id));
    await audit(trx, change, 'campaign.target_remove', targetSubject(campaign, code), { before: goal(before), after: null });
  });
}

/**
 * Creates the campaign `code` with the Circular's three targets, or changes its name, province,
 * legal basis or dates; audited with what it was and what it became.
 */
export async function setCampaign(db: Database, code: string, input: CampaignInput, change: CampaignChange): Promise<{ code: string; created: boolean }> {
  const values: CampaignValues = {
    name: input.name,
    province_code: input.provinceCode,
    legal_basis: input.legalBasis,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    report_due_days: input.reportDeadline.daysAfter,
    report_due_time: input.reportDeadline.time,
  };
  return db.kysely.transaction().execute(async (trx) => {
    const before = await findCampaign(trx, code);
    if (before) await updateCampaign(trx, Number(before.id), values);
    else {
      const id = await insertCampaign(trx, code, values);
      for (const target of STANDARD_CAMPAIGN_TARGETS) {
        const { code: targetCode, measure, goalShare, label, carrier, communeType } = target;
        await insertTarget(trx, id, targetCode, { measure, goal_share: goalShare, label, carrier, commune_type: communeType, updated_at: change.now.toISOString(), updated_by: change.actor });
      }
    }
    const kept = (c: CampaignRecord) => ({
      name: c.name,
      provinceCode: c.province_code,
      legalBasis: c.legal_basis,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      reportDeadline: { daysAfter: Number(c.report_due_days), time: c.report_due_time },
    });
    const after = (await findCampaign(trx, code)) as CampaignRecord;
    await audit(trx, change, before ? 'campaign.change' : 'campaign.create', { type: 'campaign', id: code }, { before: before ? kept(before) : null, after: kept(after) });
    return { code, created: !before };
  });
}

/** What a target asks, as the audit log keeps it. */
function goal(t: TargetRecord) {
  return { measure: t.measure, goalShare: Number(t.goal_share), label: t.label, carrier: t.carrier, communeType: t.commune_type };
}

/** A target is named within its campaign: `AG-2026/chu-ky-so-14-tuoi`. */
const targetSubject = (campaign: CampaignRow, code: string) => ({ type: 'campaign_target', id: `${campaign.code}/${code}` });
