import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexCommuneNames } from '../../domain/index.ts';
import { layoutStatisticsColumns } from './statistics-columns.ts';
import { checkStatisticsRow, parseCount, type StatisticsRowContext } from './statistics-row.ts';

const units = [
  { code: '30307', name: 'Phường Long Xuyên' },
  { code: '30313', name: 'Xã Mỹ Hoà Hưng' },
  { code: '1', name: 'Xã Vĩnh Thạnh' },
  { code: '2', name: 'Phường Vĩnh Thạnh' },
];
const ctx = (groupedDigits = true): StatisticsRowContext => ({ unitNames: new Map(units.map((u) => [u.code, u.name])), names: indexCommuneNames(units), groupedDigits });

describe('parseCount', () => {
  it('reads plain digits, and digits grouped by threes where grouping is allowed', () => {
    expect(parseCount('12345', false)).toBe(12345);
    expect(parseCount(' 0 ', false)).toBe(0);
    expect(parseCount('12.345', true)).toBe(12345);
    expect(parseCount('1,234,567', true)).toBe(1234567);
    expect(parseCount('1\u00a0234', true)).toBe(1234);
    expect(parseCount('12.345', false)).toBeNull();
  });

  it('refuses what is not a whole number of people', () => {
    for (const text of ['', '-5', '12.5', '1.2345', '1,234.567', '1.234,567', '12 34', '1e3', '0x10', 'mười', '١٢٣', '99999999999999999']) {
      expect(parseCount(text, true), text).toBeNull();
    }
  });

  it('gives back every safe whole number, written plain or grouped with one separator', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.constantFrom('.', ',', ' ', '\u00a0'), (n, separator) => {
        expect(parseCount(String(n), false)).toBe(n);
        const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
        expect(parseCount(grouped, true)).toBe(n);
      }),
    );
  });

  it('never throws, and what it reads is the digits of the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (text, grouped) => {
        const count = parseCount(text, grouped);
        if (count !== null) expect(count).toBe(Number(text.replace(/\D/g, '')));
      }),
    );
  });
});

describe('checkStatisticsRow', () => {
  const both = layoutStatisticsColumns(['Mã xã', 'Tên xã', 'Dân số', 'Dân số từ 14 tuổi trở lên']);
  const byName = layoutStatisticsColumns(['Xã, phường, đặc khu', 'Dân số', 'Từ 14 tuổi trở lên']);

  it('reads a commune by its code, its name, or both', () => {
    expect(checkStatisticsRow(['30307', 'Phường Long Xuyên', '12.345', '10.000'], both, ctx())).toEqual({
      communeCode: '30307',
      figures: { communeCode: '30307', population: 12345, population14plus: 10000 },
      problems: [],
    });
    expect(checkStatisticsRow(['Mỹ Hòa Hưng', '500', '400'], byName, ctx()).figures).toEqual({ communeCode: '30313', population: 500, population14plus: 400 });
  });

  it('reports each bad cell with its column, code and the value written', () => {
    expect(checkStatisticsRow(['30999', '', '12,5', ''], both, ctx()).problems).toEqual([
      { column: 'commune_code', code: 'ROW_COMMUNE_UNKNOWN', message: 'Mã xã không có trong danh mục đơn vị hành chính của tỉnh.', value: '30999' },
      { column: 'population', code: 'ROW_COUNT_INVALID', message: 'Phải là một số nguyên không âm (số người).', value: '12,5' },
      { column: 'population_14plus', code: 'ROW_VALUE_REQUIRED', message: 'Cột bắt buộc nhưng đang để trống.', value: null },
    ]);
    expect(checkStatisticsRow(['', '', '5', '6'], both, ctx()).problems.map((p) => [p.column, p.code])).toEqual([
      [null, 'ROW_COMMUNE_REQUIRED'],
      ['population_14plus', 'ROW_14PLUS_ABOVE_POPULATION'],
    ]);
  });

  it('keeps the commune of a row whose counts are wrong, so it is not also missing', () => {
    expect(checkStatisticsRow(['30307', '', 'x', '1'], both, ctx())).toMatchObject({ communeCode: '30307', figures: null });
  });

  it('refuses a name that fits several units, that fits none, or that is not the code’s', () => {
    expect(checkStatisticsRow(['Vĩnh Thạnh', '5', '4'], byName, ctx()).problems).toEqual([
      {
        column: 'commune_name',
        code: 'ROW_COMMUNE_NAME_AMBIGUOUS',
        message: 'Tên xã khớp với nhiều đơn vị: Xã Vĩnh Thạnh (mã 1), Phường Vĩnh Thạnh (mã 2). Hãy ghi rõ xã, phường hay đặc khu, hoặc ghi mã xã.',
        value: 'Vĩnh Thạnh',
      },
    ]);
    expect(checkStatisticsRow(['Quận 1', '5', '4'], byName, ctx()).problems.map((p) => p.code)).toEqual(['ROW_COMMUNE_NAME_UNKNOWN']);
    expect(checkStatisticsRow(['30307', 'Mỹ Hòa Hưng', '5', '4'], both, ctx()).problems).toEqual([
      { column: 'commune_name', code: 'ROW_COMMUNE_NAME_MISMATCH', message: 'Tên xã không phải tên của đơn vị mã 30307 (Phường Long Xuyên).', value: 'Mỹ Hòa Hưng' },
    ]);
  });

  it('takes an xlsx cell’s dot as a fraction, not a thousands separator', () => {
    expect(checkStatisticsRow(['30307', '', '12.345', '1'], both, ctx(false)).problems.map((p) => p.code)).toEqual(['ROW_COUNT_INVALID']);
  });

  it('answers any row of any text without throwing: figures or problems, never both', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 5 }), (values) => {
        const check = checkStatisticsRow(values, both, ctx());
        expect(check.figures === null).toBe(check.problems.length > 0);
        if (check.figures) expect(check.figures.population14plus).toBeLessThanOrEqual(check.figures.population);
      }),
    );
  });
});

describe('layoutStatisticsColumns', () => {
  it('needs the commune by code or by name, and both counts', () => {
    expect(layoutStatisticsColumns(['Dân số', 'Dân số từ 14 tuổi trở lên']).missing).toEqual(['commune_code', 'commune_name']);
    expect(layoutStatisticsColumns(['commune_code', 'population']).missing).toEqual(['population_14plus']);
    expect(layoutStatisticsColumns(['MA XA', 'dan so', 'population_14plus', 'Ghi chú'])).toMatchObject({ missing: [], unknown: ['Ghi chú'] });
  });
});
