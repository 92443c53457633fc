/**
 * How the national service judges the identity fields of a claim against the population record:
 * the rules of docs/domain.md ("Verification", "Names", "Birth dates") expressed with the domain's name and birth-date comparisons.
 * Pure; the simulator supplies the record.
 */
import { birthDateFromIso, compareBirthDates, compareNames, type BirthDateComparison } from '../../domain/index.ts';
import type { BatchRecordAnswer, FieldResult, IdentityClaim, VerifyDetails } from './national-id.port.ts';

/** What the population database knows about a citizen, as far as matching needs it. */
export interface PopulationRecord {
  personalId: string;
  legacyCmnd: string | null;
  fullName: string;
  /** Stored form: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` by precision. */
  birthDate: string;
  deceasedOn: string | null;
  faceSeed: number;
}

export interface MatchingRules {
  /**
   * Whether a birth date that agrees as far as the coarser side is known (`1950` on record,
   * `1950-03-02` declared) counts as a match. Assumed (docs/domain.md, "Birth dates": older people often have only a
   * year on record), hence a setting.
   */
  compatibleBirthDateMatches: boolean;
}

export type IdentityJudgement = Omit<BatchRecordAnswer, 'ref'>;

const CMND_LENGTH = 9;

/** Judges the identity fields of `claim` against `record` (null: the number is not on record). */
export function judgeIdentity(claim: IdentityClaim, record: PopulationRecord | null, rules: MatchingRules): IdentityJudgement {
  const documentKind = claim.documentNumber.length === CMND_LENGTH ? 'cmnd9' : 'personal_id';
  if (record === null) {
    return {
      fields: { documentNumber: 'no_match', fullName: 'not_checked', birthDate: 'not_checked', face: 'not_checked' },
      details: { documentKind, legacyDocumentKnown: false, deceased: false, name: null, birthDate: null },
    };
  }
  const name = compareNames(claim.fullName, record.fullName);
  const birthDate = compareBirthDates(readBirthDate(claim.birthDate), readBirthDate(record.birthDate));
  const details: VerifyDetails = {
    documentKind,
    // A CMND identifies the citizen but is no longer valid: the personal ID number must be used.
    legacyDocumentKnown: documentKind === 'cmnd9',
    deceased: record.deceasedOn !== null,
    name,
    birthDate,
  };
  return {
    fields: {
      documentNumber: documentKind === 'personal_id' ? 'match' : 'no_match',
      fullName: name === 'exact' || name === 'same' ? 'match' : 'no_match',
      birthDate: birthDateResult(birthDate, rules),
      face: 'not_checked',
    },
    details,
  };
}

function birthDateResult(comparison: BirthDateComparison, rules: MatchingRules): FieldResult {
  if (comparison === 'match') return 'match';
  return comparison === 'compatible' && rules.compatibleBirthDateMatches ? 'match' : 'no_match';
}

function readBirthDate(text: string) {
  const value = birthDateFromIso(text);
  // Claims are validated against the contract and records are written in the stored form.
  if (value === null) throw new Error(`not a stored birth date: ${JSON.stringify(text)}`);
  return value;
}
