/**
 * A CSV subscriber file as a table: encoding decided first (file-encoding.ts), the delimiter sniffed
 * from the first lines, the header found, then the rows streamed chunk by chunk from the file, so
 * memory stays flat whatever its size. Line ends are LF, CRLF, or CR alone (Excel for Mac's
 * "CSV (Macintosh)"), decided from the first chunk.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { CHUNK_BYTES, chunkDecoder, detectEncoding, InvalidUtf8Error, type EncodingChoice } from './file-encoding.ts';
import { CsvScanner, MAX_RECORD_CHARS, sniffDelimiter, type CsvDelimiter, type CsvItem } from './csv-records.ts';
import { TABLE_ROW_PROBLEMS, TableFileError } from './table-file-errors.ts';
import { cleanValue, HEADER_SEARCH_ROWS, isBlank, oneByOne, pickHeader, type TableItem } from './table-row.ts';
import type { OpenedTable } from './table-file.ts';

interface CsvLayout extends EncodingChoice {
  delimiter: CsvDelimiter;
  /** CR alone ends a line: CRs are read as LFs. */
  crLines: boolean;
}

interface Progress {
  bytesRead: number;
}

/** Opens a CSV file of `size` bytes (> 0). @throws TableFileError for an encoding refused, no header, a broken header */
export async function openCsv(path: string, size: number): Promise<OpenedTable> {
  const layout = await readLayout(path, size);
  const { header, line: headerLine } = await findHeader(path, layout);
  const progress: Progress = { bytesRead: 0 };
  return {
    format: 'csv',
    encoding: layout.encoding,
    delimiter: layout.delimiter,
    header,
    rows: () => csvRows(path, layout, header.length, headerLine, progress),
    progress: () => ({ bytesRead: progress.bytesRead, totalBytes: size }),
    close: async () => {},
  };
}

async function readLayout(path: string, size: number): Promise<CsvLayout> {
  const file = await fsp.open(path);
  try {
    const choice = await detectEncoding(file, size);
    const head = Buffer.alloc(Math.min(size - choice.skip, CHUNK_BYTES));
    const { bytesRead } = await file.read(head, 0, head.length, choice.skip);
    const decoder = chunkDecoder(choice.encoding, choice.skip);
    const text = decodeOrThrow(() => decoder.decode(head.subarray(0, bytesRead)));
    const crLines = !text.includes('\n') && text.includes('\r');
    return { ...choice, crLines, delimiter: sniffDelimiter(crLines ? text.replaceAll('\r', '\n') : text) };
  } finally {
    await file.close();
  }
}

async function findHeader(path: string, layout: CsvLayout): Promise<{ header: string[]; line: number }> {
  const candidates: { line: number; values: string[] }[] = [];
  search: for await (const batch of csvBatches(path, layout, null, { bytesRead: 0 })) {
    for (const item of batch) {
      if (item.kind === 'broken') {
        // A broken record below the first filled one ends the search: the header is above it.
        if (candidates.length > 0) break search;
        throw new TableFileError(
          'CSV_HEADER_BROKEN',
          `Dòng ${item.line} (ở đầu tệp, trước hoặc tại dòng tiêu đề) sai dấu ngoặc kép. Hãy sửa dòng đó rồi gửi lại tệp.`,
        );
      }
      const values = item.fields.map(cleanValue);
      if (!isBlank(values)) candidates.push({ line: item.line, values });
      if (candidates.length >= HEADER_SEARCH_ROWS) break search;
    }
  }
  const header = candidates[pickHeader(candidates)];
  if (!header) throw new TableFileError('TABLE_NO_HEADER', 'Tệp chỉ có dòng trống.');
  return { header: header.values, line: header.line };
}

function csvRows(path: string, layout: CsvLayout, columns: number, headerLine: number, progress: Progress): AsyncIterable<TableItem> {
  return oneByOne(tableItems(path, layout, columns, headerLine, progress));
}

