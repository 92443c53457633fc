/**
 * SMS length and cost (GSM 03.38 / 3GPP TS 23.038): what a notice template costs in parts, and a
 * transliteration that keeps Vietnamese notices in the cheaper GSM-7 alphabet (DOMAIN.md §7).
 */
import { stripDiacritics } from './diacritics.ts';

/** Size of a message: its encoding, length in encoding units, and number of SMS parts. */
export interface SmsAnalysis {
  encoding: 'gsm7' | 'ucs2';
  /** GSM-7 septets (extension characters count 2) or UTF-16 code units for UCS-2. */
  units: number;
  parts: number;
}

// The GSM 03.38 default alphabet (the escape code 0x1B is not a character and is left out).
const GSM7_BASIC = new Set([
  ...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?',
  ...'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
]);
// Characters of the extension table: sent as escape + code, so they take two septets.
const GSM7_EXTENSION = new Set([...'\f^{}\\[~]|€']);

const GSM7_SINGLE_LIMIT = 160;
const GSM7_PART_SIZE = 153; // 7 septets of each part go to the concatenation header
const UCS2_SINGLE_LIMIT = 70;
const UCS2_PART_SIZE = 67;

/** Septets a character takes in GSM-7, or null when GSM-7 cannot encode it. */
function gsm7Units(ch: string): 1 | 2 | null {
  if (GSM7_BASIC.has(ch)) return 1;
  if (GSM7_EXTENSION.has(ch)) return 2;
  return null;
}

/**
 * Measures a message as a phone would send it: GSM-7 when every character is in the default
 * alphabet or its extension table, UCS-2 otherwise (any Vietnamese letter with a tone forces it).
 * Long messages are split into parts greedily, never splitting an escape pair or a surrogate pair.
 */
export function analyzeSms(text: string): SmsAnalysis {
  const chars = [...text];
  const septets: number[] = [];
  for (const ch of chars) {
    const units = gsm7Units(ch);
    if (units === null) {
      const codeUnits = chars.map((c) => c.length); // 2 for a surrogate pair
      return { encoding: 'ucs2', units: text.length, parts: countParts(codeUnits, UCS2_SINGLE_LIMIT, UCS2_PART_SIZE) };
    }
    septets.push(units);
  }
  return { encoding: 'gsm7', units: sum(septets), parts: countParts(septets, GSM7_SINGLE_LIMIT, GSM7_PART_SIZE) };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

/** Parts needed for characters of the given sizes; an empty message still costs one part. */
function countParts(sizes: readonly number[], singleLimit: number, partSize: number): number {
  if (sum(sizes) <= singleLimit) return 1;
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > partSize) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

// Typographic characters word processors put into notice templates, with their plain equivalents.
const TYPOGRAPHIC_EQUIVALENTS: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/gu, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/gu, '"'],
  [/[\u2010-\u2015\u2212\u2022]/gu, '-'],
  [/\u2026/gu, '...'],
  [/[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/gu, ' '],
  [/[\u200B-\u200D\u2060\uFEFF\u00AD]/gu, ''], // invisible: zero-width spaces and joiners, soft hyphen
];

/**
 * Rewrites text for a GSM-7 notice: removes Vietnamese (and other) diacritics, `Đ` → `D`, turns
 * typographic quotes, dashes, ellipsis and special spaces into ASCII, and replaces anything else
 * GSM-7 cannot carry by `?`. The result always encodes as GSM-7.
 */
export function toGsm7Text(text: string): string {
  let plain = stripDiacritics(text);
  for (const [pattern, replacement] of TYPOGRAPHIC_EQUIVALENTS) plain = plain.replace(pattern, replacement);
  let out = '';
  for (const ch of plain) out += gsm7Units(ch) === null ? '?' : ch;
  return out;
}
