/**
 * The shape every subscriber file is read into, whatever its format: a header and rows of strings,
 * each value trimmed and NFC-normalised and otherwise as the file holds it (the import's mapping
 * layer parses numbers and dates), each problem located by the row number the operator sees.
 */
import type { TableRowProblemCode } from './table-file-errors.ts';

export type TableFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'windows-1258';

/** A cell that was read but not as it should be (an xlsx formula, a merged cell …). */
export interface CellProblem {
  /** 0-based index into the header. */
  column: number;
  code: TableRowProblemCode;
  /** Vietnamese; names the cell, never its content. */
  message: string;
}

export interface TableRow {
  /**
   * The row number as the operator sees it: the line of the record in the CSV (header = 1 when it
   * is the first line; for a record spanning lines, the line it starts on) or the sheet's row
   * number in xlsx.
   */
  row: number;
  /** One per header column; missing trailing cells are ''. */
  values: string[];
  /** Cell-level problems; [] normally. */
  problems: CellProblem[];
}

/** A record that could not be read at all (broken quoting, wrong number of fields). */
export interface RowProblem {
  row: number;
  code: TableRowProblemCode;
  message: string;
}

export type TableItem = { kind: 'row'; row: TableRow } | { kind: 'broken'; problem: RowProblem };

/** The one normalisation every header and value gets: trimmed, NFC (Windows-1258 and some Mac tools write tone marks as combining characters). */
export function cleanValue(raw: string): string {
  // trim() only when there is something to trim: most values have no space around them.
  const value = raw.length > 0 && (raw.charCodeAt(0) <= 0x20 || raw.charCodeAt(raw.length - 1) <= 0x20 || raw.charCodeAt(0) > 0x7f || raw.charCodeAt(raw.length - 1) > 0x7f) ? raw.trim() : raw;
  return isSurelyNfc(value) ? value : value.normalize('NFC');
}

/**
 * A quick look that spares normalize() for most values (a fifth of the reading time otherwise):
 * text below U+0300 and precomposed Vietnamese letters (U+1E00–U+1EFF) is NFC as it stands, as long
 * as no combining mark (U+0300 and above) follows.
 */
function isSurelyNfc(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x300 && (code < 0x1e00 || code > 0x1eff)) return false;
  }
  return true;
}

/** Whether a row carries nothing: a blank line, or a row of empty cells as Excel writes below a formatted range. */
export function isBlank(values: readonly string[]): boolean {
  return values.every((v) => v === '');
}

/**
 * How many rows at the top of a file are looked at to find the header. A title row (one filled
 * cell, "DANH SÁCH THUÊ BAO…") above the header is common in sheets made by hand.
 */
export const HEADER_SEARCH_ROWS = 20;

/**
 * Which of the first non-blank rows is the header: the first with two or more filled cells; the
 * first row when none has (a one-column file). Rows above it are titles and are not read as data.
 */
export function pickHeader(rows: readonly { values: readonly string[] }[]): number {
  const index = rows.findIndex((r) => r.values.filter((v) => v !== '').length >= 2);
  return index < 0 ? 0 : index;
}

/**
 * The items of batches one at a time, without an async generator's cost for each: a generator
 * yielding each row spent about a fifth of the CSV reader's time on the yields alone.
 */
export function oneByOne<T>(batches: AsyncIterable<T[]>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const source = batches[Symbol.asyncIterator]();
      let batch: T[] = [];
      let at = 0;
      const refill = async (): Promise<IteratorResult<T>> => {
        for (;;) {
          const next = await source.next();
          if (next.done) return { done: true, value: undefined };
          batch = next.value;
          at = 0;
          if (batch.length > 0) return { done: false, value: batch[at++]! };
        }
      };
      return {
        next: () => (at < batch.length ? Promise.resolve({ done: false, value: batch[at++]! }) : refill()),
        return: async () => {
          await source.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
