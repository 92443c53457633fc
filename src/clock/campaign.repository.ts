/** The campaigns table as the campaign day reads it. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface CampaignRow {
  id: number;
  code: string;
  name: string;
  provinceCode: string;
  legalBasis: string;
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD */
  endsOn: string;
}

/** Every campaign (a province runs a handful at most). */
export async function listCampaigns(db: Kysely<DB>): Promise<CampaignRow[]> {
  const rows = await db.selectFrom('campaigns').select(['id', 'code', 'name', 'province_code', 'legal_basis', 'starts_on', 'ends_on']).orderBy('starts_on').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    provinceCode: r.province_code,
    legalBasis: r.legal_basis,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
  }));
}