async function* tableItems(path: string, layout: CsvLayout, columns: number, headerLine: number, progress: Progress): AsyncGenerator<TableItem[]> {
  for await (const batch of csvBatches(path, layout, columns, progress)) {
    const items: TableItem[] = [];
    for (const item of batch) {
      if (item.line <= headerLine) continue;
      if (item.kind === 'record') {
        // The scanner's fields become the row's values, cleaned in place.
        const values = item.fields;
        for (let k = 0; k < values.length; k++) values[k] = cleanValue(values[k]!);
        if (!isBlank(values)) items.push({ kind: 'row', row: { row: item.line, values, problems: [] } });
      } else {
        items.push({ kind: 'broken', problem: { row: item.line, code: item.code, message: brokenMessage(item, columns) } });
      }
    }
    yield items;
  }
}

function brokenMessage(item: Extract<CsvItem, { kind: 'broken' }>, columns: number): string {
  switch (item.code) {
    case 'CSV_BROKEN_QUOTES':
      return `${TABLE_ROW_PROBLEMS.CSV_BROKEN_QUOTES} ở dòng ${item.line} (dấu " mở một ô mà không đóng đúng chỗ); đọc tiếp từ dòng ${item.line + 1}.`;
    case 'CSV_FIELD_COUNT':
      return `${TABLE_ROW_PROBLEMS.CSV_FIELD_COUNT}: dòng ${item.line} có ${item.fields} ô, dòng tiêu đề có ${columns} cột.`;
    case 'CSV_RECORD_TOO_LONG':
      return `Dòng ${item.line} dài quá ${MAX_RECORD_CHARS / 1024} KB: không đọc được.`;
  }
}

/**
 * The records of the file in order, a chunk's worth at a time (one await per chunk, not per
 * record); `columns` (null while the header is looked for) turns on the field-count check.
 */
async function* csvBatches(path: string, layout: CsvLayout, columns: number | null, progress: Progress): AsyncGenerator<CsvItem[]> {
  const scanner = new CsvScanner(layout.delimiter);
  scanner.expected = columns;
  const decoder = chunkDecoder(layout.encoding, layout.skip);
  const stream = fs.createReadStream(path, { start: layout.skip, highWaterMark: CHUNK_BYTES });
  const text = (decoded: string) => (layout.crLines ? decoded.replaceAll('\r', '\n') : decoded);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const items: CsvItem[] = [];
      scanner.push(text(await decodeAt(path, layout, () => decoder.decode(chunk))), items);
      progress.bytesRead = layout.skip + stream.bytesRead;
      yield items;
    }
    const items: CsvItem[] = [];
    scanner.push(text(await decodeAt(path, layout, () => decoder.end())), items);
    scanner.end(items);
    yield items;
  } finally {
    stream.destroy();
  }
}

/** Decodes, turning bytes that are not UTF-8 into ENCODING_INVALID with their line. */
async function decodeAt(path: string, layout: CsvLayout, decode: () => string): Promise<string> {
  try {
    return decode();
  } catch (error) {
    if (!(error instanceof InvalidUtf8Error)) throw error;
    const line = await lineAt(path, error.offset, layout.crLines ? 0x0d : 0x0a);
    throw new TableFileError(
      'ENCODING_INVALID',
      `Từ dòng ${line}, tệp có byte không đúng bảng mã UTF-8 (phần đầu tệp là UTF-8). Có thể tệp bị hỏng hoặc được ghép từ các tệp khác bảng mã: hãy lưu lại toàn bộ tệp dưới dạng CSV UTF-8.`,
    );
  }
}

function decodeOrThrow(decode: () => string): string {
  try {
    return decode();
  } catch (error) {
    // The first chunk was found to be UTF-8 or Windows-1258 just before: only a file changed
    // under the reader gets here.
    if (error instanceof InvalidUtf8Error) throw new TableFileError('ENCODING_INVALID', 'Đầu tệp có byte không đúng bảng mã UTF-8.');
    throw error;
  }
}

/** The line (1-based) that the byte at `offset` is on: the line ends before it, counted again from the start (an error path). */
async function lineAt(path: string, offset: number, newline: number): Promise<number> {
  let line = 1;
  if (offset === 0) return line;
  for await (const chunk of fs.createReadStream(path, { end: offset - 1, highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(newline); at >= 0; at = chunk.indexOf(newline, at + 1)) line++;
  }
  return line;
}
