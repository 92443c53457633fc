/**
 * Merged cells of a sheet. A sheet's XML lists its merges after all of its rows (<mergeCells> follows
 * <sheetData>), so a reader that streams rows cannot know them when it yields a row: the sheet is
 * read once beforehand for its <mergeCell ref="…"/> elements alone (a text search, no XML parse;
 * in XML a "<" in text is always escaped, so the search cannot be fooled by a cell's content), and
 * only the ranges are kept.
 */

export interface MergeRange {
  /** 1-based, as the sheet numbers rows and columns. */
  top: number;
  bottom: number;
  left: number;
  right: number;
  ref: string;
}

// An optional namespace prefix (x:mergeCell), as some writers (the Open XML SDK) use.
const MERGE_CELL = /<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3}\d{1,7})(?::([A-Za-z]{1,3}\d{1,7}))?"/g;
// The longest element that can be cut between two chunks and still matter.
const CARRY = 512;

/** The merge ranges of a sheet, read from its XML text. */
export async function readMerges(xml: AsyncIterable<string>): Promise<MergeRange[]> {
  const ranges: MergeRange[] = [];
  let carry = '';
  for await (const chunk of xml) {
    const text = carry + chunk;
    let consumed = 0;
    for (const match of text.matchAll(MERGE_CELL)) {
      const from = cellAddress(match[1]!);
      const to = match[2] ? cellAddress(match[2]) : from;
      ranges.push({
        top: Math.min(from.row, to.row),
        bottom: Math.max(from.row, to.row),
        left: Math.min(from.column, to.column),
        right: Math.max(from.column, to.column),
        ref: match[2] ? `${match[1]}:${match[2]}` : match[1]!,
      });
      consumed = match.index + match[0].length;
    }
    carry = text.slice(Math.max(consumed, text.length - CARRY));
  }
  return ranges;
}

/** "AB12" → row 12, column 28. */
export function cellAddress(ref: string): { row: number; column: number } {
  const letters = /^[A-Za-z]+/.exec(ref)?.[0] ?? '';
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(ref.slice(letters.length)), column };
}

/** Column 28 → "AB". */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The merges covering a row, asked for rows in increasing order (as a sheet streams them). */
export class MergeIndex {
  private readonly sorted: MergeRange[];
  private next = 0;
  private active: MergeRange[] = [];

  constructor(ranges: readonly MergeRange[]) {
    this.sorted = [...ranges].sort((a, b) => a.top - b.top);
  }

  /** The ranges covering `row`; never ask for a row lower than the last one asked for. */
  covering(row: number): readonly MergeRange[] {
    while (this.next < this.sorted.length && this.sorted[this.next]!.top <= row) this.active.push(this.sorted[this.next++]!);
    if (this.active.some((r) => r.bottom < row)) this.active = this.active.filter((r) => r.bottom >= row);
    return this.active;
  }

  /** The first row at or after `row` that a range covers; Infinity when none. */
  firstCovered(row: number): number {
    if (this.covering(row).length > 0) return row;
    return this.sorted[this.next]?.top ?? Infinity;
  }
}
