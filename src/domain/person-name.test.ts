import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalName, compareNames, hasLostDiacriticsOf, stripDiacritics } from './person-name.ts';

const TONES = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const ONSETS = [
  ...['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm'],
  ...['n', 'ng', 'ngh', 'nh', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'],
];
// Rhymes without tone, in NFC; the tone can be put on any of their vowels.
const RHYMES = [
  'a', 'ai', 'ao', 'au', 'ay', 'an', 'ang', 'anh', 'ăn', 'ăng', 'âm', 'ân', 'âu', 'ây', 'e', 'eo', 'em', 'ê', 'ênh', 'êu',
  'i', 'ia', 'iu', 'in', 'iêm', 'iên', 'iêng', 'iêu', 'o', 'oa', 'oai', 'oan', 'oang', 'oanh', 'oay', 'oăn', 'oe', 'oen',
  'oi', 'ong', 'ô', 'ôi', 'ông', 'ơ', 'ơi', 'ơn', 'u', 'ua', 'uân', 'uê', 'uy', 'uya', 'uyên', 'uyt', 'ui', 'ung', 'uôi',
  'uôn', 'ư', 'ưa', 'ưu', 'ưng', 'ươi', 'ươn', 'ương', 'ươu', 'y', 'yên', 'yêu',
];
const VOWEL = /[aăâeêioôơuưy]/u;

/** Writes a syllable with the tone mark on the letter at `toneAt`, in NFC. */
const withToneAt = (letters: readonly string[], tone: string, toneAt: number): string =>
  letters.map((l, i) => (i === toneAt ? l + tone : l)).join('').normalize('NFC');

const syllableParts = fc.record({
  onset: fc.constantFrom(...ONSETS),
  rhyme: fc.constantFrom(...RHYMES),
  tone: fc.constantFrom(...TONES),
});

/** Two spellings of one toned syllable that differ only in which vowel carries the tone. */
const twoTonePlacements = syllableParts.chain(({ onset, rhyme, tone }) => {
  const letters = [...onset, ...rhyme];
  const vowelIndexes = letters.flatMap((l, i) => (i >= onset.length && VOWEL.test(l) ? [i] : []));
  return fc
    .tuple(fc.constantFrom(...vowelIndexes), fc.constantFrom(...vowelIndexes))
    .map(([i, j]) => [withToneAt(letters, tone, i), withToneAt(letters, tone, j)] as const);
});

const syllable = twoTonePlacements.map(([s]) => s);
const name = fc.array(syllable, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));
/** Random upper/lower case per letter, and messy whitespace around and between words. */
const messyCase = (text: string) =>
  fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((upper) =>
    [...text].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''),
  );
const messySpaces = (text: string) =>
  fc
    .tuple(fc.constantFrom(' ', '  ', '\t', '\u00A0', ' \u3000'), fc.constantFrom('', ' ', '\n'), fc.constantFrom('', '  ', '\t'))
    .map(([between, before, after]) => before + text.split(' ').join(between) + after);

/**
 * Characters that are not written: zero-width space, non-joiner and joiner, word joiner, BOM, soft
 * hyphen, the bidirectional marks, embeddings, overrides and isolates, the Arabic letter mark, the
 * combining grapheme joiner, a variation selector, a tag character, the Hangul filler, and C0/C1
 * controls that are not whitespace.
 */
const INVISIBLES = [
  ...['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u200E', '\u200F', '\u061C', '\u034F', '\uFE0F'],
  ...['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u{E0041}', '\u3164'],
  ...['\u0000', '\u0007', '\u001B', '\u007F', '\u0080', '\u009F'],
];
const invisible = fc.constantFrom(...INVISIBLES);

/** The text with invisible characters put between any of its code points (inside a letter's marks too). */
const withInvisibles = (text: string) => {
  const points = [...text];
  return fc
    .array(fc.tuple(fc.integer({ min: 0, max: points.length }), invisible), { minLength: 1, maxLength: 6 })
    .map((insertions) => {
      const out = [...points];
      for (const [at, ch] of [...insertions].sort(([a], [b]) => b - a)) out.splice(at, 0, ch);
      return out.join('');
    });
};

