/**
 * Fixtures for the reader's tests: Vietnamese text encoded as carriers' old tools wrote it, built
 * here from the letters' Unicode decomposition (not from the reader's decoding tables, so a wrong
 * table there fails a test here), and temporary files.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';

/** Names and places as they appear in subscriber files; every letter with a mark occurs at least once. */
export const VIETNAMESE_SAMPLES = [
  'Nguyễn Thị Hồng Nhung',
  'Trần Văn Đức',
  'Lê Thị Ánh Tuyết',
  'Phạm Quốc Khánh',
  'Huỳnh Ngọc Yến',
  'Võ Thị Mỹ Lệ',
  'Đặng Hữu Phước',
  'Bùi Thị Ẩn',
  'Phường Long Xuyên',
  'Xã Mỹ Hòa Hưng',
  'Phường Châu Đốc',
  'Xã Tịnh Biên',
  'Xã Vĩnh Tế',
  'Thoại Sơn',
  'Ấp Hòa Thượng',
  'Khóm Đông Thịnh',
  'sửa chữa điện thoại',
  'cửa hàng ở ngã tư',
  'Ông Ỷ và bà Ỹ',
  'lũy tre làng ấy ạ',
  'ầm ĩ ẵm ẳng ặc',
  'khuỷu tay ngoằn ngoèo',
];

const TONES = ['\u0300', '\u0309', '\u0303', '\u0301', '\u0323'] as const; // grave, hook, tilde, acute, dot below
const HATS = { '\u0302': 'circumflex', '\u0306': 'breve', '\u031b': 'horn' } as const;

/** A letter taken apart: its base Latin letter, its hat (circumflex, breve, horn), its tone (index into TONES). */
function letterParts(letter: string): { base: string; hat?: string; tone?: number } {
  const marks = [...letter.normalize('NFD')];
  const base = marks.shift()!;
  const tone = marks.findIndex((m) => (TONES as readonly string[]).includes(m));
  const hat = marks.find((m) => m in HATS);
  return { base, ...(hat ? { hat } : {}), ...(tone >= 0 ? { tone: TONES.indexOf(marks[tone] as (typeof TONES)[number]) } : {}) };
}

// TCVN3: each small vowel with its hat, then its five tones in TONES order.
const TCVN3_VOWELS: Record<string, [number, number[]]> = {
  a: [0x61, [0xb5, 0xb6, 0xb7, 0xb8, 0xb9]],
  ă: [0xa8, [0xbb, 0xbc, 0xbd, 0xbe, 0xc6]],
  â: [0xa9, [0xc7, 0xc8, 0xc9, 0xca, 0xcb]],
  e: [0x65, [0xcc, 0xce, 0xcf, 0xd0, 0xd1]],
  ê: [0xaa, [0xd2, 0xd3, 0xd4, 0xd5, 0xd6]],
  i: [0x69, [0xd7, 0xd8, 0xdc, 0xdd, 0xde]],
  o: [0x6f, [0xdf, 0xe1, 0xe2, 0xe3, 0xe4]],
  ô: [0xab, [0xe5, 0xe6, 0xe7, 0xe8, 0xe9]],
  ơ: [0xac, [0xea, 0xeb, 0xec, 0xed, 0xee]],
  u: [0x75, [0xef, 0xf1, 0xf2, 0xf3, 0xf4]],
  ư: [0xad, [0xf5, 0xf6, 0xf7, 0xf8, 0xf9]],
  y: [0x79, [0xfa, 0xfb, 0xfc, 0xfd, 0xfe]],
};
const TCVN3_CAPITALS: Record<string, number> = { Ă: 0xa1, Â: 0xa2, Ê: 0xa3, Ô: 0xa4, Ơ: 0xa5, Ư: 0xa6, Đ: 0xa7, đ: 0xae };

