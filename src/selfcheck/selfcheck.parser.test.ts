import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSelfCheck } from './selfcheck.parser.ts';

const ID = '089095012345';

describe('parseSelfCheck', () => {
  it.each([
    ['TTTB', { kind: 'owner' }],
    ['  tttb  ', { kind: 'owner' }],
    ['Tttb.', { kind: 'owner' }],
    ['ＴＴＴＢ', { kind: 'owner' }],
    [`TTTB ${ID}`, { kind: 'lines', document: ID }],
    [`tttb${ID}`, { kind: 'lines', document: ID }],
    ['TTTB  089.095.012.345', { kind: 'lines', document: ID }],
    ['TTTB 089-095-012-345', { kind: 'lines', document: ID }],
    ['TTTB ０８９０９５０１２３４５', { kind: 'lines', document: ID }],
    [`TTTB CCCD ${ID}`, { kind: 'lines', document: ID }],
    ['TTTB 351234567', { kind: 'lines', document: '351234567' }],
    ['TTTB b1234567', { kind: 'lines', document: 'B1234567' }],
    ['TTTB SAI', { kind: 'report' }],
    ['tttbsai', { kind: 'report' }],
    ['TTTB sái ngày sinh', { kind: 'report' }],
    ['', { kind: 'invalid' }],
    ['HELLO', { kind: 'invalid' }],
    ['TTB 089095012345', { kind: 'invalid' }],
    ['TTTB 0912345678', { kind: 'invalid' }],
    ['TTTB 12345', { kind: 'invalid' }],
    ['TTTB xin chao', { kind: 'invalid' }],
  ])('reads %j', (text, expected) => {
    expect(parseSelfCheck(text)).toEqual(expected);
  });
});

// How people type: any case per letter, any spacing, separators inside the number, full-width forms.
const keyword = fc
  .tuple(...[...'TTTB'].map((ch) => fc.boolean().map((lower) => (lower ? ch.toLowerCase() : ch))))
  .map((chars) => chars.join(''));
const blank = fc.constantFrom('', ' ', '  ', '\t', ' \n');
const separator = fc.constantFrom('', '', '', ' ', '.', '-', ' - ', '–');
const idNumber = fc.oneof(fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^\d{9}$/));
const toFullWidth = (text: string) => text.replace(/[0-9A-Za-z]/g, (ch) => String.fromCodePoint((ch.codePointAt(0) ?? 0) + 0xfee0));

function noisy(digits: string, separators: string[]): string {
  return [...digits].map((d, i) => (i === 0 ? d : (separators[i % separators.length] ?? '') + d)).join('');
}

describe('parseSelfCheck properties', () => {
  it('reads any noisy `TTTB <id number>` as that number', () => {
    fc.assert(
      fc.property(keyword, blank, blank, idNumber, fc.array(separator, { minLength: 1, maxLength: 12 }), fc.boolean(), (kw, before, between, id, seps, fullWidth) => {
        const text = `${before}${kw}${between}${noisy(id, seps)}${before}`;
        expect(parseSelfCheck(fullWidth ? toFullWidth(text) : text)).toEqual({ kind: 'lines', document: id });
      }),
    );
  });

  it('reads any casing and spacing of the bare keyword as the owner request', () => {
    fc.assert(
      fc.property(keyword, blank, blank, (kw, before, after) => {
        expect(parseSelfCheck(`${before}${kw}${after}`)).toEqual({ kind: 'owner' });
      }),
    );
  });

  it('never throws and answers one of the four kinds for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(['owner', 'lines', 'report', 'invalid']).toContain(parseSelfCheck(text).kind);
      }),
    );
  });

  it('treats text without the keyword as invalid', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }).filter((t) => !t.toUpperCase().replace(/[\s.-]/g, '').startsWith('TTTB')), (text) => {
        expect(parseSelfCheck(text)).toEqual({ kind: 'invalid' });
      }),
    );
  });

  it('refuses digit strings of any length but 9 or 12', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,20}$/).filter((d) => d.length !== 9 && d.length !== 12), (digits) => {
        expect(parseSelfCheck(`TTTB ${digits}`)).toEqual({ kind: 'invalid' });
      }),
    );
  });
});