/** The name with the marks of the letters picked by `strip` removed (`đ` becomes `d`). */
const stripLetters = (text: string, strip: readonly boolean[]): string =>
  [...text.normalize('NFC')].map((letter, i) => (strip[i] ? stripDiacritics(letter) : letter)).join('');

/**
 * The name with some of its words, or some letters of its tone-placed spelling (a letter loses the
 * tone it carries with its other marks), stripped of their marks.
 */
const someLettersStripped = (text: string) => {
  const words = text.split(' ');
  const placed = canonicalName(text);
  return fc.oneof(
    fc
      .array(fc.boolean(), { minLength: words.length, maxLength: words.length })
      .map((strip) => words.map((word, i) => (strip[i] ? stripDiacritics(word) : word)).join(' ')),
    fc.array(fc.boolean(), { minLength: [...placed].length, maxLength: [...placed].length }).map((strip) => stripLetters(placed, strip)),
  );
};

/** NFD with the combining marks after each letter in a random order. */
const shuffledMarks = (text: string) => {
  const clusters = text.normalize('NFD').match(/\P{M}\p{M}*/gu) ?? [];
  return fc
    .tuple(...clusters.map((cluster) => fc.shuffledSubarray([...cluster.slice(1)], { minLength: cluster.length - 1 })))
    .map((marks) => clusters.map((cluster, i) => cluster[0] + (marks[i] ?? []).join('')).join(''));
};

