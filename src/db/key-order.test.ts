import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkInKeyOrder } from './key-order.ts';

/** A sorted table of distinct keys, read the way a repository reads it. */
const readAfter = (keys: readonly number[], size: number) => (after: number) => Promise.resolve(keys.filter((k) => k > after).slice(0, size));

describe('walkInKeyOrder', () => {
  it('hands every row to exactly one batch, in key order, and reaches the end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: 10_000 })), fc.integer({ min: 1, max: 20 }), async (unsorted, size) => {
        const keys = [...unsorted].sort((a, b) => a - b);
        const seen: number[] = [];
        const read = readAfter(keys, size);
        const ended = await walkInKeyOrder({ after: 0, size, keyOf: (k: number) => k }, async (after) => {
          const rows = await read(after);
          seen.push(...rows);
          return rows;
        });
        expect(ended).toBe(true);
        expect(seen).toEqual(keys);
      }),
    );
  });

  it('resumes after a stored key and stops early when a batch says so', async () => {
    const keys = [1, 2, 3, 4, 5, 6, 7];
    const read = readAfter(keys, 2);
    const afters: number[] = [];
    const ended = await walkInKeyOrder({ after: 2, size: 2, keyOf: (k: number) => k }, async (after) => {
      afters.push(after);
      return after >= 4 ? 'stop' : read(after);
    });
    expect(ended).toBe(false);
    expect(afters).toEqual([2, 4]);
  });
});
