import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Random } from '../random.ts';
import { communeRate, DAY_PLAN, drawChannel, drawCount, mobilePointWorks } from './day-plan.ts';

describe('the day plan', () => {
  it('keeps a commune\'s rate within its base range, the same on weekdays and lower at the weekend', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 10_000, max: 99_999 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 6 }), (seed, commune, day, weekday) => {
        const rate = communeRate(seed, String(commune), day, weekday);
        expect(rate).toBeGreaterThan(0);
        expect(rate).toBeLessThanOrEqual(DAY_PLAN.baseRate.max * 1.2);
      }),
    );
    const weekdays = [1, 2, 3, 4, 5].map((w) => communeRate(1, '30292', 10, w));
    expect(new Set(weekdays).size).toBe(1);
    expect(communeRate(1, '30292', 10, 0)).toBeCloseTo(communeRate(1, '30292', 10, 1) * DAY_PLAN.weekend.sunday);
  });

  it('runs a mobile point on the set number of days of each week', () => {
    for (let week = 0; week < 5; week++) {
      const days = [0, 1, 2, 3, 4, 5, 6].filter((d) => mobilePointWorks(3, '30292', week * 7 + d));
      expect(days).toHaveLength(DAY_PLAN.mobilePointDaysPerWeek);
    }
  });

  it('sends no one to a mobile point that does not work today', () => {
    const random = new Random(9);
    const channels = Array.from({ length: 2000 }, () => drawChannel(random, false));
    expect(channels).not.toContain('mobile_point');
    expect(new Set(channels).size).toBe(5);
  });

  it('draws a whole count next to what is expected, right on average', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), fc.integer(), (expected, seed) => {
        const n = drawCount(new Random(seed), expected);
        expect([Math.floor(expected), Math.floor(expected) + 1]).toContain(n);
      }),
    );
    const random = new Random(4);
    const mean = Array.from({ length: 20_000 }, () => drawCount(random, 2.25)).reduce((s, n) => s + n, 0) / 20_000;
    expect(mean).toBeCloseTo(2.25, 1);
  });
});
