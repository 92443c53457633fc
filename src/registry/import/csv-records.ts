/**
 * Splits CSV text into records (RFC 4180 quoting, LF or CRLF), fed in chunks, each record with the
 * line it starts on; no I/O. Written here rather than taken from csv-parse for two measured reasons:
 * on a 1 M-record subscriber file (129 MB) csv-parse read 235,000–248,000 records/s on this
 * machine, 168,000–173,000 with the line numbers (`info`), against a goal of 600,000 for the reader;
 * the whole reader here, decoding, trimming and NFC included, read 650,000–690,000 in the same run.
 * And after one broken quote csv-parse lost the records that followed without a report. Here every
 * non-blank line ends up in a record or in a broken report:
 *
 * - A quote that opens a field and does not close as RFC 4180 says (text after the closing quote,
 *   no closing quote within {@link MAX_RECORD_CHARS}, or a record spanning lines whose field count is
 *   wrong — a stray quote that swallowed the lines after it) makes the record's first line a
 *   CSV_BROKEN_QUOTES report, and reading starts again on the next line: the lines the quote took
 *   are read again as records of their own.
 * - A record on one line with the wrong number of fields is CSV_FIELD_COUNT; reading goes on after it.
 *   Extra fields that are empty (trailing delimiters) are dropped; a record of empty fields is blank.
 * - A quote inside an unquoted field (`Samsung 6.5"`) is kept as a character, as Excel reads it: it
 *   cannot change where a record ends.
 * - Spaces around a quoted field are allowed (`a, "b" ,c`); values are trimmed later anyway.
 * - Blank lines are skipped; line numbers count them.
 */

/** A record longer than this (about 300 rows of a subscriber file) is taken as a quote that never closes. */
export const MAX_RECORD_CHARS = 64 * 1024;

export type CsvDelimiter = ',' | ';';

export type CsvItem =
  | { kind: 'record'; line: number; fields: string[] }
  | { kind: 'broken'; line: number; code: 'CSV_BROKEN_QUOTES' | 'CSV_RECORD_TOO_LONG' }
  | { kind: 'broken'; line: number; code: 'CSV_FIELD_COUNT'; fields: number };

type Parsed = { fields: string[]; end: number; newlines: number };
const MORE = 'more';
const BROKEN = 'broken';

/** A CSV reader fed chunk by chunk; `expected` (the header's field count) turns on the field-count check. */
export class CsvScanner {
  private buffer = '';
  private line = 1;
  /** Set while the rest of an overlong line is being passed over. */
  private skippingLine = false;
  expected: number | null = null;

  constructor(private readonly delimiter: CsvDelimiter) {}

  /** Adds text; the records it completes are appended to `items`. */
  push(text: string, items: CsvItem[]): void {
    this.buffer = this.buffer.length > 0 ? this.buffer + text : text;
    this.scan(false, items);
  }

  /** The end of the text: what is left becomes records. */
  end(items: CsvItem[]): void {
    this.scan(true, items);
    this.buffer = '';
  }

  private scan(final: boolean, items: CsvItem[]): void {
    const s = this.buffer;
    const d = this.delimiter;
    let i = 0;
    let line = this.line;
    if (this.skippingLine) {
      const nl = s.indexOf('\n');
      if (nl < 0) {
        this.buffer = '';
        return;
      }
      this.skippingLine = false;
      i = nl + 1;
      line++;
    }
    // The next quote at or after i (-1: none in the buffer), kept so that a file without quotes
    // is not searched to its end once per line.
    let quote = s.indexOf('"', i);
    while (i < s.length) {
      const nl = s.indexOf('\n', i);
      if (quote >= 0 && quote < i) quote = s.indexOf('"', i);
      const lineEnd = nl < 0 ? s.length : nl;
      if (quote < 0 || quote > lineEnd) {
        if (nl < 0 && !final) {
          if (s.length - i > MAX_RECORD_CHARS) {
            items.push({ kind: 'broken', line, code: 'CSV_RECORD_TOO_LONG' });
            this.skippingLine = true;
            i = s.length;
          }
          break;
        }
        const text = s.charCodeAt(lineEnd - 1) === 13 && lineEnd > i ? s.slice(i, lineEnd - 1) : s.slice(i, lineEnd);
        // Too long whether or not its end came in the same chunk.
        if (text.length > MAX_RECORD_CHARS) items.push({ kind: 'broken', line, code: 'CSV_RECORD_TOO_LONG' });
        else if (text.length > 0) this.settle(text.split(d), line, false, items);
        i = lineEnd + 1;
        line++;
        continue;
      }
      if (nl >= 0 && lineEnd - i <= MAX_RECORD_CHARS) {
        const fields = splitQuotedLine(s.charCodeAt(lineEnd - 1) === 13 ? s.slice(i, lineEnd - 1) : s.slice(i, lineEnd), d);
        if (fields !== null) {
          this.settle(fields, line, false, items);
          i = lineEnd + 1;
          line++;
          continue;
        }
      }
      const parsed = parseRecord(s, i, d, final);
      if (parsed === MORE && s.length - i <= MAX_RECORD_CHARS) break;
      // A quote open past MAX_RECORD_CHARS is broken whether or not it closes in the same chunk.
      const broken = parsed === MORE || parsed === BROKEN || parsed.end - i > MAX_RECORD_CHARS;
      if (broken || !this.settle(parsed.fields, line, parsed.newlines > 0, items)) {
        items.push({ kind: 'broken', line, code: 'CSV_BROKEN_QUOTES' });
        // Read again from the next line: what the quote swallowed is read as records of its own.
        if (nl < 0 && !final) this.skippingLine = true;
        i = nl < 0 ? s.length : nl + 1;
        line++;
        continue;
      }
      i = parsed.end;
      line += parsed.newlines + 1;
    }
    this.buffer = s.slice(i);
    this.line = line;
  }

