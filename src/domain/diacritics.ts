/**
 * Vietnamese diacritics as Unicode combining marks (the NFD view of the text). Vietnamese letters
 * carry up to two marks: a quality mark that makes a different vowel (ă â ê ô ơ ư) and a tone mark.
 */

/** The five tone marks: huyền, sắc, ngã, hỏi, nặng. */
export const TONE_MARKS: ReadonlySet<string> = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

/** Quality marks that make a different vowel letter: breve (ă), circumflex (â ê ô), horn (ơ ư). */
export const QUALITY_MARKS: ReadonlySet<string> = new Set(['\u0306', '\u0302', '\u031B']);

const COMBINING_MARK = /\p{M}/gu;
const BEYOND_PRINTABLE_ASCII = /[^ -~\t\n\r]/;

/**
 * `Ð`/`ð` (U+00D0/U+00F0, the Icelandic eth) look exactly like `Đ`/`đ` and some keyboards and fonts
 * produce them instead, so they are read as the Vietnamese letter.
 */
export function foldEthToDStroke(text: string): string {
  return text.replace(/\u00D0/g, '\u0110').replace(/\u00F0/g, '\u0111');
}

/**
 * Removes every diacritic (tone and quality marks, and any other combining mark) and maps `Đ/đ`
 * to `D/d`, keeping letter case: `Nguyễn Văn Đạt` → `Nguyen Van Dat`. The result is NFC.
 */
export function stripDiacritics(text: string): string {
  // Plain ASCII (a reply already made GSM-7, a number) has nothing to strip: skip the six passes.
  if (!BEYOND_PRINTABLE_ASCII.test(text)) return text;
  return foldEthToDStroke(text)
    .normalize('NFD')
    .replace(COMBINING_MARK, '')
    .replace(/\u0110/g, 'D')
    .replace(/\u0111/g, 'd')
    .normalize('NFC');
}
