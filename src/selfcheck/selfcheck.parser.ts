/**
 * What people text to 1414, read as they actually type it (docs/domain.md, "Self-check"): `TTTB`, `TTTB <document
 * number>` and `TTTB SAI` (the information shown is wrong), in any case, with extra or missing
 * spaces, dots or dashes inside the number, the number glued to the keyword, full-width digits
 * or Vietnamese marks. Anything else is `invalid` and gets the short help reply.
 */
import { foldFullWidth, removeDigitSeparators, stripDiacritics } from '../domain/index.ts';

export type SelfCheckRequest =
  /** `TTTB`: the owner information of the sending line. */
  | { kind: 'owner' }
  /** `TTTB <document>`: the lines registered under it at the sender's carrier. */
  | { kind: 'lines'; document: string }
  /** `TTTB SAI …`: the information shown is wrong. */
  | { kind: 'report' }
  | { kind: 'invalid' };

export const KEYWORD = 'TTTB';
export const REPORT_WORD = 'SAI';

// Punctuation people put around or inside the number besides spaces, dots and dashes.
const OTHER_SEPARATORS = /[,:;_/\\#*'"()[\]]/gu;
// Labels people write before an ID number ("TTTB CCCD 0890…"): read past them.
const DOCUMENT_LABEL = /^(CCCD|CMND|CC|DDCN)/u;
// A personal ID number (12 digits) or a legacy CMND (9 digits).
const ID_DIGITS = /^(\d{9}|\d{12})$/u;
// Passport numbers of foreigners: letters and digits, at least one of each.
const PASSPORT = /^(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,12}$/u;

/** Reads one message to 1414. Never throws. */
export function parseSelfCheck(text: string): SelfCheckRequest {
  const folded = stripDiacritics(foldFullWidth(text)).toUpperCase();
  const compact = removeDigitSeparators(folded).replace(OTHER_SEPARATORS, '');
  if (!compact.startsWith(KEYWORD)) return { kind: 'invalid' };
  const rest = compact.slice(KEYWORD.length);
  if (rest === '') return { kind: 'owner' };
  // `TTTB SAI` may carry words after it ("TTTB SAI ngay sinh"): the report is the same.
  if (rest.startsWith(REPORT_WORD) && !/^\d/u.test(rest.slice(REPORT_WORD.length))) return { kind: 'report' };
  const unlabelled = rest.replace(DOCUMENT_LABEL, '');
  if (ID_DIGITS.test(unlabelled)) return { kind: 'lines', document: unlabelled };
  if (PASSPORT.test(rest)) return { kind: 'lines', document: rest };
  return { kind: 'invalid' };
}
