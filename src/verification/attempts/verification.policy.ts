/**
 * The rules of docs/domain.md ("Verification", "Roadmap") as pure functions: what a line needs to be verified (face,
 * liveness, OTP), which channels may verify it, whether the declared identity belongs to the
 * line's registration, and how the national service's answer is explained field by field.
 */
import {
  birthDateFromIso,
  compareBirthDates,
  compareNames,
  hasLostDiacriticsOf,
} from '../../domain/index.ts';
import type { HolderKind, LineClass, LockLevel, DocumentType, RequirementReason, VerificationChannel } from '../../domain/index.ts';
import type { FieldResult, LivenessResult, VerifyAnswer } from '../national-id/index.ts';
import { explain, type ReasonCode } from './verification.reasons.ts';
import type { SubmittedIdentity } from './verification.input.ts';
import type { VerificationSettings } from './verification.settings.ts';

/** What the rules need to know about a line and its holder's other lines. */
export interface LineFacts {
  lineClass: LineClass;
  holderKind: HolderKind;
  lockLevel: LockLevel;
  documentType: DocumentType;
  documentNumber: string;
  fullName: string;
  birthDate: string;
  imei: string | null;
  requiredReason: RequirementReason | null;
  /** The holder's live H2H lines registered before this one: 1 or more makes this a 2nd+ line. */
  earlierH2hLines: number;
  /** The holder's live lines, this one included. */
  personLines: number;
}

export interface Requirements {
  face: boolean;
  liveness: boolean;
  otp: boolean;
  /** The channel is one where staff see the person and the card. */
  inPerson: boolean;
}

/**
 * H2H lines need the face (4 fields); non-H2H lines the Decree 163 baseline. Liveness for a
 * person's 2nd and later H2H line and after a handset change, which also asks for the face again.
 * An OTP when the person holds a single line.
 */
export function requirementsFor(
  line: LineFacts,
  request: { channel: VerificationChannel; handsetImei?: string | undefined },
  settings: VerificationSettings,
): Requirements {
  const handsetChanged =
    line.requiredReason === 'device_change' ||
    (request.handsetImei !== undefined && line.imei !== null && request.handsetImei !== line.imei);
  const h2h = line.lineClass === 'h2h';
  return {
    face: h2h || handsetChanged,
    liveness: (h2h && line.earlierH2hLines > 0) || handsetChanged,
    otp: settings.otpForSingleLine && line.personLines === 1,
    inPerson: settings.inPersonChannels.includes(request.channel),
  };
}

export type Refusal = { error: 'LINE_TERMINATED' | 'CHANNEL_NOT_ALLOWED'; reason: ReasonCode };

/** Why the line cannot be verified at all, or not through this channel. */
export function channelRefusal(line: LineFacts, requirements: Requirements, settings: VerificationSettings): Refusal | null {
  if (line.lockLevel === 'terminated') return { error: 'LINE_TERMINATED', reason: 'line.terminated' };
  if (requirements.inPerson) return null;
  if (settings.foreignersInPersonOnly && line.holderKind === 'foreigner') {
    return { error: 'CHANNEL_NOT_ALLOWED', reason: 'channel.foreigner_in_person' };
  }
  if (settings.twoWayLockInPersonOnly && line.lockLevel === 'two_way') {
    return { error: 'CHANNEL_NOT_ALLOWED', reason: 'channel.two_way_lock_in_person' };
  }
  return null;
}

/**
 * Whether the face step is closed to unattended channels: `failuresToClose` face failures in a
 * row among the line's attempts since it was last verified at a desk (oldest first). Attempts
 * that compared no face do not break a run; a match does. The caller never asks this at a desk.
 */
export function faceStepClosed(faceResults: readonly FieldResult[], failuresToClose: number): boolean {
  let run = 0;
  for (const result of faceResults) {
    if (result === 'match') run = 0;
    else if (result === 'no_match' && ++run >= failuresToClose) return true;
  }
  return false;
}

/** Face or liveness evidence the line needs and the request lacks. */
export function missingEvidence(
  requirements: Requirements,
  request: { faceSample: unknown; liveness: unknown },
): ReasonCode[] {
  const missing: ReasonCode[] = [];
  if (requirements.face && request.faceSample === null) missing.push('face.missing');
  if (requirements.liveness && request.liveness === null) missing.push('liveness.missing');
  return missing;
}

/**
 * Does the declared identity belong to this line's registration? Verifying proves the person is
 * who they say; this proves they are the line's holder, so nobody verifies another's line with
 * their own card. Online, the identity must agree with the registration. In person, staff see
 * the card: a differing name or birth date, or a CMND registration converted to the personal
 * ID, becomes a correction of the record once verified. A different document is refused everywhere.
 */
