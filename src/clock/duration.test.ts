import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.ts';

const part = fc.record({ amount: fc.integer({ min: 0, max: 99_999 }), unit: fc.constantFrom('d', 'h', 'm') });
const MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

describe('parseDuration', () => {
  it('reads days, hours and minutes in any combination, case and spacing', () => {
    expect(parseDuration('7d')).toBe(7 * MS.d);
    expect(parseDuration('1d12h')).toBe(MS.d + 12 * MS.h);
    expect(parseDuration(' 2H 30m ')).toBe(2 * MS.h + 30 * MS.m);
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), fc.boolean(), (parts, spaced) => {
        const text = parts.map((p) => `${p.amount}${p.unit}`).join(spaced ? ' ' : '');
        const total = parts.reduce((sum, p) => sum + p.amount * MS[p.unit], 0);
        expect(parseDuration(text)).toBe(total > 0 ? total : null);
      }),
    );
  });

  it('answers null, never throws, for anything else (including zero and negative spans)', () => {
    for (const text of ['', 'd', '7', '-1d', '1.5h', '1w', '0d', 'tomorrow', '1d-2h']) expect(parseDuration(text), text).toBeNull();
    fc.assert(
      fc.property(fc.string(), (text) => {
        const ms = parseDuration(text);
        expect(ms === null || (Number.isSafeInteger(ms) && ms > 0)).toBe(true);
      }),
    );
  });
});
