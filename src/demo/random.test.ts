import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random, WeightedTable } from './random.ts';

describe('Random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    fc.assert(
      // `seed + 1` must stay a safe integer too (the largest one has no successor that is).
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER - 1 }), (seed) => {
        const a = new Random(seed);
        const b = new Random(seed);
        const c = new Random(seed + 1);
        const first = Array.from({ length: 8 }, () => a.uint32());
        expect(Array.from({ length: 8 }, () => b.uint32())).toEqual(first);
        expect(Array.from({ length: 8 }, () => c.uint32())).not.toEqual(first);
      }),
    );
  });

  it('int(min, max) stays within both inclusive bounds', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 2 ** 31 }), (seed, min, span) => {
        const random = new Random(seed);
        for (let i = 0; i < 20; i++) {
          const x = random.int(min, min + span);
          expect(Number.isInteger(x)).toBe(true);
          expect(x).toBeGreaterThanOrEqual(min);
          expect(x).toBeLessThanOrEqual(min + span);
        }
      }),
    );
  });

  it('int reaches both ends of a small range', () => {
    const random = new Random(1);
    const seen = new Set(Array.from({ length: 200 }, () => random.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('float is in [0, 1) and chance(0) / chance(1) are never / always', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = new Random(seed);
        const x = random.float();
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThan(1);
        expect(random.chance(0)).toBe(false);
        expect(random.chance(1)).toBe(true);
      }),
    );
  });

  it('rejects ranges it cannot draw from and seeds that are not safe integers', () => {
    const random = new Random(1);
    expect(() => random.int(5, 4)).toThrow(RangeError);
    expect(() => random.int(0, 2 ** 32)).toThrow(RangeError);
    expect(() => random.pick([])).toThrow(RangeError);
    expect(() => new Random(1.5)).toThrow(RangeError);
  });
});

describe('WeightedTable', () => {
  it('never draws an entry of weight 0 and draws every positive one', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 12 }), fc.integer(), (weights, seed) => {
        fc.pre(weights.some((w) => w > 0));
        const table = new WeightedTable(weights.map((w, i) => [i, w] as const));
        const random = new Random(seed);
        const seen = new Set<number>();
        for (let i = 0; i < 3000; i++) seen.add(table.draw(random));
        for (const i of seen) expect(weights[i]).toBeGreaterThan(0);
        weights.forEach((w, i) => {
          if (w > 0) expect(seen.has(i)).toBe(true);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('draws in proportion to the weights', () => {
    const table = WeightedTable.fromRecord({ a: 56, b: 30, c: 14 });
    const random = new Random(2026);
    const counts = { a: 0, b: 0, c: 0 };
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[table.draw(random)]++;
    expect(counts.a / n).toBeCloseTo(0.56, 2);
    expect(counts.b / n).toBeCloseTo(0.3, 2);
    expect(counts.c / n).toBeCloseTo(0.14, 2);
  });

  it('rejects an empty table and negative or all-zero weights', () => {
    expect(() => new WeightedTable([])).toThrow(RangeError);
    expect(() => new WeightedTable([['a', 0]])).toThrow(RangeError);
    expect(() => new WeightedTable([['a', 1], ['b', -1]])).toThrow(RangeError);
  });
});
