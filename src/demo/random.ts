/**
 * Seeded pseudo-random numbers for the demo data: the same seed gives the same rows on every
 * machine and run, so demo data, tests and benchmarks are reproducible. `Math.random` is never used.
 */

const UINT32 = 2 ** 32;

/** SplitMix32 finaliser: spreads the bits of a 32-bit value (used to seed and to hash). */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A stable 32-bit hash of a string (FNV-1a, then mixed), for values that must not depend on the seed. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): fast in pure 32-bit arithmetic and
 * passes PractRand far beyond the few hundred million draws a full-scale demo needs.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  /** `seed` may be any safe integer (negative too); its high and low 32 bits both count. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    const low = seed >>> 0;
    const high = Math.floor(seed / UINT32) >>> 0;
    this.a = mix32(low);
    this.b = mix32(high ^ 0x6a09e667);
    this.c = mix32(low ^ mix32(high));
    // The first outputs of a freshly seeded sfc32 are correlated with the seed: discard them.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** A uniform integer in [0, 2^32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.uint32() / UINT32;
  }

  /** A uniform integer in [min, max], both inclusive; the range must fit in 32 bits. */
  int(min: number, max: number): number {
    const span = max - min + 1;
    if (!Number.isInteger(min) || !Number.isInteger(max) || span < 1 || span > UINT32) {
      throw new RangeError(`int(${min}, ${max}): expected integers with min ≤ max and a span ≤ 2^32`);
    }
    return min + Math.floor(this.float() * span);
  }

  /** True with probability `p` (0 → never, 1 → always). */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty array');
    return items[Math.floor(this.float() * items.length)] as T;
  }
}

/**
 * Draws items in proportion to their weights in constant time (Walker/Vose alias method): the
 * generator draws from the same tables millions of times.
 */
export class WeightedTable<T> {
  private readonly items: readonly T[];
  private readonly threshold: Float64Array;
  private readonly alias: Uint32Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    const n = entries.length;
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    if (n === 0 || !(total > 0) || entries.some(([, w]) => !(w >= 0) || !Number.isFinite(w))) {
      throw new RangeError('a weighted table needs at least one entry, finite weights ≥ 0 and a positive total');
    }
    this.items = entries.map(([item]) => item);
    this.threshold = new Float64Array(n);
    this.alias = new Uint32Array(n);
    const scaled = entries.map(([, w]) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((s, i) => (s < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.threshold[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    // Whatever is left is 1 up to rounding error: it always keeps its own column.
    for (const i of [...small, ...large]) {
      this.threshold[i] = 1;
      this.alias[i] = i;
    }
  }

  /** Builds a table from a record of weights, e.g. `{ viettel: 56, vinaphone: 22 }`. */
  static fromRecord<K extends string>(weights: Readonly<Record<K, number>>): WeightedTable<K> {
    return new WeightedTable(Object.entries(weights) as [K, number][]);
  }

  draw(random: Random): T {
    const x = random.float() * this.items.length;
    const column = Math.floor(x);
    const index = x - column < (this.threshold[column] as number) ? column : (this.alias[column] as number);
    return this.items[index] as T;
  }
}
