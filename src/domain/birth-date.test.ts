import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  BIRTH_DATE_REASON_MESSAGES_VI,
  type BirthDate,
  birthDateFromIso,
  type BirthDateReason,
  compareBirthDates,
  formatBirthDate,
  parseBirthDate,
} from './birth-date.ts';
import { daysInMonth } from './calendar.ts';

const asOf = new Date('2026-05-01T09:00:00+07:00');
const parse = (text: string) => parseBirthDate(text, { asOf });
const day = (year: number, month: number, d: number): BirthDate => ({ precision: 'day', year, month, day: d });
const month = (year: number, m: number): BirthDate => ({ precision: 'month', year, month: m });
const year = (y: number): BirthDate => ({ precision: 'year', year: y });
/** Noon in Vietnam on the given calendar day. */
const vn = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d, 5));

const dayDate = fc
  .record({ year: fc.integer({ min: 1880, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year: y, month: m, day: d }) => day(y, m, Math.min(d, daysInMonth(y, m))));
const birthDate: fc.Arbitrary<BirthDate> = fc.oneof(
  dayDate,
  dayDate.map((d) => month(d.year, d.month ?? 1)),
  dayDate.map((d) => year(d.year)),
);

describe('parseBirthDate', () => {
  it.each([
    ['05/09/1978', day(1978, 9, 5)],
    ['5/9/1978', day(1978, 9, 5)],
    ['05-09-1978', day(1978, 9, 5)],
    ['05.09.1978', day(1978, 9, 5)],
    [' 05 / 09 / 1978 ', day(1978, 9, 5)],
    ['31/12/1999', day(1999, 12, 31)],
    ['29/02/2000', day(2000, 2, 29)],
    ['29/02/2024', day(2024, 2, 29)],
    ['1978-09-05', day(1978, 9, 5)],
    ['09/1978', month(1978, 9)],
    ['9/1978', month(1978, 9)],
    ['9-1978', month(1978, 9)],
    ['09.1978', month(1978, 9)],
    ['1978-09', month(1978, 9)],
    ['1978', year(1978)],
    ['  1945 ', year(1945)],
    ['１９７８', year(1978)],
    ['1880', year(1880)],
    ['01/05/2026', day(2026, 5, 1)],
    ['05/2026', month(2026, 5)],
    ['2026', year(2026)],
  ])('%j → %o', (text, value) => {
    expect(parse(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['5 tháng 9 năm 1978', 'unrecognised_format'],
    ['05/09/78', 'unrecognised_format'],
    ['1978/09/05', 'unrecognised_format'],
    ['05/09-1978', 'unrecognised_format'],
    ['005/09/1978', 'unrecognised_format'],
    ['19780905', 'unrecognised_format'],
    ['78', 'unrecognised_format'],
    ['abc', 'unrecognised_format'],
    ['31/02/2000', 'impossible_date'],
    ['30/02/2000', 'impossible_date'],
    ['29/02/2023', 'impossible_date'],
    ['29/02/1900', 'impossible_date'],
    ['31/04/1990', 'impossible_date'],
    ['00/05/1990', 'impossible_date'],
    ['12/13/1990', 'impossible_date'],
    ['13/1990', 'impossible_date'],
    ['0/1990', 'impossible_date'],
    ['1990-00', 'impossible_date'],
    ['1990-02-30', 'impossible_date'],
    ['02/05/2026', 'in_future'],
    ['06/2026', 'in_future'],
    ['2027', 'in_future'],
    ['2026-12-31', 'in_future'],
    ['1879', 'too_old'],
    ['31/12/1879', 'too_old'],
    ['0999', 'too_old'],
  ] as const)('%j → %s', (text, reason: BirthDateReason) => {
    expect(parse(text)).toEqual({ ok: false, reason });
  });

  it('takes "today" in Vietnam time', () => {
    // 30/4/2026 18:00 UTC is already 1/5/2026 in Vietnam.
    expect(parseBirthDate('01/05/2026', { asOf: new Date('2026-04-30T18:00:00Z') }).ok).toBe(true);
    expect(parseBirthDate('01/05/2026', { asOf: new Date('2026-04-30T16:00:00Z') })).toEqual({ ok: false, reason: 'in_future' });
  });

  it('has a Vietnamese message for every reason', () => {
    expect(Object.keys(BIRTH_DATE_REASON_MESSAGES_VI).sort()).toEqual(['empty', 'impossible_date', 'in_future', 'too_old', 'unrecognised_format']);
  });

  it('reads back what formatBirthDate writes (round trip)', () => {
    fc.assert(
      fc.property(birthDate, (d) => {
        expect(parse(formatBirthDate(d))).toEqual({ ok: true, value: d });
      }),
    );
  });

  it('reads day-first forms with any separator, padding and surrounding spaces', () => {
    fc.assert(
      fc.property(
        dayDate,
        fc.constantFrom('/', '-', '.', ' / '),
        fc.boolean(),
        fc.constantFrom('', ' ', '\t'),
        (d, sep, padded, space) => {
          const two = (n: number | undefined) => (padded ? String(n).padStart(2, '0') : String(n));
          expect(parse(`${space}${two(d.day)}${sep}${two(d.month)}${sep}${d.year}${space}`)).toEqual({ ok: true, value: d });
          expect(parse(`${space}${two(d.month)}${sep}${d.year}${space}`)).toEqual({ ok: true, value: month(d.year, d.month ?? 0) });
        },
      ),
    );
  });

  it('accepts only dates that exist, on or before asOf, from 1880', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1800, max: 2100 }), (d, m, y) => {
        const result = parse(`${d}/${m}/${y}`);
        const exists = m <= 12 && d <= daysInMonth(y, m);
        const notFuture = Date.UTC(y, m - 1, d) <= Date.UTC(2026, 4, 1);
        expect(result.ok).toBe(exists && notFuture && y >= 1880);
      }),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9/.\- ]{0,12}$/)), (text) => {
        const result = parse(text);
        if (result.ok) expect(birthDateFromIso(formatBirthDate(result.value))).toEqual(result.value);
      }),
    );
  });
});

