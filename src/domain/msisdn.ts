/**
 * Vietnamese mobile numbers (MSISDN) as people write them, normalised to the national 10-digit
 * form `0xxxxxxxxx` used everywhere in tttb.
 */
import type { Carrier, CarrierPrefix, ReferenceData } from './reference-data.ts';
import { foldFullWidth, removeDigitSeparators } from './text-noise.ts';

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
  unknown_prefix: 'Đầu số này không thuộc nhà mạng di động nào trong danh sách.',
  old_prefix_unknown: 'Đầu số 11 số cũ này không có trong bảng chuyển đổi đầu số năm 2018.',
};

/** Outcome of normalising a typed phone number. */
export interface MsisdnResult {
  valid: boolean;
  /** National 10-digit form `0xxxxxxxxx`, only when valid. */
  msisdn: string | null;
  /** Carrier owning the prefix — a hint only, since numbers can be ported between carriers. */
  carrier: Carrier | null;
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

const invalid = (reason: MsisdnReason): MsisdnResult => ({ valid: false, msisdn: null, carrier: null, reasons: [reason] });

/**
 * Normalises a phone number typed in any common way — `0…`, `84…`, `+84…`, `0084…`, `+84 (0)…`,
 * spaces, dots, dashes, parentheses, full-width digits, or the 9 digits left when a spreadsheet
 * dropped the leading 0 — to `0xxxxxxxxx`. Old 11-digit `01xx…` numbers are converted through the
 * table's old prefixes. The carrier returned is a hint: portability lets a number change carrier.
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
  if (nsn.length === MOBILE_NSN_LENGTH && !nsn.startsWith('1') && !nsn.startsWith('2')) {
    const entry = byPrefix.get(`0${nsn.slice(0, 2)}`);
    if (!entry) return invalid('unknown_prefix');
    return { valid: true, msisdn: `0${nsn}`, carrier: entry.carrier, reasons: [] };
  }
  if (nsn.length === OLD_MOBILE_NSN_LENGTH && nsn.startsWith('1')) {
    const entry = byOldPrefix.get(`0${nsn.slice(0, 3)}`);
    if (!entry) return invalid('old_prefix_unknown');
    return {
      valid: true,
      msisdn: entry.prefix + nsn.slice(3),
      carrier: entry.carrier,
      reasons: [],
      convertedFrom: `0${nsn}`,
    };
  }
  if (nsn.length === LANDLINE_NSN_LENGTH && nsn.startsWith('2')) return invalid('landline');
  return invalid('wrong_length');
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
