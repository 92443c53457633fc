/**
 * Tells Windows-1258 from the pre-Unicode Vietnamese font encodings, TCVN3 (ABC) and VNI, in a
 * sample of bytes that is not UTF-8. All three put Vietnamese letters in bytes 0x80–0xFF, so no
 * byte alone decides: the sample is decoded with each, and the one under which the words read as
 * Vietnamese syllables wins. Read wrongly, "Nguyễn" becomes "NguyÔn" (TCVN3 as Windows-1258),
 * "Nguyeăn" (VNI as Windows-1258) or "Nguyờịn" (Windows-1258 as TCVN3): a capital inside a word,
 * a vowel cluster no syllable has, two tone marks.
 */
import iconv from 'iconv-lite';

export type LegacyVerdict = 'windows-1258' | 'tcvn3' | 'vni' | 'unknown';

// TCVN3 (TCVN 5712:1993 VN3, "ABC"): one byte per letter; capitals with a tone mark have no byte
// of their own (the .VnTimeH fonts draw the small letter's byte as a capital).
const TCVN3_LETTERS: Record<number, string> = {
  0xa1: 'Ă', 0xa2: 'Â', 0xa3: 'Ê', 0xa4: 'Ô', 0xa5: 'Ơ', 0xa6: 'Ư', 0xa7: 'Đ',
  0xa8: 'ă', 0xa9: 'â', 0xaa: 'ê', 0xab: 'ô', 0xac: 'ơ', 0xad: 'ư', 0xae: 'đ',
  0xb5: 'à', 0xb6: 'ả', 0xb7: 'ã', 0xb8: 'á', 0xb9: 'ạ',
  0xbb: 'ằ', 0xbc: 'ẳ', 0xbd: 'ẵ', 0xbe: 'ắ', 0xc6: 'ặ',
  0xc7: 'ầ', 0xc8: 'ẩ', 0xc9: 'ẫ', 0xca: 'ấ', 0xcb: 'ậ',
  0xcc: 'è', 0xce: 'ẻ', 0xcf: 'ẽ', 0xd0: 'é', 0xd1: 'ẹ',
  0xd2: 'ề', 0xd3: 'ể', 0xd4: 'ễ', 0xd5: 'ế', 0xd6: 'ệ',
  0xd7: 'ì', 0xd8: 'ỉ', 0xdc: 'ĩ', 0xdd: 'í', 0xde: 'ị',
  0xdf: 'ò', 0xe1: 'ỏ', 0xe2: 'õ', 0xe3: 'ó', 0xe4: 'ọ',
  0xe5: 'ồ', 0xe6: 'ổ', 0xe7: 'ỗ', 0xe8: 'ố', 0xe9: 'ộ',
  0xea: 'ờ', 0xeb: 'ở', 0xec: 'ỡ', 0xed: 'ớ', 0xee: 'ợ',
  0xef: 'ù', 0xf1: 'ủ', 0xf2: 'ũ', 0xf3: 'ú', 0xf4: 'ụ',
  0xf5: 'ừ', 0xf6: 'ử', 0xf7: 'ữ', 0xf8: 'ứ', 0xf9: 'ự',
  0xfa: 'ỳ', 0xfb: 'ỷ', 0xfc: 'ỹ', 0xfd: 'ý', 0xfe: 'ỵ',
};

// VNI-Windows writes a letter as its base Latin letter followed by one byte for its marks
// ("ế" = "e" + 0xE1, shown as "eá"); a few letters have a byte of their own. Capitals use the byte
// 0x20 below the small letter's. The marks are decoded as combining characters and NFC composes.
const VNI_MARKS: Record<number, string> = {
  0xf9: '\u0301', 0xf8: '\u0300', 0xfb: '\u0309', 0xf5: '\u0303', 0xef: '\u0323',
  0xe2: '\u0302', 0xe1: '\u0302\u0301', 0xe0: '\u0302\u0300', 0xe5: '\u0302\u0309', 0xe3: '\u0302\u0303', 0xe4: '\u0302\u0323',
  0xea: '\u0306', 0xe9: '\u0306\u0301', 0xe8: '\u0306\u0300', 0xfa: '\u0306\u0309', 0xfc: '\u0306\u0303', 0xeb: '\u0306\u0323',
};
const VNI_LETTERS: Record<number, string> = {
  0xf4: 'ơ', 0xf6: 'ư', 0xf1: 'đ', 0xed: 'í', 0xec: 'ì', 0xe6: 'ỉ', 0xf3: 'ĩ', 0xf2: 'ị', 0xee: 'ỵ',
};

