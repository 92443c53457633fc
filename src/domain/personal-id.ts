/**
 * Personal identity document numbers: the 12-digit personal ID number (CCCD / căn cước) and the
 * legacy 9-digit CMND. See docs/domain.md, "Identity documents", for the 12-digit structure.
 */
import type { BirthDate } from './birth-date.ts';
import { vietnamCalendarDate } from './calendar.ts';
import type { ReferenceData } from './reference-data.ts';
import { foldFullWidth, removeDigitSeparators } from './text-noise.ts';
import type { PersonalDocumentKind, Sex } from './vocabulary.ts';

export type { Sex } from './vocabulary.ts';

export type DocumentKind = PersonalDocumentKind;

/** Why a document number was not accepted; each failure has its own stable code. */
export type IdReason =
  | 'empty'
  | 'not_digits'
  | 'wrong_length'
  | 'province_code_unknown'
  | 'birth_year_in_future'
  | 'birth_year_mismatch'
  | 'sex_mismatch'
  | 'cmnd9_legacy';

/** Vietnamese explanation of each reason, for people at the counter and on the phone. */
export const ID_REASON_MESSAGES_VI: Readonly<Record<IdReason, string>> = {
  empty: 'Chưa nhập số giấy tờ.',
  not_digits: 'Số giấy tờ chỉ được gồm chữ số.',
  wrong_length: 'Số định danh cá nhân phải có 12 chữ số (CMND cũ có 9 chữ số).',
  province_code_unknown: 'Ba chữ số đầu không phải mã tỉnh/thành phố nơi đăng ký khai sinh.',
  birth_year_in_future: 'Năm sinh suy ra từ số định danh nằm trong tương lai.',
  birth_year_mismatch: 'Năm sinh trong số định danh không khớp với ngày sinh đã khai.',
  sex_mismatch: 'Giới tính trong số định danh không khớp với giới tính đã khai.',
  cmnd9_legacy: 'CMND 9 số đã hết giá trị từ 31/12/2024; cần dùng số định danh cá nhân 12 số.',
};

/** Outcome of checking a typed document number. */
export interface DocumentCheck {
  valid: boolean;
  kind: DocumentKind | null;
  /** The digits without separators, whenever the input consisted of digits only. */
  number: string | null;
  reasons: IdReason[];
  /** Province code of the birth registration, when it is in the table (12-digit numbers). */
  birthProvinceCode?: string;
  /** Decoded from digit 4 (12-digit numbers). */
  sex?: Sex;
  /** Decoded from digits 4–6 (12-digit numbers). */
  birthYear?: number;
}

export interface DocumentCheckOptions {
  /** Birth date on record or declared: its year is cross-checked. */
  birthDate?: BirthDate;
  /** Sex on record or declared: cross-checked with digit 4. */
  sex?: Sex;
  /** Reference instant for "birth year in the future" (default: now). */
  asOf?: Date;
}

const PERSONAL_ID_LENGTH = 12;
const CMND_LENGTH = 9;
// Digit 4 encodes century and sex: even = male, odd = female, pairs from the 1900s onwards.
const FIRST_CENTURY = 1900;
const LAST_CENTURY = 2300;
const SERIAL_MAX = 999_999;

/**
 * Checks a personal ID (12 digits) or legacy CMND (9 digits) number as people type it: surrounding
 * and internal spaces, dots, dashes and full-width digits are tolerated. Codes of every province
 * are valid (people are born everywhere). A 9-digit CMND is recognised but never valid.
 */
export function checkDocumentNumber(
  input: string,
  ref: ReferenceData,
  opts: DocumentCheckOptions = {},
): DocumentCheck {
  const cleaned = removeDigitSeparators(foldFullWidth(input));
  if (cleaned === '') return { valid: false, kind: null, number: null, reasons: ['empty'] };
  if (!/^\d+$/.test(cleaned)) return { valid: false, kind: null, number: null, reasons: ['not_digits'] };
  if (cleaned.length === CMND_LENGTH) {
    return { valid: false, kind: 'cmnd9', number: cleaned, reasons: ['cmnd9_legacy'] };
  }
  if (cleaned.length !== PERSONAL_ID_LENGTH) {
    return { valid: false, kind: null, number: cleaned, reasons: ['wrong_length'] };
  }
  return checkPersonalId(cleaned, ref, opts);
}

function checkPersonalId(digits: string, ref: ReferenceData, opts: DocumentCheckOptions): DocumentCheck {
  const reasons: IdReason[] = [];
  const provinceCode = digits.slice(0, 3);
  const centuryAndSex = Number(digits[3]);
  const sex: Sex = centuryAndSex % 2 === 0 ? 'male' : 'female';
  const birthYear = FIRST_CENTURY + Math.floor(centuryAndSex / 2) * 100 + Number(digits.slice(4, 6));

  const provinceKnown = ref.provinceCodes.has(provinceCode);
  if (!provinceKnown) reasons.push('province_code_unknown');
  if (birthYear > vietnamCalendarDate(opts.asOf ?? new Date()).year) reasons.push('birth_year_in_future');
  if (opts.birthDate && opts.birthDate.year !== birthYear) reasons.push('birth_year_mismatch');
  if (opts.sex && opts.sex !== sex) reasons.push('sex_mismatch');

  return {
    valid: reasons.length === 0,
    kind: 'personal_id',
    number: digits,
    reasons,
    ...(provinceKnown ? { birthProvinceCode: provinceCode } : {}),
    sex,
    birthYear,
  };
}

/** The parts a personal ID number is built from. */
export interface PersonalIdParts {
  /** Three-digit birth-registration province code, e.g. `089`. */
  provinceCode: string;
  sex: Sex;
  /** 1900–2399: the range digit 4 can encode. */
  birthYear: number;
  /** The six random trailing digits, 0–999999. */
  serial: number;
}

/**
 * Builds a structurally valid 12-digit personal ID number (for demo data and tests).
 * @throws RangeError when a part cannot be encoded.
 */
export function composePersonalId({ provinceCode, sex, birthYear, serial }: PersonalIdParts): string {
  if (!/^\d{3}$/.test(provinceCode)) throw new RangeError(`provinceCode must be 3 digits, got "${provinceCode}"`);
  if (!Number.isInteger(birthYear) || birthYear < FIRST_CENTURY || birthYear > LAST_CENTURY + 99) {
    throw new RangeError(`birthYear must be an integer in ${FIRST_CENTURY}–${LAST_CENTURY + 99}, got ${birthYear}`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > SERIAL_MAX) {
    throw new RangeError(`serial must be an integer in 0–${SERIAL_MAX}, got ${serial}`);
  }
  const centuryIndex = Math.floor((birthYear - FIRST_CENTURY) / 100);
  const centuryAndSex = centuryIndex * 2 + (sex === 'female' ? 1 : 0);
  const yearDigits = String(birthYear % 100).padStart(2, '0');
  return `${provinceCode}${centuryAndSex}${yearDigits}${String(serial).padStart(6, '0')}`;
}
