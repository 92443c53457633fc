/**
 * Reading a carrier's subscriber file (issue 11): bytes → header + rows of strings, each problem
 * located by the row number the operator sees. CSV (UTF-8 with or without BOM, or Windows-1258;
 * comma or semicolon) and xlsx, both streamed so memory stays flat whatever the size. The column
 * mapping, row validation and database writes are built on this by the import.
 */
import fsp from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { openCsv } from './csv-table.ts';
import { TABLE_FILE_ADVICE, TableFileError } from './table-file-errors.ts';
import type { TableFormat, TableItem, TextEncoding } from './table-row.ts';
import { openXlsx } from './xlsx-table.ts';

export type { CellProblem, RowProblem, TableFormat, TableItem, TableRow, TextEncoding } from './table-row.ts';

export interface OpenedTable {
  format: TableFormat;
  /** Null for xlsx. */
  encoding: TextEncoding | null;
  /** Null for xlsx; a comma for a one-column CSV. */
  delimiter: ',' | ';' | null;
  /**
   * Trimmed, NFC: the first row with two or more filled cells among the first 20 non-blank rows
   * (a title row above the header is passed over), or the first row if none has.
   */
  header: string[];
  /**
   * Rows after the header in file order; broken records come as {kind:'broken'} and reading goes
   * on after them. Blank rows are skipped (their row numbers stay counted). Each call reads the
   * file again from the start. A file-level refusal found on the way (ENCODING_INVALID further into
   * a UTF-8 file) is thrown as a TableFileError.
   */
  rows(): AsyncIterable<TableItem>;
  /** Bytes read so far and total size, for a progress bar. */
  progress(): { bytesRead: number; totalBytes: number };
  /** Releases what the table holds (the spooled copy of a stream); safe to call more than once. */
  close(): Promise<void>;
}

export interface OpenTableOptions {
  /** Taken from the file's first bytes when they say (a zip is an xlsx), else from here, else from the extension. */
  format?: TableFormat;
  /** For xlsx: the sheet to read when the workbook has one of that name; otherwise the first visible sheet. */
  sheet?: string;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
// Compound File Binary: Excel 97–2003 (.xls), and also an .xlsx saved with a password.
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Opens a subscriber file and reads its header. The format: a zip is an xlsx, a Compound File is an
 * old .xls or a password-protected xlsx (both refused, with what to do); anything else is CSV unless
 * `options.format` or the extension says xlsx.
 * @throws TableFileError unreadable, empty, no header, TCVN3, VNI, UTF-16, neither UTF-8 nor
 * Windows-1258, an xlsx with no sheet / password-protected / damaged, an .xls
 */
export async function openTable(path: string, options: OpenTableOptions = {}): Promise<OpenedTable> {
  const size = await fileSize(path);
  const head = await readHead(path, CFB_MAGIC.length);
  if (startsWith(head, ZIP_MAGIC) || startsWith(head, EMPTY_ZIP_MAGIC)) return openXlsx(path, size, options.sheet);
  if (startsWith(head, CFB_MAGIC)) {
    if (await isEncryptedPackage(path)) throw new TableFileError('XLSX_PASSWORD_PROTECTED', TABLE_FILE_ADVICE.XLSX_PASSWORD_PROTECTED);
    throw new TableFileError('XLS_OLD_FORMAT', TABLE_FILE_ADVICE.XLS_OLD_FORMAT);
  }
  const extension = nodePath.extname(path).toLowerCase();
  if (extension === '.xls') throw new TableFileError('XLS_OLD_FORMAT', TABLE_FILE_ADVICE.XLS_OLD_FORMAT);
  if ((options.format ?? (extension === '.xlsx' ? 'xlsx' : 'csv')) === 'xlsx') {
    throw new TableFileError('XLSX_INVALID', 'Tệp không phải tệp Excel .xlsx (không phải một tệp nén zip).');
  }
  return openCsv(path, size);
}

/**
 * The same from a stream (the API's streamed upload). The bytes are spooled to a temporary file
 * (os.tmpdir()/tttb-table-*, readable by this user only) as they come, so memory stays flat; the
 * file is read from there and deleted by close(), or at once when the file is refused.
 * `fileName` gives the extension when the first bytes do not tell the format.
 */
export async function openTableStream(input: Readable | AsyncIterable<Uint8Array>, options: OpenTableOptions & { fileName?: string } = {}): Promise<OpenedTable> {
  const folder = await fsp.mkdtemp(nodePath.join(os.tmpdir(), 'tttb-table-'));
  const remove = () => fsp.rm(folder, { recursive: true, force: true });
  try {
    const spooled = nodePath.join(folder, `upload${nodePath.extname(options.fileName ?? '').toLowerCase()}`);
    await pipeline(input, createWriteStream(spooled, { mode: 0o600 }));
    const table = await openTable(spooled, options);
    return { ...table, close: async () => { await table.close(); await remove(); } };
  } catch (error) {
    await remove();
    throw error;
  }
}

async function fileSize(path: string): Promise<number> {
  let stat;
  try {
    stat = await fsp.stat(path);
  } catch (error) {
    throw unreadable(error);
  }
  if (!stat.isFile()) throw new TableFileError('TABLE_FILE_UNREADABLE', 'Đường dẫn không phải một tệp.');
  if (stat.size === 0) throw new TableFileError('TABLE_FILE_EMPTY', 'Tệp không có dữ liệu (0 byte).');
  return stat.size;
}

async function readHead(path: string, length: number): Promise<Buffer> {
  try {
    const file = await fsp.open(path);
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (error) {
    throw unreadable(error);
  }
}

function unreadable(error: unknown): TableFileError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'không có tệp này' : code === 'EACCES' ? 'không có quyền đọc tệp' : `lỗi ${code ?? 'không rõ'}`;
  return new TableFileError('TABLE_FILE_UNREADABLE', `Không mở được tệp (${why}).`);
}

const startsWith = (bytes: Buffer, magic: Buffer) => bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);

// An encrypted xlsx is a Compound File holding the streams "EncryptionInfo" and "EncryptedPackage";
// their names sit in the file's directory, in UTF-16.
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Whether a Compound File is an encrypted xlsx: its directory (read from where the header says, a few sectors) names an EncryptedPackage. */
async function isEncryptedPackage(path: string): Promise<boolean> {
  const file = await fsp.open(path);
  try {
    const header = Buffer.alloc(512);
    await file.read(header, 0, 512, 0);
    const sectorSize = 1 << header.readUInt16LE(0x1e);
    const directory = Buffer.alloc(sectorSize * 4);
    const { bytesRead } = await file.read(directory, 0, directory.length, (header.readUInt32LE(0x30) + 1) * sectorSize);
    return directory.subarray(0, bytesRead).includes(ENCRYPTED_PACKAGE);
  } finally {
    await file.close();
  }
}
