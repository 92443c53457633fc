import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { classifyLegacy, decodeTcvn3, decodeVni, isVietnameseSyllable } from './legacy-encoding.ts';
import { encodeCp1258, encodeTcvn3, encodeVni, VIETNAMESE_SAMPLES } from './table-file.testing.ts';

/** What TCVN3 can say: a capital with a tone has no byte of its own and reads back small. */
const tcvn3Readable = (text: string) =>
  [...text.normalize('NFC')].map((c) => (/[ĂÂÊÔƠƯĐ]/.test(c) || c === c.toLowerCase() ? c : /[A-Z]/.test(c) ? c : c.toLowerCase())).join('');

const sampleText = fc.array(fc.constantFrom(...VIETNAMESE_SAMPLES), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(', '));
// A subscriber record around the names: digits, dates and ASCII words read the same in every encoding.
const record = fc.tuple(sampleText, fc.stringMatching(/^0[0-9]{9}$/), fc.constantFrom('Viettel', 'CCCD', '1990-05-17', 'Samsung A12', ''))
  .map(([names, msisdn, other]) => `${msisdn};${names};${other}\r\n`);

describe('telling Windows-1258, TCVN3 and VNI apart', () => {
  it('recognises each encoding of every sample name on its own', () => {
    for (const text of VIETNAMESE_SAMPLES) {
      expect(classifyLegacy(encodeTcvn3(text)), text).toBe('tcvn3');
      expect(classifyLegacy(encodeVni(text)), text).toBe('vni');
      expect(classifyLegacy(encodeCp1258(text)), text).toBe('windows-1258');
    }
  });

  it('recognises any file of subscriber records in each encoding (property)', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 20 }), (records) => {
        const text = records.join('');
        expect(classifyLegacy(encodeTcvn3(text))).toBe('tcvn3');
        expect(classifyLegacy(encodeVni(text))).toBe('vni');
        expect(classifyLegacy(encodeCp1258(text))).toBe('windows-1258');
      }),
    );
  });

  it('takes Windows-1258 text with signs or foreign names as Windows-1258', () => {
    expect(classifyLegacy(encodeCp1258('Nhiệt độ 30°C; giá 5€'))).toBe('windows-1258');
    expect(classifyLegacy(iconv.encode('Số 5; 30°C', 'windows-1258'))).toBe('windows-1258');
    expect(classifyLegacy(iconv.encode('Müller; Françoise; São Paulo', 'windows-1258'))).toBe('windows-1258');
  });

  it('calls bytes that are not text in any of them unknown', () => {
    // Shift-JIS Japanese ("。テスト"): 0x81 is not a character in Windows-1258.
    expect(classifyLegacy(Buffer.from('8142836583588367', 'hex'))).toBe('unknown');
  });
});

describe('the decoding tables', () => {
  it('read back every sample written in TCVN3 and VNI', () => {
    for (const text of VIETNAMESE_SAMPLES) {
      expect(decodeVni(encodeVni(text))).toBe(text.normalize('NFC'));
      expect(decodeTcvn3(encodeTcvn3(text))).toBe(tcvn3Readable(text));
    }
  });

  it('read VNI as Unikey writes it: "Nguyeãn" is Nguyễn, "Ñöùc" is Đức', () => {
    expect(decodeVni(Buffer.from('Nguyeãn Ñöùc Phöôøng', 'latin1'))).toBe('Nguyễn Đức Phường');
    expect(decodeTcvn3(Buffer.from('NguyÔn §øc Ph\u00adêng', 'latin1'))).toBe('Nguyễn Đức Phường');
  });
});

describe('isVietnameseSyllable', () => {
  it('accepts syllables in lower case, capitalised or in capitals', () => {
    for (const word of ['nguyễn', 'Nguyễn', 'NGUYỄN', 'người', 'khuỷu', 'ngoằn', 'gì', 'quốc', 'ạ', 'Ấp']) expect(isVietnameseSyllable(word), word).toBe(true);
  });

  it('refuses what wrong decodings make of them', () => {
    // TCVN3 and VNI read as Windows-1258, Windows-1258 read as TCVN3.
    for (const word of ['NguyÔn', 'Nguyeăn', 'Nguyờịn', 'Traàn', 'Hång', 'Ñöùc', 'nGuyễn']) expect(isVietnameseSyllable(word), word).toBe(false);
  });
});