  /**
   * Appends a record, or its field-count report, to `items`. False when a record spanning lines
   * has the wrong field count: its quoting is taken as broken.
   */
  private settle(fields: string[], line: number, spansLines: boolean, items: CsvItem[]): boolean {
    const expected = this.expected;
    if (expected === null || fields.length === expected) {
      items.push({ kind: 'record', line, fields });
      return true;
    }
    if (fields.length > expected && fields.every((f, k) => k < expected || f.trim() === '')) {
      fields.length = expected;
      items.push({ kind: 'record', line, fields });
      return true;
    }
    if (fields.every((f) => f.trim() === '')) return true;
    if (spansLines) return false;
    items.push({ kind: 'broken', line, code: 'CSV_FIELD_COUNT', fields: fields.length });
    return true;
  }
}

const isBlankChar = (s: string, at: number) => s[at] === ' ' || s[at] === '\t';

/**
 * The fields of a line whose quoted fields all open and close on it, as they do in nearly every
 * record: split at each delimiter, the pieces of a quoted field joined back. About twice as fast
 * as {@link parseRecord} over such lines; null for any other line, which parseRecord then reads (a
 * quoted field going on to the next line, or broken quoting, reported from there).
 */
export function splitQuotedLine(text: string, d: string): string[] | null {
  const pieces = text.split(d);
  const fields: string[] = [];
  for (let k = 0; k < pieces.length; k++) {
    let piece = pieces[k]!;
    if (piece.indexOf('"') < 0) {
      fields.push(piece);
      continue;
    }
    let open = 0;
    while (isBlankChar(piece, open)) open++;
    // A quote inside an unquoted field is a character.
    if (piece[open] !== '"') {
      fields.push(piece);
      continue;
    }
    // Quotes pair up in a whole quoted field: its opening and closing ones, and each escaped "".
    let quotes = countQuotes(piece);
    while (quotes % 2 === 1) {
      if (++k >= pieces.length) return null;
      piece += d + pieces[k]!;
      quotes += countQuotes(pieces[k]!);
    }
    let close = piece.length - 1;
    while (isBlankChar(piece, close)) close--;
    if (close <= open || piece[close] !== '"') return null;
    const inner = piece.slice(open + 1, close);
    if (inner.indexOf('"') < 0) {
      fields.push(inner);
      continue;
    }
    if (inner.replaceAll('""', '').includes('"')) return null;
    fields.push(inner.replaceAll('""', '"'));
  }
  return fields;
}

function countQuotes(text: string): number {
  let n = 0;
  for (let at = text.indexOf('"'); at >= 0; at = text.indexOf('"', at + 1)) n++;
  return n;
}

/** One record starting at `start` that has a quote in it; MORE when the text ends before it does. */
export function parseRecord(s: string, start: number, d: string, final: boolean): Parsed | typeof MORE | typeof BROKEN {
  const fields: string[] = [];
  let newlines = 0;
  let p = start;
  // The end of the line p is on, found again only once a quoted field has taken p past it.
  let nl = s.indexOf('\n', p);
  for (;;) {
    let f = p;
    while (isBlankChar(s, f)) f++;
    if (s[f] !== '"') {
      if (nl >= 0 && nl < p) nl = s.indexOf('\n', p);
      const dl = s.indexOf(d, p);
      if (dl >= 0 && (nl < 0 || dl < nl)) {
        fields.push(s.slice(p, dl));
        p = dl + 1;
        continue;
      }
      if (nl < 0) {
        if (!final) return MORE;
        fields.push(s.slice(p));
        return { fields, end: s.length, newlines };
      }
      fields.push(s.charCodeAt(nl - 1) === 13 && nl > p ? s.slice(p, nl - 1) : s.slice(p, nl));
      return { fields, end: nl + 1, newlines };
    }
    let value = '';
    let q = f + 1;
    for (;;) {
      const k = s.indexOf('"', q);
      if (k < 0) return final ? BROKEN : MORE;
      // A quote at the end of the text may be the first of an escaped pair.
      if (k + 1 === s.length && !final) return MORE;
      if (s[k + 1] === '"') {
        value += s.slice(q, k + 1);
        q = k + 2;
        continue;
      }
      value += s.slice(q, k);
      p = k + 1;
      break;
    }
    newlines += countNewlines(value);
    while (isBlankChar(s, p)) p++;
    if (p >= s.length) {
      if (!final) return MORE;
      fields.push(value);
      return { fields, end: s.length, newlines };
    }
    const c = s[p];
    if (c === d) {
      fields.push(value);
      p++;
      continue;
    }
    if (c === '\n' || (c === '\r' && s[p + 1] === '\n')) {
      fields.push(value);
      return { fields, end: p + (c === '\n' ? 1 : 2), newlines };
    }
    if (c === '\r' && p + 1 === s.length && !final) return MORE;
    return BROKEN;
  }
}

function countNewlines(value: string): number {
  let n = 0;
  for (let at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) n++;
  return n;
}

/**
 * The delimiter of a file, from its first line that has one outside quotes: the one that splits
 * it into more fields; a comma when no line of `text` has either (a one-column file).
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  for (const line of text.split('\n', 50)) {
    // Quoted parts are left out: "Ấp 1, Xã Mỹ Hòa Hưng" in a semicolon file has a comma.
    const bare = line.replace(/"[^"]*"?/g, '');
    const commas = bare.split(',').length - 1;
    const semicolons = bare.split(';').length - 1;
    if (commas + semicolons > 0) return semicolons > commas ? ';' : ',';
  }
  return ',';
}
