/**
 * Shapes of the reference tables the domain rules work with. The domain owns these types but never
 * reads files: `src/reference` loads the tables and callers pass them in.
 */

/** Every mobile carrier (network operator or MVNO) a prefix can belong to. */
export const CARRIERS = ['viettel', 'vinaphone', 'mobifone', 'vietnamobile', 'gmobile', 'itel', 'wintel'] as const;

export type Carrier = (typeof CARRIERS)[number];

/** `sure` = confirmed by several sources; `assumed` = a default that may need correcting. */
export type PrefixConfidence = 'sure' | 'assumed';

/** One row of the carrier prefix table. */
export interface CarrierPrefix {
  /** Three-digit national prefix of the current 10-digit numbers, e.g. `091`. */
  prefix: string;
  carrier: Carrier;
  /** Four-digit prefix of the 11-digit numbers converted to `prefix` in 2018, e.g. `0162`. */
  oldPrefix: string | null;
  confidence: PrefixConfidence;
}

/** The tables the identifier rules need. */
export interface ReferenceData {
  /** Three-digit personal-ID province (or country) code → province name on the old 63-province list. */
  provinceCodes: ReadonlyMap<string, string>;
  carrierPrefixes: readonly CarrierPrefix[];
}

/** Kinds of commune-level unit since 1/7/2025 (there is no district level any more). */
export const ADMIN_UNIT_TYPES = ['xa', 'phuong', 'dac_khu'] as const;

export type AdminUnitType = (typeof ADMIN_UNIT_TYPES)[number];

/** A commune-level administrative unit: the code is the key, the name is for display only. */
export interface AdminUnit {
  code: string;
  name: string;
  type: AdminUnitType;
}

/** Type guard for a carrier name as spelled in the reference table. */
export function isCarrier(value: string): value is Carrier {
  return (CARRIERS as readonly string[]).includes(value);
}

/** Type guard for an administrative unit type as spelled in the reference table. */
export function isAdminUnitType(value: string): value is AdminUnitType {
  return (ADMIN_UNIT_TYPES as readonly string[]).includes(value);
}

/** The two provinces merged into the new An Giang on 1/7/2025, as the old-unit table writes them. */
export const OLD_PROVINCES = ['An Giang', 'Kiên Giang'] as const;

export type OldProvince = (typeof OLD_PROVINCES)[number];

/** Type words that start an old commune-level unit's name in the old-unit table. */
export const OLD_COMMUNE_TYPE_WORDS = ['Xã', 'Phường', 'Thị trấn'] as const;

/** Type words that start an old district's name in the old-unit table. */
export const OLD_DISTRICT_TYPE_WORDS = ['Huyện', 'Thị xã', 'Thành phố'] as const;

/**
 * One row of the table of units before 1/7/2025 (`data/an_giang_units_before_2025.csv`): an old
 * commune-level unit and the new unit that took it over. A unit split between several new units
 * has one row per new unit, each with `split` set.
 */
export interface OldUnit {
  /** The 5-digit GSO code before the merger; it shares one number space with the new codes. */
  oldCode: string;
  /** Full name with its type word, e.g. `Xã Vĩnh Châu`. */
  oldName: string;
  /** Full district name with its type word, e.g. `Thành phố Châu Đốc`. */
  oldDistrict: string;
  oldProvince: OldProvince;
  /** Code of the new unit in `an_giang_units.csv`. */
  newCode: string;
  split: boolean;
}

/** Type guard for an old province name as spelled in the old-unit table. */
export function isOldProvince(value: string): value is OldProvince {
  return (OLD_PROVINCES as readonly string[]).includes(value);
}
