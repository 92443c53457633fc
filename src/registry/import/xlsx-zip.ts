/**
 * The parts of an xlsx (a zip) read with yauzl from the file itself: its directory at the end of the
 * file, then any part on demand, as many times as needed, inflated as a stream and checked against
 * the size the directory declares. Not exceljs's own reader (unzipper reads the zip front to back
 * from its local headers): fed damaged bytes it can wait forever (docs/architecture.md, the import
 * of accounts), and it cannot go back to a part already passed.
 */
import { StringDecoder } from 'node:string_decoder';
import yauzl from 'yauzl';
import { TableFileError } from './table-file-errors.ts';

// An xlsx has a few dozen parts; thousands are not a workbook.
const MAX_ENTRIES = 10_000;

export interface XlsxZip {
  has(name: string): boolean;
  /** The declared inflated size of a part. */
  size(name: string): number;
  /** A part's text, decoded as a stream: letters cut between two chunks are carried over. */
  text(name: string, onBytes?: (inflated: number) => void): AsyncIterable<string>;
  close(): void;
}

/** Opens the zip's directory. @throws TableFileError XLSX_INVALID */
export async function openXlsxZip(path: string): Promise<XlsxZip> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true });
  } catch (error) {
    throw damaged(error);
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new TableFileError('XLSX_INVALID', `Tệp có ${zip.entryCount} mục nén, không phải một bảng tính.`);
    const entries = await readEntries(zip);
    return {
      has: (name) => entries.has(name),
      size: (name) => entries.get(name)?.uncompressedSize ?? 0,
      text: (name, onBytes) => partText(zip, entries, name, onBytes),
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error instanceof TableFileError ? error : damaged(error);
  }
}

function readEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName.replace(/^\//, ''), entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

async function* partText(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, name: string, onBytes?: (inflated: number) => void): AsyncGenerator<string> {
  const entry = entries.get(name);
  if (!entry) throw new TableFileError('XLSX_INVALID', `Tệp thiếu phần ${name}.`);
  if (entry.isEncrypted()) throw new TableFileError('XLSX_PASSWORD_PROTECTED', 'Phần dữ liệu của tệp được mã hoá.');
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (error) {
    throw damaged(error);
  }
  const decoder = new StringDecoder('utf8');
  let inflated = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      onBytes?.(inflated);
      yield decoder.write(chunk);
    }
  } catch (error) {
    throw damaged(error);
  } finally {
    stream.destroy();
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** A zip the reader could not follow (cut, damaged, not a zip after all). */
export function damaged(error: unknown): TableFileError {
  if (error instanceof TableFileError) return error;
  return new TableFileError('XLSX_INVALID', `Tệp bị hỏng hoặc bị cắt cụt (${error instanceof Error ? error.message : String(error)}).`);
}
