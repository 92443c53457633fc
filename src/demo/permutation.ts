/**
 * Unique random-looking numbers without remembering the ones already handed out: a keyed
 * bijection of [0, size) maps a running counter to a scattered value, so 6 million phone numbers
 * need one counter per prefix instead of a 6-million-entry set.
 */
import { mix32 } from './random.ts';

const ROUNDS = 4;
// Halves of at most 15 bits keep every intermediate value inside 32-bit integer arithmetic.
const MAX_BITS = 30;

/** A keyed permutation of the integers [0, size), size ≤ 2^30 (a Feistel network with cycle walking). */
export class KeyedPermutation {
  private readonly halfBits: number;
  private readonly mask: number;

  constructor(
    readonly size: number,
    private readonly key: number,
  ) {
    if (!Number.isInteger(size) || size < 1 || size > 2 ** MAX_BITS) {
      throw new RangeError(`permutation size must be an integer in 1–2^${MAX_BITS}, got ${size}`);
    }
    const bits = Math.max(2, Math.ceil(Math.log2(size)));
    this.halfBits = Math.ceil(bits / 2);
    this.mask = (1 << this.halfBits) - 1;
  }

  /**
   * The image of `index` under the permutation selected by the key and `tweak` (e.g. one tweak per
   * prefix, so every prefix gets its own order).
   */
  at(index: number, tweak = 0): number {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new RangeError(`index must be an integer in 0–${this.size - 1}, got ${index}`);
    }
    const roundKey = mix32(this.key ^ mix32(tweak));
    // The network permutes [0, 2^(2·halfBits)); walking the cycle until the value falls back
    // into [0, size) restricts it to a permutation of [0, size).
    let value = index;
    do value = this.encrypt(value, roundKey);
    while (value >= this.size);
    return value;
  }

  private encrypt(value: number, roundKey: number): number {
    let left = value >>> this.halfBits;
    let right = value & this.mask;
    for (let round = 0; round < ROUNDS; round++) {
      const next = left ^ (mix32(right ^ Math.imul(roundKey, round + 1)) & this.mask);
      left = right;
      right = next;
    }
    return left * (this.mask + 1) + right;
  }
}
