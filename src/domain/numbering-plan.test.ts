import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberingPlanVerdict, numberingPlanVerdictUncached, PLAN_MEMO_KEY_DIGITS } from './numbering-plan.ts';

/** A 9-digit national significant number: what follows the trunk 0 of a current mobile. */
const nsn9 = fc.stringMatching(/^\d{9}$/);
const memoKey = fc.integer({ min: 0, max: 10 ** PLAN_MEMO_KEY_DIGITS - 1 }).map((k) => String(k).padStart(PLAN_MEMO_KEY_DIGITS, '0'));
const tail = fc.stringMatching(new RegExp(`^\\d{${9 - PLAN_MEMO_KEY_DIGITS}}$`));

describe('numberingPlanVerdict: what the plan says', () => {
  it.each([
    ['912345678', 'mobile'],
    ['328123456', 'mobile'],
    ['951234567', 'mobile'],
    ['2438253123', 'landline'],
    ['2963852123', 'landline'],
    ['521234567', 'other'],
    ['672123456', 'other'],
    ['18001091', 'other'],
    ['091234567', 'other'],
  ] as const)('%s → %s', (nsn, verdict) => {
    expect(numberingPlanVerdict(nsn)).toBe(verdict);
    expect(numberingPlanVerdictUncached(nsn)).toBe(verdict);
  });

  it('needs four digits, not three, to decide: the plan splits 052, 089, 099 and 012', () => {
    expect(numberingPlanVerdictUncached('521234567')).toBe('other');
    expect(numberingPlanVerdictUncached('522234567')).toBe('mobile');
    expect(numberingPlanVerdictUncached('895234567')).toBe('other');
    expect(numberingPlanVerdictUncached('896234567')).toBe('mobile');
    expect(numberingPlanVerdictUncached('992234567')).toBe('other');
    expect(numberingPlanVerdictUncached('993234567')).toBe('mobile');
    expect(numberingPlanVerdictUncached('121334567')).toBe('mobile');
    expect(numberingPlanVerdictUncached('121434567')).toBe('other');
  });
});

describe('numberingPlanVerdict: the memo is exact', () => {
  it('gives what asking the plan every time gives', () => {
    fc.assert(
      fc.property(nsn9, (nsn) => {
        expect(numberingPlanVerdict(nsn)).toBe(numberingPlanVerdictUncached(nsn));
      }),
      { numRuns: 20_000 },
    );
  });

  it('may key on the first digits: two numbers sharing them get the same verdict from the plan', () => {
    fc.assert(
      fc.property(memoKey, tail, tail, (key, a, b) => {
        expect(numberingPlanVerdictUncached(key + b)).toBe(numberingPlanVerdictUncached(key + a));
      }),
      { numRuns: 20_000 },
    );
  });

  it('no digit after the key changes the verdict: every key × every next digit', { timeout: 30_000 }, () => {
    // Random sampling rarely lands on a split one digit further (as 089[6-9] is inside 089); this
    // sweep meets every one. Digits further on are left to the property above.
    const rest = '3172';
    for (let k = 0; k < 10 ** PLAN_MEMO_KEY_DIGITS; k++) {
      const key = String(k).padStart(PLAN_MEMO_KEY_DIGITS, '0');
      const verdict = numberingPlanVerdictUncached(`${key}0${rest}`);
      for (let next = 1; next <= 9; next++) {
        const nsn = `${key}${next}${rest}`;
        if (numberingPlanVerdictUncached(nsn) !== verdict) expect.fail(`the plan splits ${key} at ${nsn}: the memo key needs more digits`);
      }
    }
  });
});
