import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvScanner, MAX_RECORD_CHARS, parseRecord, sniffDelimiter, splitQuotedLine, type CsvDelimiter, type CsvItem } from './csv-records.ts';
import { cleanValue } from './table-row.ts';

/** Scans `text` fed in the given pieces (the whole text in one when none are given). */
function scan(text: string, options: { delimiter?: CsvDelimiter; expected?: number | null; cuts?: number[] } = {}): CsvItem[] {
  const scanner = new CsvScanner(options.delimiter ?? ',');
  scanner.expected = options.expected ?? null;
  const items: CsvItem[] = [];
  let at = 0;
  for (const cut of [...(options.cuts ?? [])].sort((a, b) => a - b)) {
    scanner.push(text.slice(at, cut), items);
    at = Math.max(at, cut);
  }
  scanner.push(text.slice(at), items);
  scanner.end(items);
  return items;
}

const summary = (items: CsvItem[]) => items.map((i) => (i.kind === 'record' ? `${i.line}:${i.fields.join('|')}` : `${i.line}:${i.code}`));

describe('CsvScanner: records and their lines', () => {
  it('reads LF and CRLF lines, skips blank lines and keeps counting them', () => {
    expect(summary(scan('a,b\r\n1,2\r\n\r\n\n3,4\n', { expected: 2 }))).toEqual(['1:a|b', '2:1|2', '5:3|4']);
  });

  it('reads a quoted field over several lines and gives the record the line it starts on', () => {
    const items = scan('a,b\n1,"Ấp 1\r\nXã Mỹ Hòa Hưng"\n2,"x ""y"""\n', { expected: 2 });
    expect(summary(items)).toEqual(['1:a|b', '2:1|Ấp 1\r\nXã Mỹ Hòa Hưng', '4:2|x "y"']);
  });

  it('reads the last record without a line end, quoted or not', () => {
    expect(summary(scan('a,b\n1,"2"', { expected: 2 }))).toEqual(['1:a|b', '2:1|2']);
    expect(summary(scan('a,b\n1,2', { expected: 2 }))).toEqual(['1:a|b', '2:1|2']);
  });

  it('keeps a quote inside an unquoted field as a character, as Excel does', () => {
    expect(summary(scan('Samsung 6.5",x\n', { expected: 2 }))).toEqual(['1:Samsung 6.5"|x']);
  });

  it('allows spaces around a quoted field', () => {
    expect(summary(scan('1, "a,b" ,2\n', { expected: 3 }))).toEqual(['1:1|a,b|2']);
  });
});

describe('CsvScanner: broken records are reported and reading goes on', () => {
  it('reports a quote that never closes on its line and reads every line after it', () => {
    const items = scan('a,b,c\n1,"2,3\n4,5,6\n7,8,9\n', { expected: 3 });
    expect(summary(items)).toEqual(['1:a|b|c', '2:CSV_BROKEN_QUOTES', '3:4|5|6', '4:7|8|9']);
  });

  it('reports text after a closing quote and reads the next line', () => {
    expect(summary(scan('a,b,c\n1,"2"x,3\n4,5,6\n', { expected: 3 }))).toEqual(['1:a|b|c', '2:CSV_BROKEN_QUOTES', '3:4|5|6']);
  });

  it('does not let a stray quote swallow the lines up to the next quote', () => {
    // The quote on line 2 is closed by the one opening a field on line 4, and text follows it.
    const items = scan('a,b,c\n1,"2,3\n4,5,6\n7,"8",9\n10,11,12\n', { expected: 3 });
    expect(summary(items)).toEqual(['1:a|b|c', '2:CSV_BROKEN_QUOTES', '3:4|5|6', '4:7|8|9', '5:10|11|12']);
  });

  it('reads again the lines of a record spanning lines whose field count is wrong', () => {
    // Lines 2–4 make one record by their quotes, with 4 fields for 3 columns: a stray quote.
    const items = scan('a,b,c\n1,"2,3\n4,5,6\n7,",9,10\n10,11,12\n', { expected: 3 });
    expect(summary(items)).toEqual(['1:a|b|c', '2:CSV_BROKEN_QUOTES', '3:4|5|6', '4:CSV_BROKEN_QUOTES', '5:10|11|12']);
  });

  it('gives up on a quote still open after MAX_RECORD_CHARS and reads the lines it held', () => {
    const filler = Array.from({ length: Math.ceil(MAX_RECORD_CHARS / 20) + 10 }, (_, i) => `${i},row ${i}`).join('\n');
    const items = scan(`a,b\n1,"open\n${filler}\n`, { expected: 2, cuts: [1000, 30_000, 70_000] });
    expect(items[1]).toEqual({ kind: 'broken', line: 2, code: 'CSV_BROKEN_QUOTES' });
    expect(items.slice(2).every((i) => i.kind === 'record')).toBe(true);
    expect(items).toHaveLength(2 + filler.split('\n').length);
  });

  it('passes over a line longer than MAX_RECORD_CHARS and reads the next one, however the text is cut', () => {
    const long = 'x,'.repeat(MAX_RECORD_CHARS / 2 + 10);
    for (const cuts of [[], [10, 40_000, 80_000], [10, 70_000]]) {
      const items = scan(`a,b\n${long}\n1,2\n`, { expected: 2, cuts });
      expect(summary(items), String(cuts)).toEqual(['1:a|b', '2:CSV_RECORD_TOO_LONG', '3:1|2']);
    }
  });

  it('reports a record with too few or too many fields, drops empty extra fields and never reports an empty record', () => {
    const items = scan('a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n , ,\n,\n;\n', { expected: 3 });
    expect(items.slice(1)).toEqual([
      { kind: 'broken', line: 2, code: 'CSV_FIELD_COUNT', fields: 2 },
      { kind: 'broken', line: 3, code: 'CSV_FIELD_COUNT', fields: 4 },
      { kind: 'record', line: 4, fields: ['1', '2', '3'] },
      // Empty records of the right shape are the table's to skip; of another shape, not reported.
      { kind: 'record', line: 5, fields: [' ', ' ', ''] },
      { kind: 'broken', line: 7, code: 'CSV_FIELD_COUNT', fields: 1 },
    ]);
  });
});

