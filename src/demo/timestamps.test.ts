import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, isoDate, isoInstant } from './timestamps.ts';

const DAY_MS = 86_400_000;
// 1800-01-01 … 2399-12-31: far wider than any demo date.
const days = fc.integer({ min: -62_091, max: 156_826 });

describe('timestamps', () => {
  it('civilFromDays and isoDate agree with Date', () => {
    fc.assert(
      fc.property(days, (day) => {
        const date = new Date(day * DAY_MS);
        expect(civilFromDays(day)).toEqual({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
        expect(isoDate(day)).toBe(date.toISOString().slice(0, 10));
      }),
    );
  });

  it('isoInstant equals toISOString for whole seconds', () => {
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 86_399 }), (day, second) => {
        const ms = day * DAY_MS + second * 1000;
        expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });
});
