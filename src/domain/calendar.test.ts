import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, formatCalendarDay, isLeapYear, parseCalendarDay, vietnamCalendarDate } from './calendar.ts';

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

describe('parseCalendarDay', () => {
  const dayOfInstant = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true });

  it('reads back every day the calendar has, written YYYY-MM-DD', () => {
    fc.assert(
      fc.property(dayOfInstant, (instant) => {
        const text = instant.toISOString().slice(0, 10);
        const date = parseCalendarDay(text);
        expect(date).not.toBeNull();
        expect(formatCalendarDay(date ?? { year: 0, month: 0, day: 0 })).toBe(text);
      }),
    );
  });

  it('refuses a month or day no calendar has, whatever the year', () => {
    const year = fc.integer({ min: 0, max: 9999 });
    fc.assert(
      fc.property(year, fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (y, month, day) => {
        const text = `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const real = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(y, month);
        expect(parseCalendarDay(text) !== null).toBe(real);
      }),
    );
    expect(parseCalendarDay('2026-02-30')).toBeNull();
    expect(parseCalendarDay('2026-13-45')).toBeNull();
    expect(parseCalendarDay('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCalendarDay('2100-02-29')).toBeNull();
  });

  it('refuses any other shape (short parts, extra text, times)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (text) => {
        fc.pre(!/^\d{4}-\d{2}-\d{2}$/.test(text));
        expect(parseCalendarDay(text)).toBeNull();
      }),
    );
    for (const text of ['2026-5-10', ' 2026-05-10', '2026-05-10T00:00', '20260510', '2026/05/10', '٢٠٢٦-٠٥-١٠']) expect(parseCalendarDay(text)).toBeNull();
  });
});
