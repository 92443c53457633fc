/**
 * The answers of `tttb check …` and `POST /api/v1/checks/…`: one function per kind, so the CLI
 * and the API cannot drift apart.
 */
import {
  analyzeSms,
  checkDocumentNumber,
  canonicalName,
  compareNames,
  formatBirthDate,
  normalizeMsisdn,
  parseBirthDate,
  ID_REASON_MESSAGES_VI,
  MSISDN_REASON_MESSAGES_VI,
  MSISDN_SOURCE_NOTES_VI,
  BIRTH_DATE_REASON_MESSAGES_VI,
  type ReferenceData,
  type Sex,
} from '../domain/index.ts';
import { AppError } from '../errors.ts';

export function checkId(ref: ReferenceData, number: string, opts: { birthDate?: string; sex?: Sex } = {}) {
  let birthDate;
  if (opts.birthDate !== undefined) {
    const parsed = parseBirthDate(opts.birthDate);
    if (!parsed.ok) {
      throw new AppError('VALIDATION_FAILED', `Ngày sinh "${opts.birthDate}": ${BIRTH_DATE_REASON_MESSAGES_VI[parsed.reason]}`, {
        errors: [{ field: 'birthDate', message: BIRTH_DATE_REASON_MESSAGES_VI[parsed.reason] }],
      });
    }
    birthDate = parsed.value;
  }
  const result = checkDocumentNumber(number, ref, { ...(birthDate ? { birthDate } : {}), ...(opts.sex ? { sex: opts.sex } : {}) });
  return {
    valid: result.valid,
    kind: result.kind,
    reasons: result.reasons,
    messages: result.reasons.map((r) => ID_REASON_MESSAGES_VI[r]),
  };
}

/**
 * A typed phone number judged as a mobile: its 10-digit form, the carrier hint, which sources know
 * it and, when only one does, the note asking the carrier to confirm it.
 */
export function checkPhone(ref: ReferenceData, number: string) {
  const result = normalizeMsisdn(number, ref);
  return {
    valid: result.valid,
    msisdn: result.msisdn,
    carrier: result.carrier,
    knownBy: result.knownBy,
    note: result.knownBy === null || result.knownBy === 'both' ? null : MSISDN_SOURCE_NOTES_VI[result.knownBy],
    reasons: result.reasons,
    messages: result.reasons.map((r) => MSISDN_REASON_MESSAGES_VI[r]),
    ...(result.convertedFrom ? { convertedFrom: result.convertedFrom } : {}),
  };
}

export function checkName(a: string, b: string) {
  return { result: compareNames(a, b), canonical: [canonicalName(a), canonicalName(b)] as [string, string] };
}

export function checkDate(text: string) {
  const parsed = parseBirthDate(text);
  if (!parsed.ok) {
    return {
      valid: false,
      date: null,
      precision: null,
      reasons: [parsed.reason],
      messages: [BIRTH_DATE_REASON_MESSAGES_VI[parsed.reason]],
    };
  }
  return { valid: true, date: formatBirthDate(parsed.value), precision: parsed.value.precision, reasons: [], messages: [] };
}

export function checkSms(text: string) {
  return analyzeSms(text);
}
