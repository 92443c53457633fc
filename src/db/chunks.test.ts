import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunksOf } from './chunks.ts';

describe('chunksOf', () => {
  it('cuts a list into slices of the size, the last shorter, that put back together give the list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 50 }), (items, size) => {
        const chunks = chunksOf(items, size);
        expect(chunks.flat()).toEqual(items);
        expect(chunks.length).toBe(Math.ceil(items.length / size));
        for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBe(size);
        for (const chunk of chunks) expect(chunk.length).toBeGreaterThan(0);
      }),
    );
  });

  it('refuses a size that would never end or cut nothing', () => {
    expect(() => chunksOf([1], 0)).toThrow(RangeError);
    expect(() => chunksOf([1], 1.5)).toThrow(RangeError);
  });
});
