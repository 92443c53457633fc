import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCalendarDay } from '../domain/index.ts';
import { calendarDayParam } from './calendar-day-param.ts';

describe('calendarDayParam', () => {
  const schema = calendarDayParam();

  it('accepts exactly the texts the domain calendar reads as a day', () => {
    const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const dayLike = fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`);
    fc.assert(
      fc.property(fc.oneof(dayLike, fc.string({ maxLength: 12 })), (text) => {
        expect(schema.safeParse(text).success).toBe(parseCalendarDay(text) !== null);
      }),
    );
  });

  it('refuses 2026-13-45 and 2026-02-30 with a message that says what a day looks like', () => {
    for (const text of ['2026-13-45', '2026-02-30']) {
      const result = schema.safeParse(text);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toContain('YYYY-MM-DD');
    }
    expect(schema.parse('2028-02-29')).toBe('2028-02-29');
  });
});
