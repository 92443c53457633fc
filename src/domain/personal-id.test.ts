import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocumentNumber, composePersonalId, ID_REASON_MESSAGES_VI, type IdReason, type Sex } from './personal-id.ts';
import { REFERENCE_FIXTURE as ref } from './reference-data.fixture.ts';

const asOf = new Date('2026-05-01T00:00:00+07:00');
const check = (input: string, opts: Parameters<typeof checkDocumentNumber>[2] = {}) =>
  checkDocumentNumber(input, ref, { asOf, ...opts });

/** Inserts separators and full-width digits the way people type them. */
const noisy = (digits: string) =>
  fc
    .array(fc.constantFrom('', ' ', '.', '-', '  ', '\u00A0', '\u2013'), { minLength: digits.length + 1, maxLength: digits.length + 1 })
    .chain((seps) =>
      fc.array(fc.boolean(), { minLength: digits.length, maxLength: digits.length }).map((wide) =>
        [...digits]
          .map((d, i) => `${seps[i] ?? ''}${wide[i] ? String.fromCodePoint(0xff10 + Number(d)) : d}`)
          .join('') + (seps[digits.length] ?? ''),
      ),
    );

const provinceCode = fc.constantFrom(...ref.provinceCodes.keys());
const sex = fc.constantFrom<Sex>('male', 'female');

describe('checkDocumentNumber: 12-digit personal ID', () => {
  it('decodes an An Giang man born 1985', () => {
    expect(check('089085001234')).toEqual({
      valid: true,
      kind: 'personal_id',
      number: '089085001234',
      reasons: [],
      birthProvinceCode: '089',
      sex: 'male',
      birthYear: 1985,
    });
  });

  it.each([
    ['089085001234', 'male', 1985],
    ['089185001234', 'female', 1985],
    ['091200123456', 'male', 2000],
    ['091324123456', 'female', 2024],
    ['079099000001', 'male', 1999],
    ['001100000000', 'female', 1900],
  ] as const)('%s → %s born %i', (id, expectedSex, year) => {
    const result = check(id);
    expect(result.valid).toBe(true);
    expect(result.sex).toBe(expectedSex);
    expect(result.birthYear).toBe(year);
  });

  it.each([
    ['4', 'male', 2100],
    ['5', 'female', 2100],
    ['6', 'male', 2200],
    ['7', 'female', 2200],
    ['8', 'male', 2300],
    ['9', 'female', 2300],
  ] as const)('century digit %s decodes as %s, %i+ (later centuries are in the future)', (digit, expectedSex, century) => {
    const result = check(`089${digit}05123456`);
    expect(result.sex).toBe(expectedSex);
    expect(result.birthYear).toBe(century + 5);
    expect(result.reasons).toEqual(['birth_year_in_future']);
    expect(result.valid).toBe(false);
  });

  it('accepts every province code in the table, not only An Giang', () => {
    for (const code of ref.provinceCodes.keys()) {
      const result = check(`${code}190654321`);
      expect(result.valid, code).toBe(true);
      expect(result.birthProvinceCode).toBe(code);
    }
  });

  it.each(['000', '003', '090', '099', '100', '999'])('rejects the unknown province code %s', (code) => {
    const result = check(`${code}085001234`);
    expect(result).toMatchObject({ valid: false, kind: 'personal_id', reasons: ['province_code_unknown'], sex: 'male' });
    expect(result.birthProvinceCode).toBeUndefined();
  });

  it('tolerates spaces, dots, dashes and full-width digits', () => {
    for (const typed of [' 089085001234 ', '089 085 001 234', '089.085.001.234', '089-085-001-234', '０８９０８５００１２３４', '089 ０８５ 001.234\n']) {
      expect(check(typed).number, typed).toBe('089085001234');
      expect(check(typed).valid, typed).toBe(true);
    }
  });

  it('flags a birth year after asOf, using the year in Vietnam', () => {
    expect(check('089227001234').reasons).toEqual(['birth_year_in_future']);
    expect(check('089226001234').valid).toBe(true);
    // 31/12/2026 17:30 UTC is already 1/1/2027 in Vietnam.
    expect(check('089227001234', { asOf: new Date('2026-12-31T17:30:00Z') }).valid).toBe(true);
  });

  it('cross-checks the birth year and the sex, each with its own reason', () => {
    const id = '089185001234'; // female, 1985
    expect(check(id, { birthDate: { precision: 'day', year: 1985, month: 3, day: 2 }, sex: 'female' }).valid).toBe(true);
    expect(check(id, { birthDate: { precision: 'year', year: 1985 } }).valid).toBe(true);
    expect(check(id, { birthDate: { precision: 'year', year: 1986 } }).reasons).toEqual(['birth_year_mismatch']);
    expect(check(id, { birthDate: { precision: 'year', year: 2085 } }).reasons).toEqual(['birth_year_mismatch']);
    expect(check(id, { sex: 'male' }).reasons).toEqual(['sex_mismatch']);
    expect(check(id, { sex: 'male', birthDate: { precision: 'month', year: 1984, month: 1 } }).reasons).toEqual([
      'birth_year_mismatch',
      'sex_mismatch',
    ]);
  });

  it('reports every failure of one number', () => {
    expect(check('000927001234', { sex: 'male', birthDate: { precision: 'year', year: 1990 } }).reasons).toEqual([
      'province_code_unknown',
      'birth_year_in_future',
      'birth_year_mismatch',
      'sex_mismatch',
    ]);
  });
});

