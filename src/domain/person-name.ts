/**
 * Vietnamese personal names: a canonical form for matching (docs/domain.md, "Names") and a
 * comparison that tells a real difference from a name that lost some or all of its diacritics.
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
const WHITESPACE = /\p{White_Space}/gu;
// Never written, only carried along by copy and paste or by input methods: controls, format
// characters (zero-width space and joiners, BOM, soft hyphen, bidirectional marks, embeddings,
// overrides and isolates) and the other default-ignorable code points (variation selectors,
// fillers). Whitespace controls such as the tab are folded to a space before this applies.
const UNWRITTEN = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const SPACE_RUN = / {2,}/g;
// One letter with the combining marks NFC could not compose onto it (or marks with no letter).
const LETTER_WITH_MARKS = /\P{M}\p{M}*|\p{M}+/gu;

/**
 * How the name was meant to be written: every kind of whitespace as one space between words,
 * unwritten characters removed, trimmed, NFC.
 */
export function tidyName(text: string): string {
  return text.replace(WHITESPACE, ' ').replace(UNWRITTEN, '').normalize('NFC').replace(SPACE_RUN, ' ').trim();
}

/**
 * The form names are matched on: unwritten characters (zero-width, bidirectional controls, BOM,
 * controls) removed, NFC, trimmed, single spaces, lower case, and one tone-mark
 * placement per syllable (the new style: `hòa`, `thủy`, `khỏe`, `quý`), so old-style `Hoà`, `Thuỷ`,
 * `Khoẻ` and mis-placed `Qúy` give the same key. Works on NFD input and on combining marks in any
 * order. `đ` stays a letter of its own. Khmer spellings follow the same rule, so `Néang` and
 * `Neáng` give `neáng`. Words that are not a single Vietnamese-spelled syllable (foreign letters,
 * vowels split by consonants, several tone marks) are only lower-cased and composed.
 */
export function canonicalName(name: string): string {
  const decomposed = tidyName(foldEthToDStroke(name)).normalize('NFD').toLowerCase();
  return decomposed.replace(LETTER_RUN, rememberedSyllable).normalize('NFC');
}

/**
 * Names are made of a few thousand syllables: each is placed once and remembered (a carrier's file
 * of a million lines asks for the same syllables millions of times). Bounded, should a file be all
 * foreign words.
 */
const SYLLABLES_REMEMBERED = 20_000;
const syllables = new Map<string, string>();

function rememberedSyllable(syllable: string): string {
  let placed = syllables.get(syllable);
  if (placed === undefined) {
    if (syllables.size >= SYLLABLES_REMEMBERED) syllables.clear();
    syllables.set(syllable, (placed = canonicalSyllable(syllable)));
  }
  return placed;
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
  // docs/domain.md ("Names") calls new (hòa, khỏe, thủy); the old style (hoà, khoẻ, thuỷ) is moved here.
  return start;
}

/**
 * Compares two written names:
 * - `exact`: identical as meant to be written (whitespace, unwritten characters, Unicode form differ);
 * - `same`: equal canonical forms (case, tone placement differ too);
 * - `diacritics_missing`: one side is the other with the marks of some letters lost, each such
 *   letter bare (`Đ` read as `D`): the whole name (`Nguyen Van Dung` / `Nguyễn Văn Dũng`), some
 *   words (`Nguyễn Van Dung`) or some letters (`Trưong` / `Trương`, `Dào` / `Đào`);
 * - `different`: anything else, notably a letter that has marks on both sides and they disagree
 *   (`Lê` / `Lệ`, `Ấn` / `Ẩn`), and names that each lack marks the other has.
 */
export function compareNames(a: string, b: string): NameComparison {
  if (tidyName(a) === tidyName(b)) return 'exact';
  const canonicalA = canonicalName(a);
  const canonicalB = canonicalName(b);
  if (canonicalA === canonicalB) return 'same';
  return onlyMarksLost(canonicalA, canonicalB) || onlyMarksLost(canonicalB, canonicalA) ? 'diacritics_missing' : 'different';
}

/**
 * Whether `name` is `reference` with the marks of some of its letters lost (`Nguyễn Van Dung` of
 * `Nguyễn Văn Dũng`): the direction {@link compareNames} does not tell, for callers that must know
 * which record to correct.
 */
export function hasLostDiacriticsOf(name: string, reference: string): boolean {
  const canonical = canonicalName(name);
  const canonicalReference = canonicalName(reference);
  return canonical !== canonicalReference && onlyMarksLost(canonical, canonicalReference);
}

/**
 * Letter by letter, each letter of `fewer` is the letter of `fuller` or that letter bare; both are
 * canonical forms ({@link canonicalName}), and equal forms count too. A letter loses all its marks
 * or none: that is how marks get lost (a system or font without the letter, an ASCII export); a
 * letter that kept a mark but not the other side's (`ê` for `ệ`) was written so.
 */
export function onlyMarksLost(fewer: string, fuller: string): boolean {
  const letters = fewer.match(LETTER_WITH_MARKS) ?? [];
  const reference = fuller.match(LETTER_WITH_MARKS) ?? [];
  return letters.length === reference.length && letters.every((letter, i) => {
    const full = reference[i] ?? '';
    return letter === full || letter === stripDiacritics(full);
  });
}