/** Text as TCVN3 (ABC) bytes; a capital with a tone is written with the small letter's byte, as with the .VnTimeH fonts. */
export function encodeTcvn3(text: string): Buffer {
  const bytes: number[] = [];
  for (const letter of text.normalize('NFC')) {
    if (letter.charCodeAt(0) < 0x80) {
      bytes.push(letter.charCodeAt(0));
      continue;
    }
    const capital = TCVN3_CAPITALS[letter];
    if (capital !== undefined) {
      bytes.push(capital);
      continue;
    }
    const { base, hat, tone } = letterParts(letter.toLowerCase());
    const vowel = TCVN3_VOWELS[(base + (hat ?? '')).normalize('NFC')];
    if (!vowel) throw new Error(`no TCVN3 byte for ${letter}`);
    bytes.push(tone === undefined ? vowel[0] : vowel[1][tone]!);
  }
  return Buffer.from(bytes);
}

// VNI: the mark byte after the base letter, for each hat (none, circumflex, breve) and tone (none, then TONES order).
const VNI_MARK_BYTES: Record<string, (number | null)[]> = {
  none: [null, 0xf8, 0xfb, 0xf5, 0xf9, 0xef],
  circumflex: [0xe2, 0xe0, 0xe5, 0xe3, 0xe1, 0xe4],
  breve: [0xea, 0xe8, 0xfa, 0xfc, 0xe9, 0xeb],
};
// Letters VNI writes with a byte of their own: ơ ư đ, and i (and ỵ) with a tone.
const VNI_OWN: Record<string, number> = { ơ: 0xf4, ư: 0xf6, đ: 0xf1, ì: 0xec, ỉ: 0xe6, ĩ: 0xf3, í: 0xed, ị: 0xf2, ỵ: 0xee };

/** Text as VNI-Windows bytes. */
export function encodeVni(text: string): Buffer {
  const bytes: number[] = [];
  for (const letter of text.normalize('NFC')) {
    if (letter.charCodeAt(0) < 0x80) {
      bytes.push(letter.charCodeAt(0));
      continue;
    }
    const small = letter.toLowerCase();
    const capital = small !== letter;
    const shift = (byte: number) => (capital ? byte - 0x20 : byte);
    const own = VNI_OWN[small];
    if (own !== undefined) {
      bytes.push(shift(own));
      continue;
    }
    const { base, hat, tone } = letterParts(small);
    const slot = tone === undefined ? 0 : tone + 1;
    if (hat === '\u031b') {
      // ơ, ư: their own byte, then the tone's byte.
      bytes.push(shift(VNI_OWN[(base + hat).normalize('NFC')]!));
      if (slot > 0) bytes.push(shift(VNI_MARK_BYTES.none![slot]!));
      continue;
    }
    bytes.push(capital ? base.toUpperCase().charCodeAt(0) : base.charCodeAt(0));
    const mark = VNI_MARK_BYTES[hat ? HATS[hat as keyof typeof HATS] : 'none']![slot];
    if (mark === undefined) throw new Error(`no VNI bytes for ${letter}`);
    if (mark !== null) bytes.push(shift(mark));
  }
  return Buffer.from(bytes);
}

/** Text as Windows-1258 writes it: letters with a hat precomposed, the tone as a combining mark after the letter. */
export function encodeCp1258(text: string): Buffer {
  let out = '';
  for (const letter of text.normalize('NFC')) {
    const { base, hat, tone } = letterParts(letter);
    out += (base + (hat ?? '')).normalize('NFC') + (tone === undefined ? '' : TONES[tone]);
  }
  return iconv.encode(out, 'windows-1258');
}

/** A fresh temporary folder, removed by the returned function. */
export async function temporaryFolder(): Promise<{ folder: string; file: (name: string, content: string | Uint8Array) => Promise<string>; remove: () => Promise<void> }> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'tttb-reader-test-'));
  return {
    folder,
    file: async (name, content) => {
      const file = path.join(folder, name);
      await fs.writeFile(file, content);
      return file;
    },
    remove: () => fs.rm(folder, { recursive: true, force: true }),
  };
}
