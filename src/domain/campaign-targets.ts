/**
 * A campaign's targets as data: what is measured, the share to reach, and over which lines or
 * people (a carrier, a type of commune). The Circular's three are the standard set every campaign
 * starts with; the Department adds its own (docs/campaign.md).
 */
import type { AdminUnitType, Carrier } from './reference-data.ts';

/**
 * What a target counts. Lines of the target groups verified (each line once, whatever its
 * groups); citizens aged 14+ holding at least one active public digital signature (persons, not
 * certificates); agencies' staff who have self-checked their lines.
 */
export const CAMPAIGN_MEASURES = ['target_lines_verified', 'citizens_14plus_signed', 'staff_selfchecked'] as const;
export type CampaignMeasure = (typeof CAMPAIGN_MEASURES)[number];

export interface CampaignTarget {
  /** The target's key within its campaign: lowercase letters, digits and hyphens. */
  code: string;
  measure: CampaignMeasure;
  /** The share to reach, over 0 and at most 1 (0.7 is 70%). */
  goalShare: number;
  /** As the dashboard titles it, in Vietnamese. */
  label: string;
  /** Only this carrier's lines (a line measure only); null for all. */
  carrier: Carrier | null;
  /** Only communes of this type; null for all. */
  communeType: AdminUnitType | null;
}

export const TARGET_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The Circular's three targets, which a new campaign is given. */
export const STANDARD_CAMPAIGN_TARGETS: readonly CampaignTarget[] = [
  { code: 'thue-bao-xac-thuc', measure: 'target_lines_verified', goalShare: 1, label: 'Thuê bao thuộc nhóm đối tượng đã xác thực', carrier: null, communeType: null },
  { code: 'chu-ky-so-14-tuoi', measure: 'citizens_14plus_signed', goalShare: 0.7, label: 'Công dân từ 14 tuổi có chữ ký số công cộng', carrier: null, communeType: null },
  { code: 'cbccvc-tu-kiem-tra', measure: 'staff_selfchecked', goalShare: 1, label: 'CBCCVC-NLĐ đã tự kiểm tra thuê bao', carrier: null, communeType: null },
];

/** A carrier scope means something only for a measure of lines. */
export const LINE_MEASURES: readonly CampaignMeasure[] = ['target_lines_verified'];
