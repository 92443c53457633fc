import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedPermutation } from './permutation.ts';

describe('KeyedPermutation', () => {
  it('is a bijection of [0, size) for any size, key and tweak', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer(), fc.integer(), (size, key, tweak) => {
        const permutation = new KeyedPermutation(size, key);
        const images = Array.from({ length: size }, (_, i) => permutation.at(i, tweak));
        expect(new Set(images).size).toBe(size);
        expect(Math.min(...images)).toBe(0);
        expect(Math.max(...images)).toBe(size - 1);
      }),
      { numRuns: 60 },
    );
  });

  it('orders differently for different keys and tweaks', () => {
    const a = new KeyedPermutation(10_000_000, 1);
    const b = new KeyedPermutation(10_000_000, 2);
    const first = [0, 1, 2, 3, 4].map((i) => a.at(i));
    expect([0, 1, 2, 3, 4].map((i) => b.at(i))).not.toEqual(first);
    expect([0, 1, 2, 3, 4].map((i) => a.at(i, 91))).not.toEqual(first);
  });

  it('rejects sizes and indexes outside its range', () => {
    expect(() => new KeyedPermutation(0, 1)).toThrow(RangeError);
    expect(() => new KeyedPermutation(2 ** 31, 1)).toThrow(RangeError);
    expect(() => new KeyedPermutation(10, 1).at(10)).toThrow(RangeError);
  });
});
