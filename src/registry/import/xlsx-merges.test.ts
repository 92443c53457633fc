import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellAddress, columnName, MergeIndex, readMerges, type MergeRange } from './xlsx-merges.ts';

function pieces(text: string, cuts: number[]): AsyncIterable<string> {
  const sorted = [...cuts].sort((a, b) => a - b);
  const parts = [...sorted, text.length].map((cut, i) => text.slice(sorted[i - 1] ?? 0, cut));
  return Readable.from(parts);
}

const SHEET = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;mergeCell ref="Z1:Z9"/&gt;</t></is></c></row></sheetData>
<mergeCells count="3"><mergeCell ref="A2:A4"/><mergeCell ref="C5:E5"/><x:mergeCell ref="AB10"/></mergeCells></worksheet>`;

describe('readMerges', () => {
  it('finds every <mergeCell> however the XML is cut, and never a cell text that looks like one', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(SHEET.length), { maxLength: 8 }), async (cuts) => {
        const ranges = await readMerges(pieces(SHEET, cuts));
        expect(ranges.map((r) => r.ref)).toEqual(['A2:A4', 'C5:E5', 'AB10']);
        expect(ranges[1]).toEqual({ top: 5, bottom: 5, left: 3, right: 5, ref: 'C5:E5' });
      }),
    );
  });
});

describe('cell addresses', () => {
  it('columnName and cellAddress are each other\'s inverse (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16_384 }), fc.integer({ min: 1, max: 1_048_576 }), (column, row) => {
        expect(cellAddress(`${columnName(column)}${row}`)).toEqual({ row, column });
      }),
    );
    expect(columnName(28)).toBe('AB');
    expect(cellAddress('XFD1048576')).toEqual({ row: 1_048_576, column: 16_384 });
  });
});

describe('MergeIndex', () => {
  const range = (top: number, bottom: number): MergeRange => ({ top, bottom, left: 1, right: 1, ref: `A${top}:A${bottom}` });

  it('gives the ranges covering each row, rows asked in order, and the next covered row', () => {
    const index = new MergeIndex([range(8, 9), range(2, 4), range(3, 3)]);
    expect(index.firstCovered(1)).toBe(2);
    expect(index.covering(2).map((r) => r.ref)).toEqual(['A2:A4']);
    expect(index.covering(3).map((r) => r.ref).sort()).toEqual(['A2:A4', 'A3:A3']);
    expect(index.firstCovered(5)).toBe(8);
    expect(index.covering(9).map((r) => r.ref)).toEqual(['A8:A9']);
    expect(index.firstCovered(10)).toBe(Infinity);
  });
});