export function registrationCheck(
  line: LineFacts,
  identity: SubmittedIdentity,
  inPerson: boolean,
): { refusals: ReasonCode[]; corrections: ReasonCode[] } {
  const refusals: ReasonCode[] = [];
  const corrections: ReasonCode[] = [];
  const differs = (refusal: ReasonCode, correction: ReasonCode) => (inPerson ? corrections : refusals).push(inPerson ? correction : refusal);

  if (identity.documentNumber !== line.documentNumber) {
    if (line.documentType === 'cmnd9' && identity.documentKind === 'personal_id') {
      differs('registration.legacy_cmnd', 'registration.update_document');
    } else {
      // Another person's document: nothing else about the claim matters.
      return { refusals: ['registration.document_differs'], corrections: [] };
    }
  }
  const name = compareNames(identity.fullName, line.fullName);
  if (name === 'diacritics_missing' && hasLostDiacriticsOf(line.fullName, identity.fullName)) {
    differs('registration.name_no_diacritics', 'registration.update_full_name');
  } else if (name === 'diacritics_missing' || name === 'different') {
    differs('registration.name_differs', 'registration.update_full_name');
  }
  const registered = birthDateFromIso(line.birthDate);
  const birth = registered === null ? 'different' : compareBirthDates(identity.birthDate, registered);
  if (birth === 'day_month_swapped') differs('registration.birth_date_swapped', 'registration.update_birth_date');
  else if (birth === 'different') differs('registration.birth_date_differs', 'registration.update_birth_date');
  return { refusals, corrections };
}

/** One field of the answer: whether the line needed it, the result, and what it means. */
export interface FieldExplanation {
  required: boolean;
  result: FieldResult | LivenessResult;
  code: ReasonCode;
  message: string;
}

export interface FieldExplanations {
  documentNumber: FieldExplanation;
  fullName: FieldExplanation;
  birthDate: FieldExplanation;
  face: FieldExplanation;
  liveness: FieldExplanation;
}

const field = (required: boolean, result: FieldResult | LivenessResult, code: ReasonCode): FieldExplanation => ({
  required,
  result,
  ...explain(code),
});

/** Every field "not checked": the attempt stopped before the national service was asked. */
export function uncheckedFields(requirements: Requirements): FieldExplanations {
  return {
    documentNumber: field(true, 'not_checked', 'document.not_checked'),
    fullName: field(true, 'not_checked', 'name.not_checked'),
    birthDate: field(true, 'not_checked', 'birth_date.not_checked'),
    face: field(requirements.face, 'not_checked', requirements.face ? 'face.not_checked' : 'face.not_required'),
    liveness: field(
      requirements.liveness,
      'not_checked',
      requirements.liveness ? 'liveness.not_checked' : 'liveness.not_required',
    ),
  };
}

/**
 * Judges the national service's answer against what the line needs. A detected presentation
 * attack fails the attempt even where liveness was not required; a deceased person is never
 * verified. `identityMatches`: the three identity fields alone agree (and the person is alive).
 */
export function judgeAnswer(
  answer: VerifyAnswer,
  requirements: Requirements,
): { verified: boolean; identityMatches: boolean; fields: FieldExplanations; reasons: ReasonCode[] } {
  const { fields: f, details } = answer;
  const fields: FieldExplanations = {
    documentNumber: field(
      true,
      f.documentNumber,
      f.documentNumber === 'match'
        ? 'document.match'
        : f.documentNumber === 'not_checked'
          ? 'document.not_checked'
          : details.legacyDocumentKnown
            ? 'document.legacy_cmnd'
            : 'document.unknown',
    ),
    fullName: field(
      true,
      f.fullName,
      f.fullName === 'match'
        ? 'name.match'
        : f.fullName === 'not_checked'
          ? 'name.not_checked'
          : details.name === 'diacritics_missing'
            ? 'name.diacritics_missing'
            : 'name.different',
    ),
    birthDate: field(true, f.birthDate, birthDateCode(f.birthDate, details.birthDate)),
    face: field(
      requirements.face,
      f.face,
      !requirements.face ? 'face.not_required' : f.face === 'match' ? 'face.match' : f.face === 'no_match' ? 'face.no_match' : 'face.not_checked',
    ),
    liveness: field(
      requirements.liveness,
      answer.liveness,
      answer.liveness === 'pass'
        ? 'liveness.pass'
        : answer.liveness === 'fail'
          ? 'liveness.fail'
          : requirements.liveness
            ? 'liveness.not_checked'
            : 'liveness.not_required',
    ),
  };
  const identityMatches = f.documentNumber === 'match' && f.fullName === 'match' && f.birthDate === 'match' && !details.deceased;
  const faceOk = !requirements.face || f.face === 'match';
  const livenessOk = requirements.liveness ? answer.liveness === 'pass' : answer.liveness !== 'fail';
  const reasons: ReasonCode[] = details.deceased ? ['person.deceased'] : [];
  return { verified: identityMatches && faceOk && livenessOk, identityMatches, fields, reasons };
}

function birthDateCode(result: FieldResult, detail: VerifyAnswer['details']['birthDate']): ReasonCode {
  if (result === 'match') return 'birth_date.match';
  if (result === 'not_checked' || detail === null) return 'birth_date.not_checked';
  if (detail === 'day_month_swapped') return 'birth_date.day_month_swapped';
  if (detail === 'compatible') return 'birth_date.precision_differs';
  return 'birth_date.different';
}

/** The reason codes of every field, for the attempt row. */
export function fieldCodes(fields: FieldExplanations): ReasonCode[] {
  return [fields.documentNumber, fields.fullName, fields.birthDate, fields.face, fields.liveness].map((f) => f.code);
}
