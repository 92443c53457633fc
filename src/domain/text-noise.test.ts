import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldFullWidth, removeDigitSeparators } from './text-noise.ts';

const toFullWidth = (text: string) =>
  [...text].map((ch) => (ch >= '!' && ch <= '~' ? String.fromCodePoint((ch.codePointAt(0) ?? 0) + 0xfee0) : ch)).join('');

describe('foldFullWidth', () => {
  it.each([
    ['０９１２３４５６７８', '0912345678'],
    ['＋８４　９１２', '+84 912'],
    ['ＴＴＴＢ　０８９', 'TTTB 089'],
    ['Nguyễn ０１', 'Nguyễn 01'],
  ])('%s → %s', (input, folded) => {
    expect(foldFullWidth(input)).toBe(folded);
  });

  it('turns full-width ASCII into ASCII, leaves other text alone, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((cp) => String.fromCodePoint(cp)) }), (ascii) => {
        expect(foldFullWidth(toFullWidth(ascii))).toBe(ascii);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(foldFullWidth(foldFullWidth(text))).toBe(foldFullWidth(text));
      }),
    );
  });
});

describe('removeDigitSeparators', () => {
  it.each([
    [' 0912 345 678 ', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['0912\u2013345\u2014678', '0912345678'],
    ['089\u00A0085\t001\n234', '089085001234'],
    ['(091) 234+5', '(091)234+5'],
  ])('%j → %j', (input, cleaned) => {
    expect(removeDigitSeparators(input)).toBe(cleaned);
  });

  it('keeps the digits in order whatever separators surround them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('', ' ', '.', '-', '\u2010', '\u2212', '\u00A0'), fc.integer({ min: 0, max: 9 }))), (parts) => {
        const digits = parts.map(([, d]) => d).join('');
        expect(removeDigitSeparators(parts.map(([sep, d]) => `${sep}${d}`).join(''))).toBe(digits);
      }),
    );
  });
});
