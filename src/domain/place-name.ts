/**
 * Place names as people write them in files (a commune, a district, a province): with or without
 * their type word or its abbreviation, in any case, spacing, tone-mark placement, and with or
 * without diacritics. The old addresses (old-address.ts) and the new communes named by their name
 * (commune-name.ts) read names through this one reading, so both accept the same spellings.
 */
import { canonicalName, onlyMarksLost, stripDiacritics } from './person-name.ts';

/** A name as read: its type word (as the table spells it) if one was written, and its words. */
export interface ReadName {
  type: string | null;
  /** Canonical words after the type word, numbers without leading zeros: `vĩnh châu`, `1`. */
  key: string;
  /** `key` without diacritics (`Đ` as `D`): an index's lookup key. */
  bare: string;
}

/** A name of a reference table, which always starts with its type word. */
export interface TableName extends ReadName {
  type: string;
}

/** Type words as a table spells them, each with the abbreviations people write (lower case, no dot). */
export type TypeWords = ReadonlyArray<{ written: string; words: readonly string[]; abbreviations: readonly string[] }>;

/** The type words of one level, from `{ written: abbreviations }`. */
export function typeWords(abbreviations: Readonly<Record<string, readonly string[]>>): TypeWords {
  return Object.entries(abbreviations).map(([written, abbr]) => ({ written, words: canonicalName(written).split(' '), abbreviations: abbr }));
}

const NOT_IN_A_NAME = /[^\p{L}\p{M}\p{N}]+/gu;
const LETTER_THEN_DIGIT = /(\p{L}\p{M}*)(?=\p{N})/gu;
const LEADING_ZEROS = /^0+(?=\d)/;
const DIGITS = /^\d+$/;

/**
 * The words of a place name: canonical (NFC, lower case, one tone placement), dots and other
 * punctuation as spaces (`TP.Long Xuyên`, `P.01`), a ward number split off its abbreviation (`P1`)
 * and read without leading zeros (`Phường 01` is `Phường 1`).
 */
function placeWords(text: string): string[] {
  return canonicalName(text)
    .replace(NOT_IN_A_NAME, ' ')
    .replace(LETTER_THEN_DIGIT, '$1 ')
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => (DIGITS.test(word) ? word.replace(LEADING_ZEROS, '') : word));
}

/** A written word is the canonical word `reference`, or it with the marks of some letters lost. */
export function spelledAs(word: string, reference: string): boolean {
  return word === reference || onlyMarksLost(word, reference);
}

/** How many leading words are a type word (full, possibly without marks, or abbreviated), and which. */
function leadingType(words: readonly string[], types: TypeWords): { written: string; length: number } | null {
  for (const type of types) {
    if (type.words.every((word, i) => spelledAs(words[i] ?? '', word))) return { written: type.written, length: type.words.length };
    if (type.abbreviations.includes(words[0] ?? '')) return { written: type.written, length: 1 };
  }
  return null;
}

/** Reads a place name with an optional leading type word; null when no name is left (not given). */
export function readPlaceName(text: string, types: TypeWords): ReadName | null {
  const words = placeWords(text);
  const type = leadingType(words, types);
  const key = words.slice(type?.length ?? 0).join(' ');
  if (key === '') return null;
  return { type: type?.written ?? null, key, bare: stripDiacritics(key) };
}

/**
 * Reads a name of a reference table, which must start with a type word.
 * @throws Error naming `what` when it does not (the table is checked when it is loaded).
 */
export function readTableName(text: string, types: TypeWords, what: string): TableName {
  const name = readPlaceName(text, types);
  if (name?.type == null) throw new Error(`${what}: "${text}" does not start with a type word`);
  return { ...name, type: name.type };
}

/** Whether a written name (type word if given, words exact or with lost marks) names the table's. */
export function namesPlace(written: ReadName, table: ReadName): boolean {
  return (written.type === null || written.type === table.type) && spelledAs(written.key, table.key);
}

/**
 * The units of `candidates` (looked up by the written name's bare form) that `written` names. When
 * some are named exactly as written, only those: "Vĩnh Thanh" is that unit, not another whose name
 * lost its marks would read the same ("Vĩnh Thạnh", "Vĩnh Thành").
 */
export function unitsNamed<T extends { name: ReadName }>(written: ReadName, candidates: readonly T[]): T[] {
  const fits = candidates.filter((unit) => namesPlace(written, unit.name));
  const exact = fits.filter((unit) => unit.name.key === written.key);
  return exact.length > 0 ? exact : fits;
}