const CAPITAL_OFFSET = 0x20;

/** Decodes TCVN3 bytes (for telling encodings apart; a TCVN3 file is refused, not converted). */
export function decodeTcvn3(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte < 0x80 ? String.fromCharCode(byte) : (TCVN3_LETTERS[byte] ?? '\ufffd');
  return out;
}

/** Decodes VNI-Windows bytes (for telling encodings apart; a VNI file is refused, not converted). */
export function decodeVni(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte < 0x80) {
      out += String.fromCharCode(byte);
      continue;
    }
    const small = byte >= 0xe0 ? byte : byte + CAPITAL_OFFSET;
    const marks = VNI_MARKS[small];
    const letter = VNI_LETTERS[small];
    if (marks !== undefined) out += marks;
    else if (letter !== undefined) out += byte >= 0xe0 ? letter : letter.toUpperCase();
    else out += '\ufffd';
  }
  return out.normalize('NFC');
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const INITIALS = 'ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx]';
// Every vowel cluster of a Vietnamese syllable, tone marks left out.
const NUCLEI = [
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi', 'ơi', 'oo',
  'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'iêu', 'oai', 'oay', 'oao', 'oeo', 'uây', 'uôi', 'uya', 'uyê', 'uyu', 'ươi', 'ươu', 'yêu',
];
const FINALS = 'ch|ng|nh|[cmnpt]';
const SYLLABLE = new RegExp(`^(?:${INITIALS})?(?:${NUCLEI.join('|')})(?:${FINALS})?$`, 'u');

/** Whether a word (NFC) is spelled as a Vietnamese syllable can be: one tone mark at most, a known vowel cluster, and in lower case, capitalised or all capitals. */
export function isVietnameseSyllable(word: string): boolean {
  const lower = word.toLowerCase();
  const capitalised = lower.charAt(0).toUpperCase() + lower.slice(1);
  if (word !== lower && word !== capitalised && word !== word.toUpperCase()) return false;
  const decomposed = lower.normalize('NFD');
  if ((decomposed.match(TONE_MARKS) ?? []).length > 1) return false;
  return SYLLABLE.test(decomposed.replace(TONE_MARKS, '').normalize('NFC'));
}

const WORD = /[\p{L}\p{M}]+/gu;
const isNonAscii = (word: string) => [...word].some((c) => c.charCodeAt(0) > 0x7f);
// What a wrong decoding leaves outside words: Latin-1 signs (¶ § ¸ …), C1 controls, undefined bytes.
const JUNK = /[\u0080-\u00bf\ufffd]/gu;

/** How Vietnamese a decoded text reads: +1 for each word with a non-ASCII letter that is a syllable, −1 for each that is not and for each stray sign. */
export function vietnameseScore(text: string): number {
  let score = -(text.match(JUNK) ?? []).length;
  for (const [word] of text.normalize('NFC').matchAll(WORD)) {
    if (isNonAscii(word)) score += isVietnameseSyllable(word) ? 1 : -1;
  }
  return score;
}

// Bytes Windows-1258 leaves undefined or reads as control characters: not text in that encoding.
const isNotText = (code: number) => (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x80 && code <= 0x9f) || code === 0xfffd;

/**
 * Which single-byte encoding a sample (not UTF-8) is written in: the one whose reading scores best
 * as Vietnamese. When none reads as Vietnamese at all (a "°C", a foreign name), Windows-1258 if
 * every byte is text in it: it is what Windows writes; otherwise unknown.
 */
export function classifyLegacy(sample: Uint8Array): LegacyVerdict {
  const windows = iconv.decode(Buffer.from(sample), 'windows-1258');
  const scores: [LegacyVerdict, number][] = [
    ['windows-1258', vietnameseScore(windows)],
    ['vni', vietnameseScore(decodeVni(sample))],
    ['tcvn3', vietnameseScore(decodeTcvn3(sample))],
  ];
  const [best, score] = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
  if (score > 0) return best;
  return [...windows].some((c) => isNotText(c.charCodeAt(0))) ? 'unknown' : 'windows-1258';
}
