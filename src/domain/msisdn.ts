/**
 * Vietnamese mobile numbers (MSISDN) as people write them, normalised to the national 10-digit
 * form `0xxxxxxxxx` used everywhere in tttb.
 *
 * A current number is judged by two sources: tttb's prefix table (`data/carrier_prefixes.csv`: the
 * carrier hint and the 2018 conversion of 11-digit numbers, which the plan does not know) and the
 * national numbering plan as libphonenumber-js knows it (numbering-plan.ts). Either is enough: a
 * real number must not be rejected because the hand-kept table is older than the plan, and the
 * plan's metadata can lag behind an allocation too. Sampled over every prefix `0[1-9][0-9]` × 4
 * endings (`0000000`, `1234567`, `5555555`, `9999999`), the two disagree on 29 of 360 numbers
 * (libphonenumber-js 1.13.16): only the plan knows 012, 014, 016, 030, 031, 051 and 095 numbers,
 * only the table 052, 055 and 089 ones (the plan knows just 0522/0523/0528 and 0896–0899).
 */
import type { Carrier, CarrierPrefix, ReferenceData } from './reference-data.ts';
import { numberingPlanVerdict } from './numbering-plan.ts';
import { foldFullWidth, removeDigitSeparators } from './text-noise.ts';
import type { MsisdnKnownBy } from './vocabulary.ts';

/** Why a number was not accepted as a mobile number; each failure has its own stable code. */
export type MsisdnReason =
  | 'empty'
  | 'not_digits'
  | 'foreign_number'
  | 'wrong_length'
  | 'landline'
  | 'not_mobile'
  | 'unknown_prefix'
  | 'old_prefix_unknown';

/** Vietnamese explanation of each reason. */
export const MSISDN_REASON_MESSAGES_VI: Readonly<Record<MsisdnReason, string>> = {
  empty: 'Chưa nhập số điện thoại.',
  not_digits: 'Số điện thoại chỉ được gồm chữ số (có thể có dấu + ở đầu).',
  foreign_number: 'Đây không phải số điện thoại Việt Nam (mã quốc gia khác +84).',
  wrong_length: 'Số di động phải có 10 chữ số (ví dụ 0912345678).',
  landline: 'Đây là số điện thoại cố định, không phải số di động.',
  not_mobile: 'Đây là số dịch vụ hoặc đầu số ngắn, không phải số di động.',
  unknown_prefix: 'Đầu số này không có trong bảng đầu số của tttb và cũng không có trong kế hoạch đánh số quốc gia.',
  old_prefix_unknown: 'Đầu số 11 số cũ này không có trong bảng chuyển đổi đầu số năm 2018.',
};

/**
 * Why a number only one source knows is still accepted, and what must happen next: the carrier,
 * whose data says who holds a line, confirms it.
 */
export const MSISDN_SOURCE_NOTES_VI: Readonly<Record<Exclude<MsisdnKnownBy, 'both'>, string>> = {
  carrier_table: 'Đầu số có trong bảng đầu số của tttb nhưng chưa có trong kế hoạch đánh số quốc gia; cần nhà mạng xác nhận.',
  numbering_plan: 'Đầu số chưa có trong bảng đầu số của tttb nhưng có trong kế hoạch đánh số quốc gia; cần nhà mạng xác nhận.',
};

/** Outcome of normalising a typed phone number. */
export interface MsisdnResult {
  valid: boolean;
  /** National 10-digit form `0xxxxxxxxx`, only when valid. */
  msisdn: string | null;
  /**
   * Carrier owning the prefix in tttb's table — a hint only, since numbers can be ported between
   * carriers; null when the table does not know the prefix (also for a valid number the plan knows).
   */
  carrier: Carrier | null;
  /** Which sources know the number, only when valid: one source alone asks for the carrier's word. */
  knownBy: MsisdnKnownBy | null;
  reasons: MsisdnReason[];
  /** The old 11-digit national form, when the number was converted from it. */
  convertedFrom?: string;
}

const COUNTRY_CODE = '84';
/** Digits after the trunk `0`: 9 for mobiles, 10 for the old 01xx mobiles and for landlines. */
const MOBILE_NSN_LENGTH = 9;
const OLD_MOBILE_NSN_LENGTH = 10;
const LANDLINE_NSN_LENGTH = 10;
const MAX_SHORT_CODE_LENGTH = 6;
const SERVICE_NUMBER_PREFIXES = ['1800', '1900'];

interface PrefixIndex {
  byPrefix: ReadonlyMap<string, CarrierPrefix>;
  byOldPrefix: ReadonlyMap<string, CarrierPrefix>;
}

// Indexed once per table object: normalisation runs on every imported row.
const prefixIndexes = new WeakMap<readonly CarrierPrefix[], PrefixIndex>();

function indexPrefixes(table: readonly CarrierPrefix[]): PrefixIndex {
  let index = prefixIndexes.get(table);
  if (!index) {
    index = {
      byPrefix: new Map(table.map((p) => [p.prefix, p])),
      byOldPrefix: new Map(table.flatMap((p) => (p.oldPrefix ? [[p.oldPrefix, p] as const] : []))),
    };
    prefixIndexes.set(table, index);
  }
  return index;
}

const invalid = (reason: MsisdnReason): MsisdnResult => ({ valid: false, msisdn: null, carrier: null, knownBy: null, reasons: [reason] });

