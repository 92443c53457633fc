import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLuhnValid, luhnCheckDigit } from './luhn.ts';

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

describe('Luhn', () => {
  it('knows a published IMEI example', () => {
    expect(luhnCheckDigit('49015420323751')).toBe(8);
    expect(isLuhnValid('490154203237518')).toBe(true);
  });

  it('makes any payload valid with its check digit', () => {
    fc.assert(
      fc.property(digits(1, 20), (payload) => {
        expect(isLuhnValid(payload + String(luhnCheckDigit(payload)))).toBe(true);
      }),
    );
  });

  it('detects every single-digit change', () => {
    fc.assert(
      fc.property(digits(1, 20), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, position, delta) => {
        const valid = payload + String(luhnCheckDigit(payload));
        const at = position % valid.length;
        const changed = valid.slice(0, at) + String((Number(valid[at]) + delta) % 10) + valid.slice(at + 1);
        expect(isLuhnValid(changed)).toBe(false);
      }),
    );
  });

  it('rejects what is not a digit string', () => {
    expect(isLuhnValid('')).toBe(false);
    expect(isLuhnValid('4901 5420')).toBe(false);
    expect(() => luhnCheckDigit('12a')).toThrow(RangeError);
  });
});
