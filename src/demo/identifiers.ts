/**
 * Unique identifiers for the demo: personal ID numbers, legacy CMND numbers, phone numbers and
 * passport numbers. Each space (an ID province/century/year, a CMND or phone prefix, a passport
 * letter) hands out its numbers through a running counter and a keyed permutation, so numbers look
 * random, never repeat, and cost one counter per space in memory.
 */
import { composePersonalId, type Sex } from '../domain/index.ts';
import { KeyedPermutation } from './permutation.ts';
import { mix32 } from './random.ts';

const ID_SERIALS = 1_000_000; // six serial digits (docs/domain.md, "Identity documents")
const CMND_SERIALS = 10_000_000; // seven digits after the two-digit province prefix
const PHONE_SERIALS = 10_000_000; // seven digits after the three-digit prefix
const PASSPORT_SERIALS = 100_000_000; // eight digits after the letter

class NumberSpaces {
  // Per space (a number naming it): the next counter value and the space's permutation tweak.
  private readonly spaces = new Map<number, { next: number; tweak: number }>();
  private readonly permutation: KeyedPermutation;

  constructor(
    private readonly what: string,
    size: number,
    key: number,
  ) {
    this.permutation = new KeyedPermutation(size, key);
  }

  /** The next unused number of `space`, in [0, size). */
  next(space: number): number {
    let state = this.spaces.get(space);
    if (state === undefined) {
      state = { next: 0, tweak: mix32(space) };
      this.spaces.set(space, state);
    }
    if (state.next >= this.permutation.size) throw new Error(`demo ran out of ${this.what} numbers in "${space}"`);
    return this.permutation.at(state.next++, state.tweak);
  }
}

/** Hands out never-repeating identifiers, deterministic for a seed. */
export class UniqueIdentifiers {
  private readonly ids: NumberSpaces;
  private readonly cmnds: NumberSpaces;
  private readonly phones: NumberSpaces;
  private readonly passports: NumberSpaces;

  constructor(seed: number) {
    const key = mix32(seed >>> 0) ^ mix32(Math.floor(seed / 2 ** 32) >>> 0);
    this.ids = new NumberSpaces('personal ID', ID_SERIALS, key ^ 0x1d);
    this.cmnds = new NumberSpaces('CMND', CMND_SERIALS, key ^ 0xc3);
    this.phones = new NumberSpaces('phone', PHONE_SERIALS, key ^ 0x9f);
    this.passports = new NumberSpaces('passport', PASSPORT_SERIALS, key ^ 0x5a);
  }

  /** A 12-digit personal ID number encoding the birth province, sex and birth year. */
  personalId(provinceCode: string, sex: Sex, birthYear: number): string {
    // Numeric space keys: cheaper to look up than strings built for every person.
    const space = (Number(provinceCode) * 2 + (sex === 'female' ? 1 : 0)) * 10_000 + birthYear;
    const serial = this.ids.next(space);
    return composePersonalId({ provinceCode, sex, birthYear, serial });
  }

  /** A 9-digit CMND number issued in the province with the two-digit `prefix`. */
  legacyCmnd(prefix: string): string {
    return prefix + String(this.cmnds.next(Number(prefix))).padStart(7, '0');
  }

  /** A 10-digit mobile number `0xxxxxxxxx` with the three-digit `prefix` (e.g. `091`). */
  msisdn(prefix: string): string {
    // Prefixes all start with 0 and have three digits, so their numeric values are distinct.
    return prefix + String(this.phones.next(Number(prefix))).padStart(7, '0');
  }

  /** A passport number: `letter` and eight digits. */
  passport(letter: string): string {
    return letter + String(this.passports.next(letter.charCodeAt(0))).padStart(8, '0');
  }
}
