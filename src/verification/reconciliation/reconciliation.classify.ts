/**
 * One mismatch kind per reconciled line, from the national service's field results: the first
 * that applies in the order a person would fix them (the document before the name before the birth
 * date). Pure.
 */
import { birthDateFromIso } from '../../domain/index.ts';
import type { MismatchKind } from '../../db/schema.ts';
import type { BatchRecord, BatchRecordAnswer } from '../national-id/index.ts';

/** Every kind, in the order {@link classifyAnswer} tries them (`ok` last). */
export const MISMATCH_KINDS = [
  'record_invalid',
  'document_unknown',
  'cmnd9',
  'other_person_id',
  'deceased',
  'name_no_diacritics',
  'name_typo',
  'birth_date_swapped',
  'birth_date_wrong',
  'ok',
] as const satisfies readonly MismatchKind[];

const DOCUMENT_NUMBER = /^(\d{9}|\d{12})$/;
const MAX_NAME_LENGTH = 200;

/** What tttb holds for a line, as far as reconciliation sends it. */
export interface LineIdentity {
  subscriberId: number;
  documentNumber: string;
  fullName: string;
  birthDate: string;
}

/**
 * The batch record for a line, or null when the record breaks the service's contract (a number
 * that is neither a CMND nor a personal ID, no name, an impossible date): such a line is
 * `record_invalid` without asking, so one bad record cannot make a whole batch fail.
 */
export function toBatchRecord(line: LineIdentity): BatchRecord | null {
  const name = line.fullName.trim();
  if (!DOCUMENT_NUMBER.test(line.documentNumber) || name.length === 0 || name.length > MAX_NAME_LENGTH) return null;
  if (birthDateFromIso(line.birthDate) === null) return null;
  return { ref: String(line.subscriberId), documentNumber: line.documentNumber, fullName: line.fullName, birthDate: line.birthDate };
}

/** The mismatch kind of an answered record. */
export function classifyAnswer(answer: Omit<BatchRecordAnswer, 'ref'>): MismatchKind {
  const { fields, details } = answer;
  if (details.name === null || details.birthDate === null) return 'document_unknown';
  if (details.legacyDocumentKnown) return 'cmnd9';
  // Neither the name nor the exact birth date is the record's: the number belongs to someone
  // else. A merely compatible date (`1950` on record) is not taken as the same person's.
  if (details.name === 'different' && details.birthDate !== 'match') return 'other_person_id';
  if (details.deceased) return 'deceased';
  if (details.name === 'diacritics_missing') return 'name_no_diacritics';
  if (details.name === 'different') return 'name_typo';
  if (details.birthDate === 'day_month_swapped') return 'birth_date_swapped';
  if (fields.birthDate === 'no_match') return 'birth_date_wrong';
  if (fields.documentNumber === 'no_match') return 'document_unknown';
  return 'ok';
}