describe('splitQuotedLine', () => {
  it('reads a line as parseRecord does, or leaves it to parseRecord (property)', () => {
    const line = fc.array(fc.constantFrom('a', 'ễ', '"', '""', ',', ';', ' ', '\t', '\r'), { maxLength: 14 }).map((p) => p.join(''));
    fc.assert(
      fc.property(line, fc.constantFrom(',', ';'), (text, d) => {
        // The scanner hands it the line without the CR of a CRLF.
        const fields = splitQuotedLine(text.endsWith('\r') ? text.slice(0, -1) : text, d);
        const parsed = parseRecord(`${text}\n`, 0, d, true);
        if (fields !== null) expect(typeof parsed === 'string' ? parsed : parsed.fields).toEqual(fields);
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves to parseRecord a quoted field that goes on past the line, or broken quoting', () => {
    expect(splitQuotedLine('1,"Ấp 1', ',')).toBeNull();
    expect(splitQuotedLine('1,"2"x,3', ',')).toBeNull();
    expect(splitQuotedLine('1, "a,""b""" ,2', ',')).toEqual(['1', 'a,"b"', '2']);
  });
});

describe('sniffDelimiter', () => {
  it('takes the delimiter that splits the first line having one into more fields', () => {
    expect(sniffDelimiter('so_thue_bao;ho_ten;dia_chi\n')).toBe(';');
    expect(sniffDelimiter('"Địa chỉ; ghi chú",ho_ten\n')).toBe(',');
    expect(sniffDelimiter('"Ấp 1, Xã Mỹ Hòa";ho_ten;x\n')).toBe(';');
    expect(sniffDelimiter('DANH SÁCH\n\nso;ten\n')).toBe(';');
    expect(sniffDelimiter('mot_cot\n0912345678\n')).toBe(',');
  });
});

// Values as carriers' files hold them: Vietnamese letters (precomposed or not), quotes, both
// delimiters, line ends inside a value, spaces around.
const cellText = fc
  .array(fc.constantFrom('a', 'Z', '0', '9', ' ', '"', ',', ';', '\n', '\r\n', 'ễ', 'Đ', 'ư', 'e\u0301', 'Nguyễn', '\t'), { maxLength: 8 })
  .map((parts) => parts.join(''));

function table(columns: number) {
  return fc.array(fc.array(cellText, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 12 });
}

describe('CsvScanner reads back what csv-stringify wrote (property)', () => {
  it('any table, either delimiter, LF or CRLF, blank lines between, cut into any chunks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((columns) => fc.tuple(fc.constant(columns), table(columns))),
        fc.constantFrom<CsvDelimiter>(',', ';'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(3), { minLength: 12, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        ([columns, rows], delimiter, lineEnd, blanks, cuts) => {
          let text = '';
          const expected: { line: number; values: string[] }[] = [];
          rows.forEach((row, i) => {
            text += lineEnd.repeat(blanks[i]!);
            const line = 1 + (text.match(/\n/g)?.length ?? 0);
            text += stringify([row], { delimiter, record_delimiter: lineEnd === '\n' ? 'unix' : 'windows', quoted_match: /[\r\n]/ });
            const values = row.map(cleanValue);
            if (values.some((v) => v !== '')) expected.push({ line, values });
          });
          const items = scan(text, { delimiter, expected: columns, cuts: cuts.map((c) => c % (text.length + 1)) });
          const read = items.map((i) => (i.kind === 'record' ? { line: i.line, values: i.fields.map(cleanValue) } : i));
          expect(read.filter((r) => !('values' in r) || r.values.some((v) => v !== ''))).toEqual(expected);
        },
      ),
    );
  });
});
