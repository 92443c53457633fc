import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dailyYield, projectPlace, projectTogether } from './pace.ts';

describe('projectPlace', () => {
  it('projects the window pace from now, capped at the target', () => {
    const p = projectPlace({ target: 100, verified: 40, windowGain: 70, windowDays: 7 }, 10);
    expect(p).toMatchObject({ pacePerDay: 10, remaining: 60, share: 0.4, shareOnEnd: 1, daysToFull: 6, neededPerDay: 6 });
    expect(p.projected).toEqual([50, 60, 70, 80, 90, 100, 100, 100, 100, 100]);
  });

  it('has no pace before a complete day, yet says what each day needs', () => {
    const p = projectPlace({ target: 90, verified: 0, windowGain: 0, windowDays: 0 }, 30);
    expect(p).toMatchObject({ pacePerDay: null, shareOnEnd: null, daysToFull: null, neededPerDay: 3 });
  });

  it('holds a place that loses verifications flat and says it never gets there', () => {
    const p = projectPlace({ target: 10, verified: 5, windowGain: -3, windowDays: 3 }, 4);
    expect(p).toMatchObject({ pacePerDay: -1, shareOnEnd: 0.5, daysToFull: null });
  });

  it('knows a place with no target line as unknown, not 0%', () => {
    expect(projectPlace({ target: 0, verified: 0, windowGain: 0, windowDays: 7 }, 5)).toMatchObject({ share: null, shareOnEnd: null, daysToFull: 0 });
  });

  it('on the last day, needs all that remain today', () => {
    expect(projectPlace({ target: 10, verified: 4, windowGain: 7, windowDays: 7 }, 0)).toMatchObject({ neededPerDay: 6, shareOnEnd: 0.4, projected: [] });
  });

  it('adds a what-if of extra days on top of the pace', () => {
    expect(projectPlace({ target: 50, verified: 20, windowGain: 0, windowDays: 7 }, 20, { perDay: 5, days: 4 })).toMatchObject({ daysToFull: null, shareOnEnd: 0.8 });
    expect(projectPlace({ target: 35, verified: 20, windowGain: 0, windowDays: 7 }, 20, { perDay: 5, days: 4 })).toMatchObject({ daysToFull: 3, shareOnEnd: 1 });
    // 2/day plus 5/day for 2 days: 14 by day 2, then 2/day: 30 remaining → day 10.
    expect(projectPlace({ target: 50, verified: 20, windowGain: 14, windowDays: 7 }, 20, { perDay: 5, days: 2 })).toMatchObject({ daysToFull: 10 });
  });
});

describe('projectTogether', () => {
  it('reaches 100% only when every place has, on the day the last one does', () => {
    const fast = projectPlace({ target: 10, verified: 5, windowGain: 7, windowDays: 7 }, 10);
    const slow = projectPlace({ target: 10, verified: 0, windowGain: 14, windowDays: 7 }, 10);
    const stalled = projectPlace({ target: 4, verified: 0, windowGain: 0, windowDays: 7 }, 10);
    expect(projectTogether([fast, slow], 10)).toMatchObject({ target: 20, verified: 5, pacePerDay: 3, daysToFull: 5, shareOnEnd: 1 });
    expect(projectTogether([fast, slow, stalled], 10)).toMatchObject({ daysToFull: null, shareOnEnd: 20 / 24 });
  });
});

describe('dailyYield', () => {
  it("takes the commune's own yield, else the province's, else none", () => {
    expect(dailyYield({ verifications: 30, activeDays: 3 }, { verifications: 100, activeDays: 20 })).toEqual({ perDay: 10, source: 'commune' });
    expect(dailyYield({ verifications: 0, activeDays: 0 }, { verifications: 100, activeDays: 20 })).toEqual({ perDay: 5, source: 'province' });
    expect(dailyYield({ verifications: 0, activeDays: 0 }, { verifications: 0, activeDays: 0 })).toBeNull();
  });
});

describe('projection properties', () => {
  const basis = fc.record({
    target: fc.integer({ min: 0, max: 10_000 }),
    verifiedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    windowGain: fc.integer({ min: -500, max: 2_000 }),
    windowDays: fc.integer({ min: 0, max: 7 }),
  });
  const extra = fc.option(fc.record({ perDay: fc.double({ min: 0, max: 500, noNaN: true }), days: fc.integer({ min: 0, max: 60 }) }), { nil: undefined });

  it('never goes above the target nor below now, never falls, and reaches the target on the day it says', () => {
    fc.assert(
      fc.property(basis, fc.integer({ min: 0, max: 120 }), extra, (b, daysLeft, more) => {
        const verified = Math.floor(b.target * b.verifiedShare);
        const p = projectPlace({ target: b.target, verified, windowGain: b.windowGain, windowDays: b.windowDays }, daysLeft, more);
        expect(p.projected).toHaveLength(daysLeft);
        let before = verified;
        for (const v of p.projected) {
          expect(v).toBeGreaterThanOrEqual(before);
          expect(v).toBeLessThanOrEqual(b.target);
          before = v;
        }
        expect(p.neededPerDay * Math.max(daysLeft, 1)).toBeGreaterThanOrEqual(p.remaining);
        if (p.daysToFull !== null && p.daysToFull >= 1 && p.daysToFull <= daysLeft) {
          expect(p.projected[p.daysToFull - 1]).toBeGreaterThanOrEqual(b.target - 1e-6);
          if (p.daysToFull >= 2) expect(p.projected[p.daysToFull - 2]).toBeLessThan(b.target);
        }
        if (p.daysToFull === null && p.remaining > 0) expect(p.projected.at(-1) ?? verified).toBeLessThan(b.target);
      }),
      { numRuns: 500 },
    );
  });
});
