/**
 * Whether a zip (an .xlsx is one) is safe to hand to a reader that inflates it in memory: every
 * entry inflates cleanly to exactly the size its directory declares, and the declared sizes stay
 * under a bound in all. A crafted file whose few kilobytes inflate to gigabytes (a "zip bomb")
 * is refused here, an entry at a time and never past its declared size, before exceljs sees it.
 */
import zlib from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
// An .xlsx has a few dozen entries; thousands are not a workbook.
const MAX_ENTRIES = 5000;

/** Null when `bytes` is a sound zip inflating to at most `maxBytes`; otherwise why not, in Vietnamese. */
export function zipOutOfBounds(bytes: Buffer, maxBytes: number): string | null {
  try {
    const end = findEndOfDirectory(bytes);
    if (end < 0) return 'tệp zip bị hỏng hoặc bị cắt cụt (thiếu mục lục)';
    const entries = bytes.readUInt16LE(end + 10);
    let at = bytes.readUInt32LE(end + 16);
    if (entries === 0xffff || at === 0xffffffff) return 'tệp zip64 (quá lớn cho một danh sách tài khoản)';
    if (entries > MAX_ENTRIES) return `tệp có ${entries} mục, không phải một bảng tính`;
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) return 'mục lục của tệp zip bị hỏng';
      const method = bytes.readUInt16LE(at + 10);
      const compressed = bytes.readUInt32LE(at + 20);
      const size = bytes.readUInt32LE(at + 24);
      const local = bytes.readUInt32LE(at + 42);
      at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
      total += size;
      if (total > maxBytes) return `giải nén ra hơn ${Math.round(maxBytes / 1024 / 1024)} MB, quá lớn cho một danh sách tài khoản`;
      const problem = entryProblem(bytes, local, method, compressed, size);
      if (problem) return problem;
    }
    return null;
  } catch {
    // A read past the end of the bytes: offsets in the directory that point nowhere.
    return 'tệp zip bị hỏng';
  }
}

function findEndOfDirectory(bytes: Buffer): number {
  // The record is 22 bytes, followed by a comment of at most 65,535.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

function entryProblem(bytes: Buffer, local: number, method: number, compressed: number, size: number): string | null {
  if (bytes.readUInt32LE(local) !== LOCAL_HEADER) return 'một mục của tệp zip bị hỏng';
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  if (start + compressed > bytes.length) return 'tệp zip bị cắt cụt';
  const data = bytes.subarray(start, start + compressed);
  if (method === STORED) return compressed === size ? null : 'một mục của tệp zip bị hỏng';
  if (method !== DEFLATED) return 'tệp zip nén theo cách không hỗ trợ';
  // Inflating stops at the declared size: an entry that would grow past it is refused there.
  const inflated = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
  return inflated.length === size ? null : 'một mục của tệp zip bị hỏng';
}
