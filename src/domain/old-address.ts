/**
 * Addresses as carriers still write them, with the commune, district and province from before
 * 1/7/2025, resolved to the new commune-level unit through the old-unit table (docs/domain.md,
 * "Old addresses"). Names are compared as written with or without their type word or its
 * abbreviation, in any case, spacing, tone-mark placement, and with or without diacritics; a name
 * that matches nothing is unknown, never a near guess, and the units split between several new ones
 * are left for a person to decide.
 */
import { canonicalName } from './person-name.ts';
import { namesPlace, readPlaceName, readTableName, spelledAs, typeWords, unitsNamed, type TableName } from './place-name.ts';
import {
  OLD_PROVINCES,
  type OLD_COMMUNE_TYPE_WORDS,
  type OLD_DISTRICT_TYPE_WORDS,
  type OldProvince,
  type OldUnit,
} from './reference-data.ts';

type OldCommuneTypeWord = (typeof OLD_COMMUNE_TYPE_WORDS)[number];
type OldDistrictTypeWord = (typeof OLD_DISTRICT_TYPE_WORDS)[number];

/** An address as written in a subscriber file; an empty or missing part is not given. */
export interface OldAddress {
  commune: string;
  district?: string;
  province?: string;
}

/**
 * Where an old address leads:
 * - `mapped`: one old unit, taken over whole by the new unit `code`;
 * - `split`: one old unit, divided between the new units `candidates` (a person decides);
 * - `unknown`: no old unit has this name (in this district and province, where given);
 * - `ambiguous`: several old units fit what was written (`candidates`: their old codes), e.g. a
 *   commune name found in several districts and no district, or none that tells them apart.
 */
export type OldAddressResolution =
  | { readonly kind: 'mapped'; readonly code: string; readonly oldCode: string }
  | { readonly kind: 'split'; readonly oldCode: string; readonly candidates: readonly string[] }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] };

/** The stable code of each outcome that does not give a new unit. */
export const OLD_ADDRESS_REASONS = {
  split: 'OLD_COMMUNE_SPLIT',
  ambiguous: 'OLD_COMMUNE_AMBIGUOUS',
  unknown: 'OLD_COMMUNE_UNKNOWN',
} as const;

export type OldAddressReason = (typeof OLD_ADDRESS_REASONS)[keyof typeof OLD_ADDRESS_REASONS];

/** A non-mapped outcome as a person reads it: its code and a Vietnamese message. */
export interface OldAddressProblem {
  code: OldAddressReason;
  message: string;
}

/** One old unit of the table, its names read once. */
export interface IndexedOldUnit {
  oldCode: string;
  /** One new code, or several for a unit split between new units (in table order). */
  newCodes: readonly string[];
  name: TableName;
  district: TableName;
  province: OldProvince;
  /** The table's first row of the unit, for messages. */
  row: OldUnit;
}

/** The old-unit table indexed for {@link resolveOldAddress}; build it once with {@link indexOldUnits}. */
export interface OldUnitIndex {
  /** Units by the bare name of the commune (no type word, no diacritics): the one lookup a resolution makes. */
  readonly byBareName: ReadonlyMap<string, readonly IndexedOldUnit[]>;
  readonly byOldCode: ReadonlyMap<string, IndexedOldUnit>;
  /**
   * Resolutions by the address as written: a subscriber file repeats the same few thousand
   * spellings over millions of rows, so each is read once.
   */
  readonly memo: Map<string, OldAddressResolution>;
}

// `satisfies` holds these to exactly the type words the table's loader accepts.
const COMMUNE_TYPES = typeWords({ Xã: ['x'], Phường: ['p'], 'Thị trấn': ['tt'] } satisfies Record<OldCommuneTypeWord, readonly string[]>);

const DISTRICT_TYPES = typeWords({ Huyện: ['h'], 'Thị xã': ['tx'], 'Thành phố': ['tp'] } satisfies Record<OldDistrictTypeWord, readonly string[]>);

const PROVINCE_TYPES = typeWords({ Tỉnh: [] });

// The plates' and officials' two-letter short forms; no other province was abbreviated so, and
// only these two can match the table anyway.
const PROVINCE_ABBREVIATIONS: Readonly<Record<OldProvince, string>> = { 'An Giang': 'ag', 'Kiên Giang': 'kg' };

const PROVINCE_NAMES = OLD_PROVINCES.map((province) => ({ province, key: canonicalName(province) }));

const MEMO_LIMIT = 100_000;

const UNKNOWN: OldAddressResolution = Object.freeze({ kind: 'unknown' });

/** The province written, `undefined` when none was, `null` when it is neither old province. */
function readProvince(text: string): OldProvince | null | undefined {
  const name = readPlaceName(text, PROVINCE_TYPES);
  if (name === null) return undefined;
  const found = PROVINCE_NAMES.find(({ province, key }) => spelledAs(name.key, key) || name.key === PROVINCE_ABBREVIATIONS[province]);
  return found?.province ?? null;
}

/**
 * Indexes the rows of the old-unit table (one per old unit, several for a split one) for
 * {@link resolveOldAddress}. The rows are expected valid, as `loadOldUnits` gives them.
 */
