/**
 * The port to the National Population Database's verification service (Ministry of Public
 * Security, docs/domain.md, "Verification"): tttb asks whether what a subscriber declared matches the citizen on
 * record, field by field. Two implementations: the simulator (demo, tests) and the HTTP client.
 */
import type { BirthDateComparison, DocumentKind, NameComparison } from '../../domain/index.ts';

/** Result of comparing one field with the population record. */
export type FieldResult = 'match' | 'no_match' | 'not_checked';

/** Length of a face template vector, as the capture SDK computes it on the device. */
export const FACE_TEMPLATE_DIMENSIONS = 128;

/**
 * A face template computed on the device. tttb forwards it and never stores it: face images and
 * biometric samples are sensitive personal data (docs/domain.md, "Personal data").
 */
export interface FaceSample {
  template: number[];
}

export type LivenessMethod = 'passive' | 'active';
/** What was in front of the camera: a live person or a presentation attack. */
export type PresentationKind = 'live' | 'photo' | 'video' | 'mask';
export type PresentationAttack = Exclude<PresentationKind, 'live'>;

/**
 * Evidence for presentation-attack detection. `presentation` is what the capture really was: the
 * simulator decides from it with imperfect detection rates, as a real detector would decide from
 * the capture itself.
 */
export interface LivenessEvidence {
  method: LivenessMethod;
  presentation: PresentationKind;
}

/** Identity fields as declared by the subscriber (or registered at the carrier). */
export interface IdentityClaim {
  /** 12-digit personal ID number or legacy 9-digit CMND, digits only. */
  documentNumber: string;
  fullName: string;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (the stored form of the domain's BirthDate). */
  birthDate: string;
}

export interface VerifyRequest extends IdentityClaim {
  faceSample: FaceSample | null;
  liveness: LivenessEvidence | null;
}

/**
 * Finer reasons behind the field results, so a caller can tell a citizen what to fix. `name` and
 * `birthDate` are null when nothing was compared (unknown document number).
 */
export interface VerifyDetails {
  /** Kind of the number the request used. */
  documentKind: DocumentKind;
  /**
   * The request used a 9-digit CMND the database knows: the citizen must verify with their
   * personal ID number instead. That number is deliberately not revealed.
   */
  legacyDocumentKnown: boolean;
  deceased: boolean;
  name: NameComparison | null;
  birthDate: BirthDateComparison | null;
}

export interface VerifyFields {
  documentNumber: FieldResult;
  fullName: FieldResult;
  birthDate: FieldResult;
  face: FieldResult;
}

export type LivenessResult = 'pass' | 'fail' | 'not_checked';

/**
 * An answer of the national service. `face` is the biometric comparison alone: a verification
 * that requires liveness counts only when `liveness` is `pass` as well — a photo of the right
 * person matches the face but fails liveness.
 */
export interface VerifyAnswer {
  fields: VerifyFields;
  /** Cosine similarity of the face templates, when faces were compared. */
  faceScore: number | null;
  liveness: LivenessResult;
  details: VerifyDetails;
}

export type UnavailableReason = 'timeout' | 'http_error' | 'bad_response' | 'circuit_open' | 'network';

/** No answer: the caller must not treat this as a mismatch, only retry later. */
export interface Unavailable {
  status: 'unavailable';
  reason: UnavailableReason;
}

export type VerifyOutcome = ({ status: 'answered' } & VerifyAnswer) | Unavailable;

/** One record of a reconciliation batch; `ref` is the caller's key, unique within the batch. */
export interface BatchRecord extends IdentityClaim {
  ref: string;
}

/** Per-record answer of a batch: the same as {@link VerifyAnswer} without faces. */
export interface BatchRecordAnswer {
  ref: string;
  fields: Omit<VerifyFields, 'face'> & { face: 'not_checked' };
  details: VerifyDetails;
}

/** Batch answers come in the order of the request's records. */
export type BatchOutcome = { status: 'answered'; results: BatchRecordAnswer[] } | Unavailable;

/** The most records one batch call may carry (the contract's limit, docs/national-id-contract.md). */
export const MAX_BATCH_SIZE = 10_000;

/** Verification against the National Population Database. */
export interface NationalIdService {
  /**
   * Verifies one person, faces included.
   * @throws InvalidNationalIdRequestError when the request breaks the contract (a caller bug).
   */
  verify(request: VerifyRequest): Promise<VerifyOutcome>;
  /**
   * Verifies up to {@link MAX_BATCH_SIZE} records without faces, as carriers reconcile.
   * @throws InvalidNationalIdRequestError when a record breaks the contract, refs repeat or the
   * batch is too large.
   */
  verifyBatch(records: readonly BatchRecord[]): Promise<BatchOutcome>;
}

/**
 * A request that breaks the contract. It is a bug of the caller, never an answer about the person,
 * so both implementations throw it before asking anyone.
 */
export class InvalidNationalIdRequestError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid national ID request: ${problems.join('; ')}`);
    this.name = 'InvalidNationalIdRequestError';
  }
}
