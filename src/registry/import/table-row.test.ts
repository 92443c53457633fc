import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanValue, oneByOne, pickHeader } from './table-row.ts';

describe('cleanValue', () => {
  it('is trim() then NFC for any text, its shortcuts included (property)', () => {
    const text = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom(' ', '\u00a0', '\ufeff', 'e\u0301', 'ễ', 'Ω', '\u212b', '\t')), { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (raw) => {
        expect(cleanValue(raw)).toBe(raw.trim().normalize('NFC'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('pickHeader', () => {
  it('takes the first row with two filled cells, passing over titles; the first row when none has', () => {
    expect(pickHeader([{ values: ['DANH SÁCH'] }, { values: ['', 'Ngày 1/5'] }, { values: ['số', 'tên'] }])).toBe(2);
    expect(pickHeader([{ values: ['so_thue_bao'] }, { values: ['0912345678'] }])).toBe(0);
  });
});

describe('oneByOne', () => {
  it('gives the items of the batches in order, empty batches included, and stops the source when left early', async () => {
    const seen: number[] = [];
    for await (const n of oneByOne<number>(Readable.from([[1, 2], [], [3]]))) seen.push(n);
    expect(seen).toEqual([1, 2, 3]);
    const source = Readable.from([[1, 2], [3]]);
    for await (const n of oneByOne<number>(source)) if (n === 1) break;
    expect(source.destroyed).toBe(true);
  });
});