describe('checkDocumentNumber: other inputs', () => {
  it('recognises a 9-digit CMND as legacy, never valid', () => {
    expect(check('123 456 789')).toEqual({ valid: false, kind: 'cmnd9', number: '123456789', reasons: ['cmnd9_legacy'] });
    expect(check('３５２.１２３.４５６')).toMatchObject({ kind: 'cmnd9', number: '352123456' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    [' . - ', 'empty'],
    ['08908500123A', 'not_digits'],
    ['O89085001234', 'not_digits'],
    ['+089085001234', 'not_digits'],
    ['089085/001234', 'not_digits'],
    ['08908500123', 'wrong_length'],
    ['0890850012345', 'wrong_length'],
    ['12345678', 'wrong_length'],
    ['1234567890', 'wrong_length'],
  ] as const)('%j → %s', (input, reason: IdReason) => {
    const result = check(input);
    expect(result.valid).toBe(false);
    expect(result.kind).toBeNull();
    expect(result.reasons).toEqual([reason]);
  });

  it('keeps the digits of a wrong-length number, but not of a non-numeric one', () => {
    expect(check('0890850012').number).toBe('0890850012');
    expect(check('abc').number).toBeNull();
  });

  it('has a Vietnamese message for every reason', () => {
    const reasons: IdReason[] = [
      'empty',
      'not_digits',
      'wrong_length',
      'province_code_unknown',
      'birth_year_in_future',
      'birth_year_mismatch',
      'sex_mismatch',
      'cmnd9_legacy',
    ];
    expect(Object.keys(ID_REASON_MESSAGES_VI).sort()).toEqual([...reasons].sort());
    for (const r of reasons) expect(ID_REASON_MESSAGES_VI[r]).toMatch(/\S/);
  });
});

describe('composePersonalId', () => {
  it.each([
    [{ provinceCode: '089', sex: 'male', birthYear: 1985, serial: 1234 }, '089085001234'],
    [{ provinceCode: '091', sex: 'female', birthYear: 2003, serial: 999999 }, '091303999999'],
    [{ provinceCode: '001', sex: 'female', birthYear: 1900, serial: 0 }, '001100000000'],
    [{ provinceCode: '079', sex: 'male', birthYear: 2399, serial: 5 }, '079899000005'],
  ] as const)('%o → %s', (parts, id) => {
    expect(composePersonalId(parts)).toBe(id);
  });

  it.each([
    { provinceCode: '89', sex: 'male', birthYear: 1985, serial: 1 },
    { provinceCode: '089', sex: 'male', birthYear: 1899, serial: 1 },
    { provinceCode: '089', sex: 'male', birthYear: 2400, serial: 1 },
    { provinceCode: '089', sex: 'male', birthYear: 1985.5, serial: 1 },
    { provinceCode: '089', sex: 'male', birthYear: 1985, serial: 1_000_000 },
    { provinceCode: '089', sex: 'male', birthYear: 1985, serial: -1 },
  ] as const)('refuses parts it cannot encode: %o', (parts) => {
    expect(() => composePersonalId(parts)).toThrow(RangeError);
  });
});

describe('personal ID properties', () => {
  const parts = fc.record({
    provinceCode,
    sex,
    birthYear: fc.integer({ min: 1900, max: 2026 }),
    serial: fc.integer({ min: 0, max: 999_999 }),
  });

  it('decodes what composePersonalId encodes (round trip)', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const result = check(composePersonalId(p), { sex: p.sex, birthDate: { precision: 'year', year: p.birthYear } });
        expect(result).toMatchObject({ valid: true, birthProvinceCode: p.provinceCode, sex: p.sex, birthYear: p.birthYear });
      }),
    );
  });

  it('gives the same result however the number is typed', () => {
    fc.assert(
      fc.property(
        parts.map(composePersonalId).chain((id) => fc.tuple(fc.constant(id), noisy(id))),
        ([id, typed]) => {
          expect(check(typed)).toEqual(check(id));
        },
      ),
    );
  });

  it('is idempotent: the normalised number checks the same', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[0-9 .-]{0,16}$/), fc.string()), (input) => {
        const first = check(input);
        if (first.number !== null) expect(check(first.number)).toEqual(first);
      }),
    );
  });

  it('flags any sex or birth year that disagrees with the number', () => {
    fc.assert(
      fc.property(parts, sex, fc.integer({ min: 1880, max: 2026 }), (p, declaredSex, declaredYear) => {
        const reasons = check(composePersonalId(p), { sex: declaredSex, birthDate: { precision: 'year', year: declaredYear } }).reasons;
        expect(reasons.includes('sex_mismatch')).toBe(declaredSex !== p.sex);
        expect(reasons.includes('birth_year_mismatch')).toBe(declaredYear !== p.birthYear);
      }),
    );
  });
});
