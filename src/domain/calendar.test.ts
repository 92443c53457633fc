import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, isLeapYear, vietnamCalendarDate } from './calendar.ts';

describe('vietnamCalendarDate', () => {
  it('reads the date at UTC+7', () => {
    expect(vietnamCalendarDate(new Date('2026-04-27T16:59:59Z'))).toEqual({ year: 2026, month: 4, day: 27 });
    expect(vietnamCalendarDate(new Date('2026-04-27T17:00:00Z'))).toEqual({ year: 2026, month: 4, day: 28 });
    expect(vietnamCalendarDate(new Date('2025-12-31T17:00:00Z'))).toEqual({ year: 2026, month: 1, day: 1 });
  });

  it('agrees with the date of the same instant written with a +07:00 offset', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const local = new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
        const { year, month, day } = vietnamCalendarDate(instant);
        expect(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`).toBe(local);
      }),
    );
  });
});

describe('isLeapYear and daysInMonth', () => {
  it.each([
    [2024, true],
    [2023, false],
    [2000, true],
    [1900, false],
    [2100, false],
  ])('%i leap: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it('agree with the JavaScript calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 2400 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
      }),
    );
  });
});
