import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateFromIso } from '../../domain/index.ts';
import { AppError } from '../../errors.ts';
import { loadReferenceData } from '../../reference/index.ts';
import { parseIdentity, parseMsisdn } from './verification.input.ts';

const reference = loadReferenceData();
const asOf = new Date('2026-05-10T03:00:00.000Z');

/** Runs `fn`; returns its value, or the AppError code it threw (anything else fails the test). */
function outcome<T>(fn: () => T): T | string {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('verification input', () => {
  it('reads an identity typed carelessly', () => {
    expect(parseIdentity({ documentNumber: ' 089.090.001-234 ', fullName: '  nguyễn   văn  hòa ', birthDate: '9/5/1990' }, reference, { allowPassport: false, asOf })).toMatchObject({
      documentNumber: '089090001234',
      documentKind: 'personal_id',
      fullName: 'nguyễn văn hòa',
      birthDateText: '1990-05-09',
    });
    expect(parseIdentity({ documentNumber: '351234567', fullName: 'Chau Sóc', birthDate: '1945' }, reference, { allowPassport: false, asOf })).toMatchObject({
      documentKind: 'cmnd9',
      birthDateText: '1945',
    });
  });

  it('accepts a passport only for a foreigner', () => {
    const input = { documentNumber: 'b 123-4567', fullName: "John O'Neil", birthDate: '1980-01-02' };
    expect(outcome(() => parseIdentity(input, reference, { allowPassport: false, asOf }))).toBe('IDENTITY_INVALID');
    expect(parseIdentity(input, reference, { allowPassport: true, asOf })).toMatchObject({ documentNumber: 'B1234567', documentKind: 'passport' });
  });

  it('refuses a birth date in the future and an unknown province code', () => {
    expect(outcome(() => parseIdentity({ documentNumber: '089090001234', fullName: 'A', birthDate: '2027' }, reference, { allowPassport: false, asOf }))).toBe('IDENTITY_INVALID');
    expect(outcome(() => parseIdentity({ documentNumber: '999090001234', fullName: 'A', birthDate: '1990' }, reference, { allowPassport: false, asOf }))).toBe('IDENTITY_INVALID');
  });

  it('never crashes: any input gives a well-formed identity or IDENTITY_INVALID', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.boolean(), (documentNumber, fullName, birthDate, allowPassport) => {
        const result = outcome(() => parseIdentity({ documentNumber, fullName, birthDate }, reference, { allowPassport, asOf }));
        if (typeof result === 'string') return result === 'IDENTITY_INVALID';
        return (
          /^(\d{9}|\d{12}|[A-Z0-9]{6,12})$/.test(result.documentNumber) &&
          birthDateFromIso(result.birthDateText) !== null &&
          result.fullName.length > 0 &&
          result.fullName === result.fullName.trim()
        );
      }),
    );
  });

  it('never crashes on a phone number: the 10-digit form or MSISDN_INVALID', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^(\+84|0)[35789]\d{8}$/)), (text) => {
        const result = outcome(() => parseMsisdn(text, reference));
        return result === 'MSISDN_INVALID' || /^0\d{9}$/.test(result);
      }),
    );
  });
});