/**
 * Normalises a phone number typed in any common way — `0…`, `84…`, `+84…`, `0084…`, `+84 (0)…`,
 * spaces, dots, dashes, parentheses, full-width digits, or the 9 digits left when a spreadsheet
 * dropped the leading 0 — to `0xxxxxxxxx`. Old 11-digit `01xx…` numbers are converted through the
 * table's old prefixes. A 10-digit number is valid when the table knows its prefix or the plan says
 * it is a mobile (`knownBy` tells which). The carrier returned is a hint: portability lets a number
 * change carrier.
 */
export function normalizeMsisdn(input: string, ref: ReferenceData): MsisdnResult {
  const cleaned = removeDigitSeparators(foldFullWidth(input)).replace(/[()]/g, '');
  if (cleaned === '') return invalid('empty');
  if (!/^\+?\d+$/.test(cleaned)) return invalid('not_digits');

  const split = splitNationalNumber(cleaned);
  if (split === 'foreign') return invalid('foreign_number');
  const { nsn, hadPrefix } = split;

  if (SERVICE_NUMBER_PREFIXES.some((p) => nsn.startsWith(p))) return invalid('not_mobile');
  if (!hadPrefix && nsn.length <= MAX_SHORT_CODE_LENGTH && !nsn.startsWith('0')) return invalid('not_mobile');

  const { byPrefix, byOldPrefix } = indexPrefixes(ref.carrierPrefixes);
  if (nsn.length === MOBILE_NSN_LENGTH) {
    const entry = byPrefix.get(`0${nsn.slice(0, 2)}`);
    const plan = numberingPlanVerdict(nsn);
    const knownBy = sourcesKnowing(entry !== undefined, plan === 'mobile');
    if (knownBy === null) return invalid(plan === 'landline' ? 'landline' : unknownTenDigitReason(nsn));
    return { valid: true, msisdn: `0${nsn}`, carrier: entry?.carrier ?? null, knownBy, reasons: [] };
  }
  if (nsn.length === OLD_MOBILE_NSN_LENGTH && nsn.startsWith('1')) {
    const entry = byOldPrefix.get(`0${nsn.slice(0, 3)}`);
    if (!entry) return invalid('old_prefix_unknown');
    // The conversion is the table's alone; the plan still says whether the new number exists.
    const converted = entry.prefix.slice(1) + nsn.slice(3);
    return {
      valid: true,
      msisdn: `0${converted}`,
      carrier: entry.carrier,
      knownBy: numberingPlanVerdict(converted) === 'mobile' ? 'both' : 'carrier_table',
      reasons: [],
      convertedFrom: `0${nsn}`,
    };
  }
  // An 11-digit `02…` number has the shape of a geographic fixed line (the plan says FIXED_LINE for
  // the allocated area codes); allocated or not, no mobile has ever had that shape.
  if (nsn.length === LANDLINE_NSN_LENGTH && nsn.startsWith('2')) return invalid('landline');
  return invalid('wrong_length');
}

function sourcesKnowing(table: boolean, plan: boolean): MsisdnKnownBy | null {
  if (table) return plan ? 'both' : 'carrier_table';
  return plan ? 'numbering_plan' : null;
}

/**
 * A 10-digit number neither source knows. The table's prefixes start `03`–`09`; a `01…` or `02…`
 * one is most likely an old 11-digit mobile or a landline that lost a digit: its length is what to fix.
 */
function unknownTenDigitReason(nsn: string): MsisdnReason {
  return nsn.startsWith('1') || nsn.startsWith('2') ? 'wrong_length' : 'unknown_prefix';
}

/**
 * Splits off the country code or trunk `0`, leaving the national significant number (NSN).
 * `hadPrefix` tells whether one was present: a bare `1414` is a short code, `01414` is not.
 */
function splitNationalNumber(cleaned: string): { nsn: string; hadPrefix: boolean } | 'foreign' {
  let international: string | null = null;
  if (cleaned.startsWith('+')) international = cleaned.slice(1);
  else if (cleaned.startsWith('00')) international = cleaned.slice(2);
  // Without `+`, `84` is a country code only when too many digits follow for a national number:
  // `84xxxxxxx` (9 digits) is a 084 number whose leading 0 was dropped.
  else if (cleaned.startsWith(COUNTRY_CODE) && cleaned.length > MOBILE_NSN_LENGTH + 1) international = cleaned;

  if (international !== null) {
    if (!international.startsWith(COUNTRY_CODE)) return 'foreign';
    // `+84 (0) 912…`: the trunk 0 written after the country code is dropped when dialling.
    const afterCountry = international.slice(COUNTRY_CODE.length);
    return { nsn: afterCountry.startsWith('0') ? afterCountry.slice(1) : afterCountry, hadPrefix: true };
  }
  if (cleaned.startsWith('0')) return { nsn: cleaned.slice(1), hadPrefix: true };
  return { nsn: cleaned, hadPrefix: false };
}

/**
 * Masks a phone number for lists and self-check replies, keeping the first two and last two
 * characters: `0912345678` → `09******78`. Inputs of four characters or fewer are fully masked.
 */
export function maskMsisdn(msisdn: string): string {
  const kept = 2;
  if (msisdn.length <= kept * 2) return '*'.repeat(msisdn.length);
  return msisdn.slice(0, kept) + '*'.repeat(msisdn.length - kept * 2) + msisdn.slice(-kept);
}
