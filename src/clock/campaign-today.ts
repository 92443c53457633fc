/**
 * Today in the campaign, by the service's one clock in Vietnam time: what the web app's header
 * shows ("Ngày thứ N · còn M ngày").
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/open.ts';
import type { DB } from '../db/schema.ts';
import { campaignDate, campaignDay, campaignOfToday, formatCalendarDay, vietnamCalendarDate, type CampaignDay } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import type { Clock } from './clock.ts';
import { listCampaigns, type CampaignRow } from './campaign.repository.ts';

export interface CampaignToday extends CampaignDay {
  campaign: CampaignRow;
  /** YYYY-MM-DD in Vietnam. */
  today: string;
}

/**
 * The campaign the screens show today by the service's clock: the one running, else the next to
 * start, else the last to have ended. `db` may be a transaction's.
 * @throws AppError CAMPAIGN_NOT_FOUND when the database has no campaign
 */
export async function todaysCampaign(db: Kysely<DB>, clock: Clock): Promise<CampaignRow> {
  const campaign = campaignOfToday(await listCampaigns(db), formatCalendarDay(vietnamCalendarDate(clock.now())));
  if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
  return campaign;
}

/** @throws AppError CAMPAIGN_NOT_FOUND when the database has no campaign */
export async function campaignToday(db: Database, clock: Clock): Promise<CampaignToday> {
  const today = vietnamCalendarDate(clock.now());
  const campaign = await todaysCampaign(db.kysely, clock);
  return { campaign, today: formatCalendarDay(today), ...campaignDay(campaignDate(campaign.startsOn), campaignDate(campaign.endsOn), today) };
}
