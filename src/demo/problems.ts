/**
 * How the demo plants the data errors the campaign exists to find: a misspelt name, a name without
 * diacritics, a birth date with day and month swapped or simply wrong. Each function returns the
 * wrong value as a carrier record would hold it.
 */
import { compareNames, stripDiacritics, type BirthDate } from '../domain/index.ts';
import type { Random } from './random.ts';

const TONE_MARK_LIST = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'] as const;
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/;
const VOWEL = /[aeiouy]/i;
const MAX_ATTEMPTS = 8;

type Misspelling = (word: string, random: Random) => string;

/** Changes, removes or adds the tone mark of the word (`Hùng` → `Húng`, `Lan` → `Lán`). */
const changeTone: Misspelling = (word, random) => {
  const letters = [...word.normalize('NFD')];
  const at = letters.findIndex((ch) => TONE_MARK.test(ch));
  if (at >= 0) {
    const others = TONE_MARK_LIST.filter((m) => m !== letters[at]);
    if (random.chance(0.25)) letters.splice(at, 1);
    else letters[at] = random.pick(others);
  } else {
    const vowel = letters.findIndex((ch) => VOWEL.test(ch));
    if (vowel < 0) return word;
    letters.splice(vowel + 1, 0, random.pick(TONE_MARK_LIST));
  }
  return letters.join('').normalize('NFC');
};

/** Drops one letter after the first (`Thành` → `Thàn`). */
const dropLetter: Misspelling = (word, random) => {
  const letters = [...word];
  if (letters.length < 3) return word;
  letters.splice(random.int(1, letters.length - 1), 1);
  return letters.join('');
};

/** Swaps two neighbouring letters after the first (`Minh` → `Mnih`). */
const swapLetters: Misspelling = (word, random) => {
  const letters = [...word];
  if (letters.length < 3) return word;
  const at = random.int(1, letters.length - 2);
  [letters[at], letters[at + 1]] = [letters[at + 1] as string, letters[at] as string];
  return letters.join('');
};

/** Doubles one letter (`Lan` → `Lann`). */
const doubleLetter: Misspelling = (word, random) => {
  const letters = [...word];
  if (letters.length < 2) return word;
  const at = random.int(1, letters.length - 1);
  letters.splice(at, 0, letters[at] as string);
  return letters.join('');
};

const MISSPELLINGS: readonly Misspelling[] = [changeTone, changeTone, dropLetter, swapLetters, doubleLetter];

/**
 * The name with one typing error in one word, such that it is really a different name (not the
 * same name in another tone-mark style, nor merely without diacritics).
 */
export function misspellName(name: string, random: Random): string {
  const words = name.split(' ');
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const at = random.int(0, words.length - 1);
    const changed = [...words];
    changed[at] = random.pick(MISSPELLINGS)(words[at] as string, random);
    const candidate = changed.join(' ');
    if (compareNames(candidate, name) === 'different') return candidate;
  }
  // Every word of a Vietnamese name has a letter to double, and that always makes a new name.
  const last = words.length - 1;
  return [...words.slice(0, last), `${words[last] as string}h`].join(' ');
}

/** The name without diacritics, or null when it has none (then the problem does not apply). */
export function withoutDiacritics(name: string): string | null {
  const plain = stripDiacritics(name);
  return plain === name ? null : plain;
}

/** Day and month exchanged, or null when that would not change the date or give no date. */
export function swapDayAndMonth(birth: BirthDate): BirthDate | null {
  if (birth.precision !== 'day' || birth.day === undefined || birth.month === undefined) return null;
  if (birth.day > 12 || birth.day === birth.month) return null;
  return { precision: 'day', year: birth.year, month: birth.day, day: birth.month };
}

/**
 * Another birth date of the same precision: a different day of the same year (not the swapped
 * one), or for year-only dates a year one to three years off.
 */
export function wrongBirthDate(birth: BirthDate, random: Random): BirthDate {
  if (birth.precision === 'year') {
    const offset = random.int(1, 3) * (random.chance(0.5) ? 1 : -1);
    return { precision: 'year', year: birth.year + offset };
  }
  const swapped = swapDayAndMonth(birth);
  for (;;) {
    const month = random.int(1, 12);
    const candidate: BirthDate =
      birth.precision === 'month'
        ? { precision: 'month', year: birth.year, month }
        : { precision: 'day', year: birth.year, month, day: random.int(1, daysInMonth(birth.year, month)) };
    const sameAsTrue = candidate.month === birth.month && candidate.day === birth.day;
    const sameAsSwap = swapped !== null && candidate.month === swapped.month && candidate.day === swapped.day;
    if (!sameAsTrue && !sameAsSwap) return candidate;
  }
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
