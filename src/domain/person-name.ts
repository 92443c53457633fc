/**
 * Vietnamese personal names: a canonical form for matching (DOMAIN.md §6) and a comparison that
 * tells a real difference from a name typed without diacritics.
 */
import { foldEthToDStroke, QUALITY_MARKS, stripDiacritics, TONE_MARKS } from './diacritics.ts';
import type { NameComparison } from './vocabulary.ts';

export { stripDiacritics } from './diacritics.ts';

/** How two written names relate, from the strongest to the weakest agreement. */
export type { NameComparison } from './vocabulary.ts';

const VOWELS: ReadonlySet<string> = new Set([...'aăâeêioôơuưy']);
const QUALITY_VOWELS: ReadonlySet<string> = new Set([...'ăâêôơư']);
const LETTER_RUN = /[\p{L}\p{M}]+/gu;
const VIETNAMESE_BASE = /^[a-zđ]$/u;

/** Trims, collapses whitespace runs to one space, and applies NFC: how the name was meant to be written. */
function tidy(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/**
 * The form names are matched on: NFC, trimmed, single spaces, lower case, and one tone-mark
 * placement per syllable (the new style: `hòa`, `thủy`, `khỏe`, `quý`), so old-style `Hoà`, `Thuỷ`,
 * `Khoẻ` and mis-placed `Qúy` give the same key. Works on NFD input and on combining marks in any
 * order. `đ` stays a letter of its own. Khmer spellings follow the same rule, so `Néang` and
 * `Neáng` give `neáng`. Words that are not a single Vietnamese-spelled syllable (foreign letters,
 * vowels split by consonants, several tone marks) are only lower-cased and composed.
 */
export function canonicalName(name: string): string {
  const decomposed = tidy(foldEthToDStroke(name)).normalize('NFD').toLowerCase();
  return decomposed.replace(LETTER_RUN, canonicalSyllable).normalize('NFC');
}

interface Letter {
  base: string;
  quality: string | null;
}

/** Re-places the tone mark of one lower-case NFD syllable. */
function canonicalSyllable(syllable: string): string {
  const letters: Letter[] = [];
  const tones: string[] = [];
  for (const ch of syllable) {
    const current = letters.at(-1);
    if (TONE_MARKS.has(ch)) tones.push(ch);
    else if (QUALITY_MARKS.has(ch) && current && current.quality === null) current.quality = ch;
    else if (VIETNAMESE_BASE.test(ch)) letters.push({ base: ch, quality: null });
    else return syllable; // a mark or letter outside Vietnamese spelling: leave the word as typed
  }
  const composed = letters.map((l) => (l.base + (l.quality ?? '')).normalize('NFC'));
  if (tones.length === 0) return composed.join('');
  const toneAt = tones.length === 1 ? tonePosition(composed) : -1;
  if (toneAt < 0) return syllable;
  return composed.map((letter, i) => (i === toneAt ? letter + tones[0] : letter)).join('');
}

/**
 * Index of the letter that carries the tone (new-style placement), or -1 when the letters do not
 * form one Vietnamese syllable (no vowel, or vowels separated by consonants as in `maria`).
 */
function tonePosition(letters: readonly string[]): number {
  const isVowel = (i: number): boolean => VOWELS.has(letters[i] ?? '');
  let start = letters.findIndex((l) => VOWELS.has(l));
  if (start < 0) return -1;
  // In the onsets `qu` and `gi` the u / i is part of the consonant when another vowel follows
  // (quý, quả, gia, giữa), but `gì`, `gìn` have i as their vowel.
  const onset = letters.slice(0, start).join('');
  if (((onset === 'q' && letters[start] === 'u') || (onset === 'g' && letters[start] === 'i')) && isVowel(start + 1)) {
    start += 1;
  }
  let end = start;
  while (isVowel(end)) end += 1;
  for (let i = end; i < letters.length; i += 1) if (isVowel(i)) return -1;

  const nucleus = letters.slice(start, end);
  const hasFinalConsonant = end < letters.length;
  // A quality-marked vowel takes the tone; in ươ (người, dưỡng) it is the ơ, the last one.
  const lastQuality = nucleus.findLastIndex((v) => QUALITY_VOWELS.has(v));
  if (lastQuality >= 0) return start + lastQuality;
  if (nucleus.length === 1) return start;
  if (hasFinalConsonant) return end - 1; // hoàn, toán, thuận
  if (nucleus.length >= 3) return start + 1; // ngoài, xoáy, khuỷu
  // Open two-vowel rhymes: the first letter (hài, mía, của). For oa, oe, uy this is the style
  // DOMAIN.md calls new (hòa, khỏe, thủy); the old style (hoà, khoẻ, thuỷ) is moved here.
  return start;
}

/**
 * Compares two written names:
 * - `exact`: identical after NFC, trimming and whitespace collapsing;
 * - `same`: equal canonical forms (case, tone placement, Unicode form differ);
 * - `diacritics_missing`: one side has no diacritics at all (nor `Đ`) and equals the other once all
 *   marks are removed and `Đ` read as `D` (`Nguyen Van Dung` / `Nguyễn Văn Dũng`, `Dao` / `Đào`);
 * - `different`: anything else (`Dào` / `Đào`, `Nguyễn Văn An` / `Nguyễn Văn Ân`).
 */
export function compareNames(a: string, b: string): NameComparison {
  if (tidy(a) === tidy(b)) return 'exact';
  const canonicalA = canonicalName(a);
  const canonicalB = canonicalName(b);
  if (canonicalA === canonicalB) return 'same';
  const plainA = stripDiacritics(canonicalA);
  const plainB = stripDiacritics(canonicalB);
  const oneSideUnmarked = plainA === canonicalA || plainB === canonicalB;
  return oneSideUnmarked && plainA === plainB ? 'diacritics_missing' : 'different';
}