describe('canonicalName', () => {
  it.each([
    ['Hoà', 'Hòa', 'hòa'],
    ['Thuỷ', 'Thủy', 'thủy'],
    ['Khoẻ', 'Khỏe', 'khỏe'],
    ['Quý', 'Qúy', 'quý'],
    ['Thuý', 'Thúy', 'thúy'],
    ['Loà', 'Lòa', 'lòa'],
    ['Xoã', 'Xõa', 'xõa'],
    ['Tuỵ', 'Tụy', 'tụy'],
    ['Hoè', 'Hòe', 'hòe'],
    ['Người', 'Ngừơi', 'người'],
    ['Trương', 'Trương', 'trương'],
    ['Dưỡng', 'Dữơng', 'dưỡng'],
    ['Hươu', 'Hươu', 'hươu'],
    ['Bưởi', 'Bửơi', 'bưởi'],
    ['Giữa', 'Giưã', 'giữa'],
    ['Gìn', 'Gìn', 'gìn'],
    ['Giàu', 'Gìau', 'giàu'],
    ['Giường', 'Gìương', 'giường'],
    ['Quốc', 'Qúôc', 'quốc'],
    ['Quả', 'Qủa', 'quả'],
    ['Quỳnh', 'Qùynh', 'quỳnh'],
    ['Quyền', 'Qùyên', 'quyền'],
    ['Huỳnh', 'Hùynh', 'huỳnh'],
    ['Hoàng', 'Hòang', 'hoàng'],
    ['Toán', 'Tóan', 'toán'],
    ['Thuận', 'Thụân', 'thuận'],
    ['Ngoài', 'Ngòai', 'ngoài'],
    ['Xoáy', 'Xóay', 'xoáy'],
    ['Khuỷu', 'Khủyu', 'khuỷu'],
    ['Nghĩa', 'Nghiã', 'nghĩa'],
    ['Mía', 'Miá', 'mía'],
    ['Của', 'Cuả', 'của'],
    ['Hải', 'Haỉ', 'hải'],
    ['Thảo', 'Thaỏ', 'thảo'],
    ['Tiến', 'Tíên', 'tiến'],
    ['Yến', 'Ýên', 'yến'],
    ['Khuyến', 'Khúyên', 'khuyến'],
    ['Thuở', 'Thủơ', 'thuở'],
    ['Huế', 'Húê', 'huế'],
    ['Nguyễn', 'Nguỹên', 'nguyễn'],
    ['Néang', 'Neáng', 'neáng'],
    // Not written, so dropped: zero-width characters, BOM, bidirectional controls, soft hyphen, controls.
    ['Nguyễn\u200B Văn A', 'Nguyễn Văn\u200C A', 'nguyễn văn a'],
    ['Lê \u200B Văn', 'Lê\u00AD Văn\u200D', 'lê văn'],
    ['\uFEFFNguy\uFEFFễn Văn An', '\u202ENguyễn\u202C \u2067Văn\u2069 \u200EAn\u200F', 'nguyễn văn an'],
    ['Nguye\u200D\u0303\u0302n Th\u00ADị\u0000', 'Nguyễn\u2060 Thị\u001B', 'nguyễn thị'],
  ])('%s and %s → %s', (a, b, canonical) => {
    expect(canonicalName(a)).toBe(canonical);
    expect(canonicalName(b)).toBe(canonical);
  });

  it('does not change when invisible characters are put anywhere', () => {
    fc.assert(
      fc.property(
        fc.oneof(name, fc.string({ unit: 'grapheme' })).chain((n) => fc.tuple(fc.constant(n), withInvisibles(n))),
        ([n, noisy]) => {
          expect(canonicalName(noisy)).toBe(canonicalName(n));
        },
      ),
    );
  });

  it('trims, collapses whitespace and lower-cases whole names', () => {
    expect(canonicalName('  NGUYỄN   Thị\tMINH  Khai ')).toBe('nguyễn thị minh khai');
    expect(canonicalName('Lê\u00A0Văn\u3000Hòa')).toBe('lê văn hòa');
    expect(canonicalName('TRẦN THỊ THUỶ')).toBe('trần thị thủy');
  });

  it('gives the NFC result for NFD input and for marks typed in any order', () => {
    const nfd = 'Nguyễn Thị Thuỷ Tiên'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Thuỷ Tiên');
    expect(canonicalName(nfd)).toBe('nguyễn thị thủy tiên');
    // ễ as e + tilde + circumflex (not the canonical order) and ậ as a + circumflex + dot below.
    expect(canonicalName('Nguye\u0303\u0302n')).toBe('nguyễn');
    expect(canonicalName('Nguye\u0302\u0303n')).toBe('nguyễn');
    expect(canonicalName('Ca\u0302\u0323n')).toBe('cận');
    expect(canonicalName('Ca\u0323\u0302n')).toBe('cận');
    expect(canonicalName('Thu\u0309y')).toBe('thủy');
    expect(canonicalName('Thuy\u0309')).toBe('thủy');
  });

  it('keeps Đ a letter of its own', () => {
    expect(canonicalName('Đào Duy Đạt')).toBe('đào duy đạt');
    expect(canonicalName('ĐÀO')).toBe('đào');
    expect(canonicalName('Đào')).not.toBe(canonicalName('Dào'));
    // The Icelandic eth looks the same and is sometimes typed for Đ.
    expect(canonicalName('Ðào')).toBe('đào');
  });

  it('handles Khmer names, names without a middle name and several given names', () => {
    expect(canonicalName('Chau Sóc Khăm')).toBe('chau sóc khăm');
    expect(canonicalName('Néang Sa Rươl')).toBe('neáng sa rươl');
    expect(canonicalName('Neáng Sa Rươl')).toBe('neáng sa rươl');
    expect(canonicalName('Thạch Sô Phol')).toBe('thạch sô phol');
    expect(canonicalName('Lâm Quách Ngọc Hoà Bình')).toBe('lâm quách ngọc hòa bình');
    expect(canonicalName('Huỳnh Như')).toBe('huỳnh như');
  });

  it('leaves words outside Vietnamese spelling as typed, only lower-cased', () => {
    expect(canonicalName('María José')).toBe('maría josé');
    expect(canonicalName('Müller')).toBe('müller');
    expect(canonicalName("O'Neil-Trần")).toBe("o'neil-trần");
    expect(canonicalName('')).toBe('');
  });

  it('places the tone the same wherever it was typed in the syllable', () => {
    fc.assert(
      fc.property(twoTonePlacements, ([a, b]) => {
        expect(canonicalName(a)).toBe(canonicalName(b));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the letters and the tone: only the tone position may change', () => {
    fc.assert(
      fc.property(syllable, (s) => {
        const canonical = canonicalName(s);
        const tonesOf = (text: string) => [...text.normalize('NFD')].filter((ch) => TONES.includes(ch));
        expect(tonesOf(canonical)).toEqual(tonesOf(s));
        const withoutTone = (text: string) => [...text.normalize('NFD')].filter((ch) => !TONES.includes(ch)).join('');
        expect(withoutTone(canonical)).toBe(withoutTone(s.toLowerCase()));
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(name, name.chain(withInvisibles), fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (n) => {
        expect(canonicalName(canonicalName(n))).toBe(canonicalName(n));
      }),
    );
  });

  it('is invariant under case, spacing, NFD and the order of combining marks', () => {
    fc.assert(
      fc.property(
        name.chain((n) => fc.tuple(fc.constant(n), messyCase(n).chain(messySpaces), shuffledMarks(n))),
        ([n, messy, shuffled]) => {
          const canonical = canonicalName(n);
          expect(canonicalName(messy)).toBe(canonical);
          expect(canonicalName(n.normalize('NFD'))).toBe(canonical);
          expect(canonicalName(shuffled)).toBe(canonical);
          expect(canonical).toBe(canonical.normalize('NFC'));
        },
      ),
    );
  });
});

describe('stripDiacritics', () => {
  it.each([
    ['Nguyễn Văn Đạt', 'Nguyen Van Dat'],
    ['ĐẶNG THỊ THUỶ', 'DANG THI THUY'],
    ['Trương Ưng Ơn', 'Truong Ung On'],
    ['Néang', 'Neang'],
    ['Nguyễn'.normalize('NFD'), 'Nguyen'],
    ['Ðào', 'Dao'],
    ['plain text 123', 'plain text 123'],
  ])('%s → %s', (input, plain) => {
    expect(stripDiacritics(input)).toBe(plain);
  });

  it('leaves no combining mark and no Đ, keeps the case, and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(name.chain(messyCase), fc.string()), (text) => {
        const plain = stripDiacritics(text);
        expect(plain.normalize('NFD')).not.toMatch(/\p{M}|[đĐ]/u);
        expect(stripDiacritics(plain)).toBe(plain);
      }),
    );
  });

  it('keeps one letter per letter of a Vietnamese name', () => {
    fc.assert(
      fc.property(name.chain(messyCase), (n) => {
        const plain = stripDiacritics(n);
        expect(plain).toHaveLength(n.length);
        expect(plain).toMatch(/^[a-zA-Z ]*$/);
      }),
    );
  });
});

describe('compareNames', () => {
  it.each([
    ['Nguyễn Văn An', 'Nguyễn Văn An', 'exact'],
    ['  Nguyễn  Văn An ', 'Nguyễn Văn An', 'exact'],
    ['Nguyễn Văn An'.normalize('NFD'), 'Nguyễn Văn An', 'exact'],
    ['Nguyễn Thị Hoà', 'Nguyễn Thị Hòa', 'same'],
    ['NGUYỄN THỊ THUỶ', 'Nguyễn Thị Thủy', 'same'],
    ['nguyễn văn an', 'Nguyễn Văn An', 'same'],
    ['Lê Quý Đôn', 'Lê Qúy Đôn', 'same'],
    ['Néang Sa Rươl', 'Neáng Sa Rươl', 'same'],
    ['Nguyen Van Dung', 'Nguyễn Văn Dũng', 'diacritics_missing'],
    ['Nguyễn Văn Dũng', 'NGUYEN VAN DUNG', 'diacritics_missing'],
    ['Dao', 'Đào', 'diacritics_missing'],
    ['Nguyen Van An', 'Nguyễn Văn An', 'diacritics_missing'],
    ['Chau Soc Kham', 'Chau Sóc Khăm', 'diacritics_missing'],
    ['Nguyễn Van Dung', 'Nguyễn Văn Dũng', 'diacritics_missing'],
    ['Nguyễn Văn Dung', 'NGUYỄN VĂN DŨNG', 'diacritics_missing'],
    ['Trưong Thi Thuỷ', 'Trương Thị Thủy', 'diacritics_missing'],
    ['Dào', 'Đào', 'diacritics_missing'],
    ['Đao', 'Đào', 'diacritics_missing'],
    ['Nguyễn Văn An', 'Nguyễn Văn Ân', 'diacritics_missing'],
    ['Nguyễn Van An', 'Nguyễn Văn Ấn', 'diacritics_missing'],
    ['Nguyễn\u200B Văn A', 'Nguyễn Văn A', 'exact'],
    ['\u202ENguyễn Văn An\u202C', 'nguyễn văn an', 'same'],
    ['Nguyễn Thị Lê', 'Nguyễn Thị Lệ', 'different'],
    ['Nguyễn Văn Ấn', 'Nguyễn Văn Ẩn', 'different'],
    ['Nguyễn Văn Ân', 'Nguyễn Văn Ăn', 'different'],
    ['Nguyen Văn An', 'Nguyễn Van An', 'different'],
    ['Nguyen Van An', 'Nguyễn Văn Anh', 'different'],
    ['Nguyễn Văn An', 'Nguyễn An', 'different'],
    ['Trần Thị Mỹ', 'Trần Thị Mĩ', 'different'],
    ['', 'Nguyễn Văn An', 'different'],
  ] as const)('%j vs %j → %s', (a, b, expected) => {
    expect(compareNames(a, b)).toBe(expected);
    expect(compareNames(b, a)).toBe(expected);
  });

  const someName = fc.oneof(name, name.chain(someLettersStripped), name.chain(withInvisibles), fc.string());

  it('is reflexive and symmetric', () => {
    fc.assert(
      fc.property(someName, someName, (a, b) => {
        expect(compareNames(a, a)).toBe('exact');
        expect(compareNames(a, b)).toBe(compareNames(b, a));
      }),
    );
  });

  it('calls a name typed without diacritics "diacritics_missing"', () => {
    fc.assert(
      fc.property(name.chain(messyCase), (n) => {
        fc.pre(stripDiacritics(n) !== n);
        expect(compareNames(stripDiacritics(n), n)).toBe('diacritics_missing');
      }),
    );
  });

  it('calls a name where any letters or words lost their marks "diacritics_missing" ("exact" or "same" when none had any)', () => {
    fc.assert(
      fc.property(
        name.chain(messyCase).chain((n) => fc.tuple(fc.constant(n), someLettersStripped(n))),
        ([n, partial]) => {
          const expected = partial === n ? 'exact' : canonicalName(partial) === canonicalName(n) ? 'same' : 'diacritics_missing';
          expect(compareNames(partial, n)).toBe(expected);
          expect(compareNames(n, partial)).toBe(expected);
          // Which side lost the marks: the one a correction must be made to.
          expect(hasLostDiacriticsOf(partial, n)).toBe(expected === 'diacritics_missing');
          expect(hasLostDiacriticsOf(n, partial)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('calls a name "different" when a letter that kept a mark disagrees (another tone)', () => {
    const toned = name.filter((n) => /[\u0300\u0301\u0303\u0309\u0323]/u.test(n.normalize('NFD')));
    fc.assert(
      fc.property(toned, fc.constantFrom(...TONES), (n, tone) => {
        const decomposed = n.normalize('NFD');
        const current = [...decomposed].find((ch) => TONES.includes(ch)) ?? '';
        fc.pre(tone !== current);
        const retoned = decomposed.replace(current, tone).normalize('NFC');
        expect(compareNames(retoned, n)).toBe('different');
      }),
    );
  });

  it('says "diacritics_missing" only for names whose letters agree once marks are removed', () => {
    fc.assert(
      fc.property(someName, someName, (a, b) => {
        if (compareNames(a, b) === 'diacritics_missing') expect(stripDiacritics(canonicalName(a))).toBe(stripDiacritics(canonicalName(b)));
      }),
    );
  });

  it('calls two spellings of the same syllables "same" or "exact", never "different"', () => {
    fc.assert(
      fc.property(fc.array(twoTonePlacements, { minLength: 1, maxLength: 4 }), (pairs) => {
        const a = pairs.map(([x]) => x).join(' ');
        const b = pairs.map(([, y]) => y.toUpperCase()).join('  ');
        expect(['exact', 'same']).toContain(compareNames(a, b));
      }),
    );
  });
});
