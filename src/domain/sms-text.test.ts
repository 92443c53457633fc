import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeSms, splitSms, toGsm7Text } from './sms-text.ts';

const GSM7_ALPHABET =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';
const a = (n: number) => 'a'.repeat(n);
const vi = (n: number) => 'ệ'.repeat(n); // a Vietnamese letter outside GSM-7

describe('analyzeSms: encoding', () => {
  it('uses GSM-7 for the whole default alphabet, one unit per character', () => {
    expect([...GSM7_ALPHABET]).toHaveLength(127);
    expect(analyzeSms(GSM7_ALPHABET)).toEqual({ encoding: 'gsm7', units: 127, parts: 1 });
    for (const ch of 'éèùìòÇØøÅåÄÖÑÜäöñüàÉÆæßΔΦΓΛΩΠΨΣΘΞ@£$¥¤§¡¿') {
      expect(analyzeSms(ch), ch).toEqual({ encoding: 'gsm7', units: 1, parts: 1 });
    }
  });

  it('counts the extension characters as two units', () => {
    for (const ch of EXTENSION) expect(analyzeSms(ch), JSON.stringify(ch)).toEqual({ encoding: 'gsm7', units: 2, parts: 1 });
    expect(analyzeSms('Gia 100€ [xem] {a|b} ~^\\')).toMatchObject({ encoding: 'gsm7', units: 33 });
  });

  it.each(['Nguyễn', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Đ', 'á', 'ç', 'í', 'ó', 'ú', 'ý', 'ã', '`', '\t', '\u00A0', '’', '“', '–', '…', '😀', '\u001B'])(
    '%j forces UCS-2',
    (ch) => {
      expect(analyzeSms(`Xin chao ${ch}`).encoding).toBe('ucs2');
    },
  );

  it('counts UTF-16 code units in UCS-2, so an emoji counts 2', () => {
    expect(analyzeSms('Việt Nam')).toEqual({ encoding: 'ucs2', units: 8, parts: 1 });
    expect(analyzeSms('😀')).toEqual({ encoding: 'ucs2', units: 2, parts: 1 });
    expect(analyzeSms('[QC] Đăng ký €')).toEqual({ encoding: 'ucs2', units: 14, parts: 1 });
  });

  it('treats empty text as one part of zero units', () => {
    expect(analyzeSms('')).toEqual({ encoding: 'gsm7', units: 0, parts: 1 });
  });

  it('counts the campaign notice written with and without diacritics', () => {
    const withMarks = 'Sở KHCN An Giang: Quý khách vui lòng xác thực thông tin thuê bao trước 28/5/2026 để tránh bị khóa.';
    expect(analyzeSms(withMarks)).toEqual({ encoding: 'ucs2', units: withMarks.length, parts: 2 });
    expect(analyzeSms(toGsm7Text(withMarks))).toEqual({ encoding: 'gsm7', units: withMarks.length, parts: 1 });
  });
});

describe('analyzeSms: parts', () => {
  it.each([
    [a(160), 160, 1],
    [a(161), 161, 2],
    [a(306), 306, 2],
    [a(307), 307, 3],
    [a(459), 459, 3],
    [a(460), 460, 4],
    [`${a(158)}€`, 160, 1],
    [`${a(159)}€`, 161, 2],
    [`${a(152)}€${a(8)}`, 162, 2],
    // The escape pair cannot straddle the part boundary: it moves to part 2, which then overflows.
    [`${a(152)}€${a(152)}`, 306, 3],
    [`${a(153)}€${a(151)}`, 306, 2],
    [`${a(152)}€${a(151)}`, 305, 2],
    ['€'.repeat(80), 160, 1],
    ['€'.repeat(81), 162, 2],
    ['€'.repeat(153), 306, 3], // 76 per part
  ] as const)('GSM-7 text of %# → %i units, %i parts', (text, units, parts) => {
    expect(analyzeSms(text)).toEqual({ encoding: 'gsm7', units, parts });
  });

  it.each([
    [vi(70), 70, 1],
    [vi(71), 71, 2],
    [vi(134), 134, 2],
    [vi(135), 135, 3],
    [vi(201), 201, 3],
    [vi(202), 202, 4],
    [`${vi(68)}😀`, 70, 1],
    [`${vi(69)}😀`, 71, 2],
    // The surrogate pair cannot straddle the part boundary.
    [`${vi(66)}😀${vi(66)}`, 134, 3],
    [`${vi(67)}😀${vi(65)}`, 134, 2],
    ['😀'.repeat(35), 70, 1],
    ['😀'.repeat(67), 134, 3], // 33 per part
  ] as const)('UCS-2 text of %# → %i units, %i parts', (text, units, parts) => {
    expect(analyzeSms(text)).toEqual({ encoding: 'ucs2', units, parts });
  });

  it('needs at least ceil(units / part size) parts, and one more part adds at most the largest character', () => {
    const gsmText = fc.string({ unit: fc.constantFrom(...GSM7_ALPHABET, ...EXTENSION) });
    fc.assert(
      fc.property(gsmText, (text) => {
        const { encoding, units, parts } = analyzeSms(text);
        expect(encoding).toBe('gsm7');
        if (units <= 160) expect(parts).toBe(1);
        else {
          expect(parts).toBeGreaterThanOrEqual(Math.ceil(units / 153));
          expect(parts).toBeLessThanOrEqual(Math.ceil(units / 152));
        }
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('ệ', 'Đ', 'a', '😀', '€') }).filter((t) => /[ệĐ😀]/u.test(t)), (text) => {
        const { encoding, units, parts } = analyzeSms(text);
        expect(encoding).toBe('ucs2');
        expect(units).toBe(text.length);
        if (units <= 70) expect(parts).toBe(1);
        else {
          expect(parts).toBeGreaterThanOrEqual(Math.ceil(units / 67));
          expect(parts).toBeLessThanOrEqual(Math.ceil(units / 66));
        }
      }),
    );
  });

  it('counts exactly the parts splitSms cuts, extension characters at part boundaries included', () => {
    const gsmText = fc.string({ unit: fc.constantFrom('a', ' ', '€', '[', ...GSM7_ALPHABET), minLength: 140, maxLength: 480 });
    fc.assert(
      fc.property(gsmText, (text) => {
        const { encoding, parts } = splitSms(text);
        expect(analyzeSms(text)).toMatchObject({ encoding, parts: parts.length });
        expect(parts.join('')).toBe(text);
      }),
    );
  });

  it('never costs fewer parts for a longer message', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 50 }), (text, more) => {
        const longer = analyzeSms(text + more);
        const shorter = analyzeSms(text);
        if (longer.encoding === shorter.encoding) expect(longer.parts).toBeGreaterThanOrEqual(shorter.parts);
      }),
    );
  });
});

describe('splitSms', () => {
  it('keeps a message within the single limit whole and cuts a longer one into 153 / 67 unit parts', () => {
    expect(splitSms(a(160))).toEqual({ encoding: 'gsm7', parts: [a(160)] });
    expect(splitSms(a(161))).toEqual({ encoding: 'gsm7', parts: [a(153), a(8)] });
    expect(splitSms(vi(71))).toEqual({ encoding: 'ucs2', parts: [vi(67), vi(4)] });
  });

  it('never splits an escape pair: an extension character that does not fit starts the next part', () => {
    const parts = splitSms(a(152) + '€' + a(10)).parts;
    expect(parts).toEqual([a(152), '€' + a(10)]);
  });

  it('gives back the text when the parts are joined, in as many parts as analyzeSms counts', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aé€ệ😀 '), maxLength: 500 }), (text) => {
        const { parts } = splitSms(text);
        expect(parts.join('')).toBe(text);
        expect(parts).toHaveLength(analyzeSms(text).parts);
      }),
    );
  });
});

describe('toGsm7Text', () => {
  it.each([
    ['Sở KHCN tỉnh An Giang', 'So KHCN tinh An Giang'],
    ['Đề nghị ông/bà xác thực', 'De nghi ong/ba xac thuc'],
    ['ĐĂNG KÝ', 'DANG KY'],
    ['Nguyễn Thị Thuỷ'.normalize('NFD'), 'Nguyen Thi Thuy'],
    ['“Xác thực” – ngay…', '"Xac thuc" - ngay...'],
    ['‘TTTB’ gửi 1414', "'TTTB' gui 1414"],
    ['28/5\u00A0–\u00A030/5', '28/5 - 30/5'],
    ['Hạn: 28/5 — nhé', 'Han: 28/5 - nhe'],
    ['Giá 100€ [QC] {x}', 'Gia 100€ [QC] {x}'],
    ['café Hué', 'cafe Hue'],
    ['Xin chào 😀!', 'Xin chao ?!'],
    ['中文', '??'],
    ['a\tb', 'a b'],
    ['zero\u200Bwidth', 'zerowidth'],
    ['dòng 1\ndòng 2', 'dong 1\ndong 2'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(toGsm7Text(text)).toBe(expected);
  });

  it('always produces text that encodes as GSM-7', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()), (text) => {
        expect(analyzeSms(toGsm7Text(text)).encoding).toBe('gsm7');
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent and leaves GSM-7 text without accents unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(toGsm7Text(toGsm7Text(text))).toBe(toGsm7Text(text));
      }),
    );
    const plainGsm = fc.string({ unit: fc.constantFrom(...'ABCxyz0189 .,:;!?@£$/()\n[]{}€_') });
    fc.assert(
      fc.property(plainGsm, (text) => {
        expect(toGsm7Text(text)).toBe(text);
      }),
    );
  });

  it('keeps one character for each Vietnamese letter', () => {
    const vietnamese = fc.string({ unit: fc.constantFrom(...'aăâeêioôơuưyđĐÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ ') });
    fc.assert(
      fc.property(vietnamese, (text) => {
        const plain = toGsm7Text(text);
        expect(plain).toHaveLength(text.length);
        expect(plain).toMatch(/^[a-zA-Z ]*$/);
      }),
    );
  });
});