export function indexOldUnits(rows: readonly OldUnit[]): OldUnitIndex {
  const byOldCode = new Map<string, IndexedOldUnit>();
  for (const row of rows) {
    const known = byOldCode.get(row.oldCode);
    if (known) {
      byOldCode.set(row.oldCode, { ...known, newCodes: [...known.newCodes, row.newCode] });
      continue;
    }
    byOldCode.set(row.oldCode, {
      oldCode: row.oldCode,
      newCodes: [row.newCode],
      name: readTableName(row.oldName, COMMUNE_TYPES, `old unit ${row.oldCode}`),
      district: readTableName(row.oldDistrict, DISTRICT_TYPES, `old unit ${row.oldCode}`),
      province: row.oldProvince,
      row,
    });
  }
  const byBareName = new Map<string, IndexedOldUnit[]>();
  for (const unit of byOldCode.values()) {
    byBareName.set(unit.name.bare, [...(byBareName.get(unit.name.bare) ?? []), unit]);
  }
  return { byBareName, byOldCode, memo: new Map() };
}

/**
 * Resolves an old address (commune, and district and province where given) to the new unit. After
 * the first time a spelling is met this is one map lookup.
 */
export function resolveOldAddress(index: OldUnitIndex, address: OldAddress): OldAddressResolution {
  const { commune, district = '', province = '' } = address;
  // Lengths first, so no text in one part can pass for a boundary between parts.
  const memoKey = `${commune.length}:${district.length}:${commune}${district}${province}`;
  let resolution = index.memo.get(memoKey);
  if (!resolution) {
    resolution = resolve(index, address);
    // A file of garbage must not grow the memo without end; the spellings worth keeping come back.
    if (index.memo.size >= MEMO_LIMIT) index.memo.clear();
    index.memo.set(memoKey, resolution);
  }
  return resolution;
}

function resolve(index: OldUnitIndex, address: OldAddress): OldAddressResolution {
  const commune = readPlaceName(address.commune, COMMUNE_TYPES);
  const district = readPlaceName(address.district ?? '', DISTRICT_TYPES);
  const province = readProvince(address.province ?? '');
  if (commune === null || province === null) return UNKNOWN;
  const found = unitsNamed(
    commune,
    (index.byBareName.get(commune.bare) ?? []).filter(
      (unit) => (district === null || namesPlace(district, unit.district)) && (province === undefined || province === unit.province),
    ),
  );
  const [only] = found;
  if (only === undefined) return UNKNOWN;
  if (found.length > 1) return Object.freeze({ kind: 'ambiguous', candidates: Object.freeze(found.map((unit) => unit.oldCode).sort()) });
  const [code] = only.newCodes;
  if (code !== undefined && only.newCodes.length === 1) return Object.freeze({ kind: 'mapped', code, oldCode: only.oldCode });
  return Object.freeze({ kind: 'split', oldCode: only.oldCode, candidates: Object.freeze([...only.newCodes]) });
}

/** `Xã Vĩnh Châu (Thành phố Châu Đốc, tỉnh An Giang)`: a unit of the table, as a message names it. */
function describeUnit(unit: IndexedOldUnit): string {
  return `${unit.row.oldName} ${whereIs(unit)}`;
}

/** `Xã cũ Vĩnh Châu (Thành phố Châu Đốc, tỉnh An Giang)`. */
function describeOldUnit(unit: IndexedOldUnit): string {
  return `${unit.name.type} cũ ${unit.row.oldName.slice(unit.name.type.length + 1)} ${whereIs(unit)}`;
}

function whereIs(unit: IndexedOldUnit): string {
  return `(${unit.row.oldDistrict}, tỉnh ${unit.row.oldProvince})`;
}

/**
 * The code and Vietnamese message of an outcome that gives no new unit (null for `mapped`). Messages
 * name old units from the table only, never what the file wrote.
 */
export function describeOldAddressProblem(index: OldUnitIndex, resolution: OldAddressResolution): OldAddressProblem | null {
  const unitsOf = (codes: readonly string[]): IndexedOldUnit[] => codes.flatMap((code) => index.byOldCode.get(code) ?? []);
  switch (resolution.kind) {
    case 'mapped':
      return null;
    case 'split': {
      const unit = index.byOldCode.get(resolution.oldCode);
      const place = unit ? describeOldUnit(unit) : `Đơn vị cũ mã ${resolution.oldCode}`;
      return { code: OLD_ADDRESS_REASONS.split, message: `${place} đã được chia cho nhiều xã, phường mới; cần người xác định.` };
    }
    case 'ambiguous':
      return {
        code: OLD_ADDRESS_REASONS.ambiguous,
        message:
          `Địa chỉ cũ khớp với nhiều xã, phường, thị trấn cũ: ${unitsOf(resolution.candidates).map(describeUnit).join('; ')}. ` +
          'Cần ghi rõ xã, phường hay thị trấn, tên có dấu, huyện và tỉnh cũ, hoặc cần người xác định.',
      };
    case 'unknown':
      return {
        code: OLD_ADDRESS_REASONS.unknown,
        message:
          'Không tìm thấy xã, phường, thị trấn cũ này trong danh mục đơn vị hành chính trước ngày 1/7/2025 của tỉnh An Giang và ' +
          'tỉnh Kiên Giang; cần người xác định.',
      };
  }
}
