/**
 * What a channel sends, read strictly: the phone number in any common form, the identity as
 * people type it. Anything unusable becomes an AppError naming the field, never a crash.
 */
import {
  BIRTH_DATE_REASON_MESSAGES_VI,
  checkDocumentNumber,
  formatBirthDate,
  ID_REASON_MESSAGES_VI,
  MSISDN_REASON_MESSAGES_VI,
  normalizeMsisdn,
  parseBirthDate,
  type BirthDate,
  type ReferenceData,
} from '../../domain/index.ts';
import { AppError } from '../../errors.ts';

export interface IdentityInput {
  documentNumber: string;
  fullName: string;
  /** Any accepted form: dd/mm/yyyy, yyyy-mm-dd, mm/yyyy, yyyy … */
  birthDate: string;
}

export type SubmittedDocumentKind = 'personal_id' | 'cmnd9' | 'passport';

/** An identity fit to send to the national service. */
export interface SubmittedIdentity {
  documentNumber: string;
  documentKind: SubmittedDocumentKind;
  /** Trimmed, single-spaced, NFC. */
  fullName: string;
  birthDate: BirthDate;
  /** The stored form (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) the national contract expects. */
  birthDateText: string;
}

const MAX_NAME_LENGTH = 200;
// Letters and combining marks of any script, with the separators real names use.
const NAME_CHARACTERS = /^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u;
const PASSPORT = /^[A-Z0-9]{6,12}$/;

/** The national 10-digit form of a typed number. @throws AppError MSISDN_INVALID */
export function parseMsisdn(text: string, reference: ReferenceData): string {
  const result = normalizeMsisdn(text, reference);
  if (result.msisdn !== null) return result.msisdn;
  const reason = result.reasons[0] ?? 'not_digits';
  throw new AppError('MSISDN_INVALID', MSISDN_REASON_MESSAGES_VI[reason], {
    errors: [{ field: 'msisdn', message: MSISDN_REASON_MESSAGES_VI[reason] }],
  });
}

/**
 * Reads the identity a person declared. A 9-digit CMND is accepted here (the national service
 * then says it must be converted); a passport number only when `allowPassport` (foreigners).
 * Every bad field is listed at once. @throws AppError IDENTITY_INVALID
 */
export function parseIdentity(
  input: IdentityInput,
  reference: ReferenceData,
  options: { allowPassport: boolean; asOf: Date },
): SubmittedIdentity {
  const errors: { field: string; message: string }[] = [];
  const document = readDocument(input.documentNumber, reference, options.allowPassport);
  if ('message' in document) errors.push({ field: 'identity.documentNumber', message: document.message });

  const fullName = input.fullName.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (fullName === '') errors.push({ field: 'identity.fullName', message: 'Chưa nhập họ tên.' });
  else if (fullName.length > MAX_NAME_LENGTH || !NAME_CHARACTERS.test(fullName)) {
    errors.push({ field: 'identity.fullName', message: 'Họ tên chỉ gồm chữ cái, dấu cách và tối đa 200 ký tự.' });
  }

  const birth = parseBirthDate(input.birthDate, { asOf: options.asOf });
  if (!birth.ok) errors.push({ field: 'identity.birthDate', message: BIRTH_DATE_REASON_MESSAGES_VI[birth.reason] });

  if (errors.length > 0 || 'message' in document || !birth.ok) {
    throw new AppError('IDENTITY_INVALID', errors.map((e) => e.message).join(' '), { errors });
  }
  return {
    documentNumber: document.number,
    documentKind: document.kind,
    fullName,
    birthDate: birth.value,
    birthDateText: formatBirthDate(birth.value),
  };
}

function readDocument(
  text: string,
  reference: ReferenceData,
  allowPassport: boolean,
): { number: string; kind: SubmittedDocumentKind } | { message: string } {
  const check = checkDocumentNumber(text, reference);
  if (check.kind === 'cmnd9' && check.number !== null) return { number: check.number, kind: 'cmnd9' };
  if (check.kind === 'personal_id' && check.valid && check.number !== null) return { number: check.number, kind: 'personal_id' };
  if (allowPassport) {
    const passport = text.toUpperCase().replace(/[\s.-]/g, '');
    if (PASSPORT.test(passport)) return { number: passport, kind: 'passport' };
  }
  const reason = check.reasons[0] ?? 'not_digits';
  return { message: ID_REASON_MESSAGES_VI[reason] };
}
