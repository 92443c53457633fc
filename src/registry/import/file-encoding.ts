/**
 * Which text encoding a CSV file is in, decided before any row is read, and the chunk decoders.
 *
 * - A UTF-8 BOM decides UTF-8; a UTF-16 BOM is refused (Excel's "Unicode Text").
 * - Otherwise the file is read up to its first byte above 0x7F (an all-ASCII start reads the same in
 *   every encoding, so the whole file may be read for this; it is fast) and ~64 KB from there are
 *   looked at: valid UTF-8 → UTF-8; else Windows-1258, TCVN3 or VNI by {@link classifyLegacy}.
 * - UTF-8 is then checked over the whole file while it is read: an invalid sequence further on
 *   refuses the file with ENCODING_INVALID naming its line (a UTF-8 file with a damaged or pasted-in
 *   part: read as Windows-1258 its Vietnamese would silently turn to mojibake).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { classifyLegacy } from './legacy-encoding.ts';
import { TABLE_FILE_ADVICE, TableFileError } from './table-file-errors.ts';
import type { TextEncoding } from './table-row.ts';

/** How many bytes are read at a time, and how many are sniffed from the first non-ASCII byte on. */
export const CHUNK_BYTES = 64 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export interface EncodingChoice {
  encoding: TextEncoding;
  /** Bytes at the start of the file that are not text (the BOM). */
  skip: number;
}

/** Reads the first bytes of an open file and decides its encoding. @throws TableFileError for an encoding that is refused */
export async function detectEncoding(file: FileHandle, size: number): Promise<EncodingChoice> {
  const head = await readAt(file, 0, Math.min(size, CHUNK_BYTES));
  if (UTF8_BOM.every((b, i) => head[i] === b)) return { encoding: 'utf-8', skip: UTF8_BOM.length };
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || looksUtf16(head)) {
    throw new TableFileError('ENCODING_UTF16', TABLE_FILE_ADVICE.ENCODING_UTF16);
  }
  const first = await lineOfFirstNonAscii(file, size, head);
  if (first < 0) return { encoding: 'utf-8', skip: 0 };
  const sample = await readAt(file, first, Math.min(size - first, CHUNK_BYTES));
  const verdict = isUtf8(completeUtf8(sample)) ? 'utf-8' : classifyLegacy(sample);
  switch (verdict) {
    case 'utf-8':
    case 'windows-1258':
      return { encoding: verdict, skip: 0 };
    case 'tcvn3':
      throw new TableFileError('ENCODING_TCVN3', TABLE_FILE_ADVICE.ENCODING_TCVN3);
    case 'vni':
      throw new TableFileError('ENCODING_VNI', TABLE_FILE_ADVICE.ENCODING_VNI);
    case 'unknown':
      throw new TableFileError('ENCODING_UNKNOWN', TABLE_FILE_ADVICE.ENCODING_UNKNOWN);
  }
}

/** UTF-16 without a BOM: text of Latin letters has a zero byte in every other place. */
function looksUtf16(head: Buffer): boolean {
  const pairs = Math.min(head.length >> 1, 256);
  if (pairs < 2) return false;
  let zeros = 0;
  for (let i = 0; i < pairs * 2; i++) if (head[i] === 0) zeros++;
  return zeros >= pairs / 2;
}

/**
 * Where the line holding the file's first byte above 0x7F starts (-1: there is none). The sample
 * starts there, not at the byte: Windows-1258 writes a tone after its letter ("Thị" is "Thi" +
 * 0xF2), and a tone alone at the start of a sample reads as nothing.
 */
async function lineOfFirstNonAscii(file: FileHandle, size: number, head: Buffer): Promise<number> {
  for (let at = 0, chunk = head; ; ) {
    if (!isAscii(chunk)) return at + chunk.lastIndexOf(0x0a, chunk.findIndex((b) => b > 0x7f)) + 1;
    at += chunk.length;
    if (at >= size || chunk.length === 0) return -1;
    chunk = await readAt(file, at, Math.min(size - at, CHUNK_BYTES));
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** How many bytes at the end of `bytes` start a UTF-8 sequence that the next chunk completes. */
function incompleteTail(bytes: Uint8Array): number {
  // Look back over at most 3 continuation bytes to the lead byte of the last sequence.
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? back : 0;
  }
  return 0;
}

function completeUtf8(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, bytes.length - incompleteTail(bytes));
}

/** Bytes that are not UTF-8, found at `offset` (from the start of the file). */
export class InvalidUtf8Error extends Error {
  constructor(readonly offset: number) {
    super(`invalid UTF-8 at byte ${offset}`);
    this.name = 'InvalidUtf8Error';
  }
}

/** Turns the file's chunks into text, in order; a sequence cut between two chunks is carried over. */
export interface ChunkDecoder {
  decode(chunk: Buffer): string;
  /** The text still held at the end of the file. */
  end(): string;
}

/** A decoder for the file's encoding; `start` is the offset of the first chunk (after a BOM). */
export function chunkDecoder(encoding: TextEncoding, start: number): ChunkDecoder {
  return encoding === 'utf-8' ? new Utf8Decoder(start) : { decode: (chunk) => iconv.decode(chunk, 'windows-1258'), end: () => '' };
}

/**
 * UTF-8 checked as it is decoded: Node's isUtf8 (simdutf) over each chunk is ~50 times faster than
 * a fatal TextDecoder, and the bytes are then decoded without a second check.
 */
class Utf8Decoder implements ChunkDecoder {
  private carry: Buffer = Buffer.alloc(0);

  constructor(private offset: number) {}

  decode(chunk: Buffer): string {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const whole = bytes.length - incompleteTail(bytes);
    this.carry = Buffer.from(bytes.subarray(whole));
    return this.text(bytes.subarray(0, whole));
  }

  end(): string {
    // A sequence cut by the end of the file is invalid.
    if (this.carry.length > 0) throw new InvalidUtf8Error(this.offset);
    return '';
  }

  private text(bytes: Buffer): string {
    if (!isUtf8(bytes)) throw new InvalidUtf8Error(this.offset + firstInvalidUtf8(bytes));
    this.offset += bytes.length;
    return bytes.toString('utf8');
  }
}

/** Where the first invalid UTF-8 sequence starts in bytes known to hold one (the error path only: a plain scan). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes, at);
    if (length === 0) return at;
    at += length;
  }
  return bytes.length;
}

/** The length of the valid UTF-8 sequence at `at`, or 0 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF). */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at]!;
  if (lead < 0x80) return 1;
  const [length, low, high] =
    lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
    : lead === 0xe0 ? [3, 0xa0, 0xbf]
    : lead === 0xed ? [3, 0x80, 0x9f]
    : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
    : lead === 0xf0 ? [4, 0x90, 0xbf]
    : lead === 0xf4 ? [4, 0x80, 0x8f]
    : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
    : [0, 0, 0];
  if (length === 0 || at + length > bytes.length) return 0;
  const second = bytes[at + 1]!;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) if ((bytes[at + k]! & 0xc0) !== 0x80) return 0;
  return length;
}