describe('formatBirthDate and birthDateFromIso', () => {
  it.each([
    [day(1978, 9, 5), '1978-09-05'],
    [month(1978, 9), '1978-09'],
    [year(1978), '1978'],
    [day(2000, 12, 31), '2000-12-31'],
  ])('%o ⇄ %s', (d, iso) => {
    expect(formatBirthDate(d)).toBe(iso);
    expect(birthDateFromIso(iso)).toEqual(d);
  });

  it.each(['', '1978-9-5', '1978-9', '78', '05/09/1978', '1978-02-30', '1978-13', '1978-00', ' 1978', '1978-09-05T00:00', '19780905'])(
    'birthDateFromIso refuses %j',
    (text) => {
      expect(birthDateFromIso(text)).toBeNull();
    },
  );

  it('are inverse of each other', () => {
    fc.assert(
      fc.property(birthDate, (d) => {
        const iso = formatBirthDate(d);
        expect(birthDateFromIso(iso)).toEqual(d);
        expect(formatBirthDate(birthDateFromIso(iso) ?? year(0))).toBe(iso);
      }),
    );
  });
});

describe('compareBirthDates', () => {
  it.each([
    [day(1978, 9, 5), day(1978, 9, 5), 'match'],
    [month(1978, 9), month(1978, 9), 'match'],
    [year(1978), year(1978), 'match'],
    [year(1978), day(1978, 9, 5), 'compatible'],
    [month(1978, 9), day(1978, 9, 5), 'compatible'],
    [year(1978), month(1978, 2), 'compatible'],
    [day(1978, 9, 5), day(1978, 5, 9), 'day_month_swapped'],
    [day(1978, 1, 12), day(1978, 12, 1), 'day_month_swapped'],
    [day(1978, 9, 5), day(1979, 5, 9), 'different'],
    [day(1978, 9, 5), day(1978, 9, 6), 'different'],
    [month(1978, 9), day(1978, 5, 9), 'different'],
    [month(1978, 9), month(1978, 5), 'different'],
    [year(1978), year(1987), 'different'],
    [year(1978), day(1987, 1, 1), 'different'],
  ] as const)('%o vs %o → %s', (a, b, expected) => {
    expect(compareBirthDates(a, b)).toBe(expected);
    expect(compareBirthDates(b, a)).toBe(expected);
  });

  it('is symmetric, and every date matches itself and is compatible with its coarser forms', () => {
    fc.assert(
      fc.property(dayDate, birthDate, (d, other) => {
        expect(compareBirthDates(d, d)).toBe('match');
        expect(compareBirthDates(d, month(d.year, d.month ?? 0))).toBe('compatible');
        expect(compareBirthDates(d, year(d.year))).toBe('compatible');
        expect(compareBirthDates(d, other)).toBe(compareBirthDates(other, d));
      }),
    );
  });
});

describe('ageOn', () => {
  it.each([
    [day(2012, 5, 1), vn(2026, 5, 1), 14],
    [day(2012, 5, 2), vn(2026, 5, 1), 13],
    [day(2012, 4, 30), vn(2026, 5, 1), 14],
    [month(2012, 4), vn(2026, 4, 29), 13],
    [month(2012, 4), vn(2026, 4, 30), 14],
    [year(2012), vn(2026, 12, 30), 13],
    [year(2012), vn(2026, 12, 31), 14],
    [year(2012), vn(2027, 12, 31), 15],
    [day(2008, 2, 29), vn(2026, 2, 28), 17],
    [day(2008, 2, 29), vn(2026, 3, 1), 18],
    [day(2008, 2, 29), vn(2028, 2, 29), 20],
    [month(2008, 2), vn(2026, 2, 28), 17],
    [month(2008, 2), vn(2026, 3, 1), 18],
    [day(1950, 1, 1), vn(2026, 5, 1), 76],
  ] as const)('%o on %s → %i', (birth, date, age) => {
    expect(ageOn(birth, date)).toBe(age);
  });

  it('takes the date in Vietnam time', () => {
    // 31/12/2025 17:00 UTC is 1/1/2026 00:00 in Vietnam: the 14th birthday of someone born 1/1/2012.
    expect(ageOn(day(2012, 1, 1), new Date('2025-12-31T17:00:00Z'))).toBe(14);
    expect(ageOn(day(2012, 1, 1), new Date('2025-12-31T16:59:59Z'))).toBe(13);
  });

  it('never counts a person older than any exact date their record allows', () => {
    fc.assert(
      fc.property(dayDate, fc.integer({ min: 0, max: 80 * 366 }), (d, offsetDays) => {
        const when = new Date(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1, 5) + offsetDays * 86_400_000);
        const exact = ageOn(d, when);
        expect(ageOn(month(d.year, d.month ?? 0), when)).toBeLessThanOrEqual(exact);
        expect(ageOn(year(d.year), when)).toBeLessThanOrEqual(exact);
        expect(exact).toBeGreaterThanOrEqual(0);
        expect(exact).toBeLessThanOrEqual(ageOn(day(d.year, 1, 1), when));
      }),
    );
  });
});
