import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkDecoder, firstInvalidUtf8, InvalidUtf8Error } from './file-encoding.ts';
import { encodeCp1258 } from './table-file.testing.ts';

/** Decodes `bytes` cut at `cuts`, as the reader gets a file chunk by chunk. */
function decodeInChunks(encoding: 'utf-8' | 'windows-1258', bytes: Buffer, cuts: number[]): string {
  const decoder = chunkDecoder(encoding, 0);
  const ends = [...cuts.map((c) => c % (bytes.length + 1)), bytes.length].sort((a, b) => a - b);
  let text = '';
  ends.reduce((start, end) => {
    text += decoder.decode(bytes.subarray(start, end));
    return end;
  }, 0);
  return text + decoder.end();
}

describe('chunkDecoder', () => {
  it('decodes UTF-8 the same however the bytes are cut, letters cut in two included (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        expect(decodeInChunks('utf-8', Buffer.from(text), cuts)).toBe(text);
      }),
    );
  });

  it('decodes Windows-1258 however the bytes are cut (property)', () => {
    const vietnamese = fc.array(fc.constantFrom('Nguyễn', 'Đức', 'Hưng', 'ẩ', ' ', ';', 'a'), { maxLength: 20 }).map((p) => p.join(''));
    fc.assert(
      fc.property(vietnamese, fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        expect(decodeInChunks('windows-1258', encodeCp1258(text), cuts).normalize('NFC')).toBe(text);
      }),
    );
  });

  it('throws with the offset of the first invalid sequence, counted from the start of the file', () => {
    const bytes = Buffer.concat([Buffer.from('Trần Văn Đức\n'), Buffer.from([0xe2, 0xcc]), Buffer.from('n\n')]);
    const decoder = chunkDecoder('utf-8', 3);
    decoder.decode(bytes.subarray(0, 10));
    expect(() => decoder.decode(bytes.subarray(10))).toThrow(new InvalidUtf8Error(3 + Buffer.byteLength('Trần Văn Đức\n')));
  });

  it('refuses a letter cut by the end of the file', () => {
    const decoder = chunkDecoder('utf-8', 0);
    decoder.decode(Buffer.from('Đ').subarray(0, 1));
    expect(() => decoder.end()).toThrow(InvalidUtf8Error);
  });
});

describe('firstInvalidUtf8', () => {
  it('finds the first byte a fatal decoder stops at (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const at = firstInvalidUtf8(bytes);
        const decoder = new TextDecoder('utf-8', { fatal: true });
        // Everything before it is UTF-8; the sequence starting there is not.
        expect(() => decoder.decode(bytes.subarray(0, at))).not.toThrow();
        if (at < bytes.length) expect(() => decoder.decode(bytes.subarray(0, at + 4))).toThrow();
        else expect(() => decoder.decode(bytes)).not.toThrow();
      }),
    );
  });
});
