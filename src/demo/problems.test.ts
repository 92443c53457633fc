import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBirthDates, compareNames, type BirthDate } from '../domain/index.ts';
import { NameGenerator } from './names.ts';
import { misspellName, swapDayAndMonth, withoutDiacritics, wrongBirthDate } from './problems.ts';
import { Random } from './random.ts';
import { DEFAULT_DEMO_SETTINGS } from './settings.ts';

const names = new NameGenerator(DEFAULT_DEMO_SETTINGS.names);
const aName = fc
  .tuple(fc.integer(), fc.constantFrom('male', 'female'), fc.constantFrom('kinh', 'khmer', 'hoa'))
  .map(([seed, sex, origin]) => names.generate(new Random(seed), sex, origin).fullName);
const aDay = fc.date({ min: new Date('1920-01-01'), max: new Date('2012-12-31'), noInvalidDate: true }).map(
  (d): BirthDate => ({ precision: 'day', year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }),
);

describe('planted problems', () => {
  it('a misspelt name is a different name, not a style or diacritics variant', () => {
    fc.assert(
      fc.property(aName, fc.integer(), (name, seed) => {
        expect(compareNames(misspellName(name, new Random(seed)), name)).toBe('different');
      }),
    );
  });

  it('a name without diacritics compares as diacritics missing', () => {
    fc.assert(
      fc.property(aName, (name) => {
        const plain = withoutDiacritics(name);
        if (plain !== null) expect(compareNames(plain, name)).toBe('diacritics_missing');
      }),
    );
    expect(withoutDiacritics('Chau Ponl')).toBeNull();
  });

  it('swaps day and month only where that gives another valid date', () => {
    expect(swapDayAndMonth({ precision: 'day', year: 1985, month: 7, day: 3 })).toEqual({ precision: 'day', year: 1985, month: 3, day: 7 });
    expect(swapDayAndMonth({ precision: 'day', year: 1985, month: 7, day: 13 })).toBeNull();
    expect(swapDayAndMonth({ precision: 'day', year: 1985, month: 7, day: 7 })).toBeNull();
    expect(swapDayAndMonth({ precision: 'year', year: 1940 })).toBeNull();
    fc.assert(
      fc.property(aDay, (birth) => {
        const swapped = swapDayAndMonth(birth);
        if (swapped) expect(compareBirthDates(swapped, birth)).toBe('day_month_swapped');
      }),
    );
  });

  it('a wrong birth date is different, not the swap, and keeps its precision', () => {
    fc.assert(
      fc.property(aDay, fc.integer(), (birth, seed) => {
        const wrong = wrongBirthDate(birth, new Random(seed));
        expect(compareBirthDates(wrong, birth)).toBe('different');
        expect(wrong.precision).toBe('day');
      }),
    );
    const yearOnly = wrongBirthDate({ precision: 'year', year: 1940 }, new Random(1));
    expect(yearOnly.precision).toBe('year');
    expect(yearOnly.year).not.toBe(1940);
  });
});
