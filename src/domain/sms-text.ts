/**
 * SMS length and cost (GSM 03.38 / 3GPP TS 23.038): what a notice template costs in parts, and a
 * transliteration that keeps Vietnamese notices in the cheaper GSM-7 alphabet (docs/domain.md, "SMS").
 */
import { stripDiacritics } from './diacritics.ts';
import type { SmsEncoding } from './vocabulary.ts';

/** Size of a message: its encoding, length in encoding units, and number of SMS parts. */
export interface SmsAnalysis {
  encoding: SmsEncoding;
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

/** A message cut into the parts a phone or SMSC sends (3GPP TS 23.040 concatenation). */
export interface SmsParts {
  encoding: SmsEncoding;
  /** One string per part, in order; an empty message is one empty part. */
  parts: string[];
}

/**
 * Cuts a message into SMS parts as a phone would send it: GSM-7 when every character is in the
 * default alphabet or its extension table, UCS-2 otherwise (any Vietnamese letter with a tone forces
 * it). A message over the single limit is split greedily into parts of 153 septets (GSM-7) or 67
 * code units (UCS-2) — the rest of each part carries the concatenation header — never splitting an
 * escape pair or a surrogate pair.
 */
export function splitSms(text: string): SmsParts {
  const septets = gsm7Length(text);
  if (septets === null) {
    const chars = [...text];
    const codeUnits = chars.map((c) => c.length); // 2 for a surrogate pair
    return { encoding: 'ucs2', parts: cut(chars, codeUnits, UCS2_SINGLE_LIMIT, UCS2_PART_SIZE) };
  }
  // Most messages fit one part: no need to look at them character by character again.
  if (septets <= GSM7_SINGLE_LIMIT) return { encoding: 'gsm7', parts: [text] };
  const chars = [...text];
  return { encoding: 'gsm7', parts: cut(chars, chars.map((ch) => gsm7Units(ch) ?? 1), GSM7_SINGLE_LIMIT, GSM7_PART_SIZE) };
}

/** Septets `text` takes in GSM-7, or null when a character is outside the alphabet. */
function gsm7Length(text: string): number | null {
  let total = 0;
  for (const ch of text) {
    const units = gsm7Units(ch);
    if (units === null) return null;
    total += units;
  }
  return total;
}

/** Parts a GSM-7 message over the single limit takes, counted as {@link cut} cuts it. */
function gsm7PartCount(text: string): number {
  let parts = 1;
  let used = 0;
  for (const ch of text) {
    const size = gsm7Units(ch) ?? 1;
    if (used + size > GSM7_PART_SIZE) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

/** Measures a message as {@link splitSms} cuts it: encoding, length in encoding units, parts. */
export function analyzeSms(text: string): SmsAnalysis {
  const septets = gsm7Length(text);
  if (septets === null) return { encoding: 'ucs2', units: text.length, parts: splitSms(text).parts.length };
  return { encoding: 'gsm7', units: septets, parts: septets <= GSM7_SINGLE_LIMIT ? 1 : gsm7PartCount(text) };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

/** Groups characters of the given sizes into parts; a message within the single limit stays whole. */
function cut(chars: readonly string[], sizes: readonly number[], singleLimit: number, partSize: number): string[] {
  if (sum(sizes) <= singleLimit) return [chars.join('')];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  chars.forEach((ch, i) => {
    const size = sizes[i] ?? 1;
    if (used + size > partSize) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += size;
  });
  parts.push(current);
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
// Whether any of them occurs, so text without them (nearly all) is not scanned six more times.
const ANY_TYPOGRAPHIC = new RegExp(TYPOGRAPHIC_EQUIVALENTS.map(([pattern]) => pattern.source).join('|'), 'u');

/**
 * Rewrites text for a GSM-7 notice: removes Vietnamese (and other) diacritics, `Đ` → `D`, turns
 * typographic quotes, dashes, ellipsis and special spaces into ASCII, and replaces anything else
 * GSM-7 cannot carry by `?`. The result always encodes as GSM-7.
 */
export function toGsm7Text(text: string): string {
  let plain = stripDiacritics(text);
  if (ANY_TYPOGRAPHIC.test(plain)) {
    for (const [pattern, replacement] of TYPOGRAPHIC_EQUIVALENTS) plain = plain.replace(pattern, replacement);
  }
  // Usually every character is in the alphabet by now: then the text is the answer as it is.
  if (gsm7Length(plain) !== null) return plain;
  let out = '';
  for (const ch of plain) out += gsm7Units(ch) === null ? '?' : ch;
  return out;
}
