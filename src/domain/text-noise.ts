/**
 * Folding of the typing noise people put into identifiers (phone numbers, ID numbers): full-width
 * characters from Asian input methods and separators used to group digits.
 */

const FULL_WIDTH_FIRST = 0xff01; // '！'
const FULL_WIDTH_LAST = 0xff5e; // '～'
const FULL_WIDTH_OFFSET = 0xfee0; // full-width code point − ASCII code point
const IDEOGRAPHIC_SPACE = '\u3000';

/** Replaces full-width ASCII variants (`０１２`, `＋`, `－`) and the ideographic space by plain ASCII. */
export function foldFullWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= FULL_WIDTH_FIRST && cp <= FULL_WIDTH_LAST) out += String.fromCodePoint(cp - FULL_WIDTH_OFFSET);
    else if (ch === IDEOGRAPHIC_SPACE) out += ' ';
    else out += ch;
  }
  return out;
}

// Whitespace (incl. no-break spaces), dots, and every hyphen/dash people paste from word processors.
const DIGIT_GROUP_SEPARATORS = /[\s.\-\u2010-\u2015\u2212]/gu;

/** Removes the separators people use to group digits: spaces, dots and dashes. */
export function removeDigitSeparators(text: string): string {
  return text.replace(DIGIT_GROUP_SEPARATORS, '');
}
