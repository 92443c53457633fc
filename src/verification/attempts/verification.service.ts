/**
 * `submitVerification`: the one entry every channel shares (VNeID, carrier apps, stores, mobile
 * and commune points, agency sessions, door-to-door teams). It applies docs/domain.md ("Verification", "Roadmap"), asks the
 * national service, keeps every attempt, and on success verifies the line in one transaction:
 * attempt row, state change and lock lifted (registry), target memberships ended, confirmation SMS.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/open.ts';
import type { DB } from '../../db/schema.ts';
import type { AttemptOutcome, Principal, VerificationChannel } from '../../domain/index.ts';
import { maskMsisdn, nextSendInstant, type ReferenceData } from '../../domain/index.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import { queueNotice } from '../../messaging/index.ts';
import { loadReferenceData } from '../../reference/index.ts';
import { correctRegistration, markVerified, setVerificationPending } from '../../registry/index.ts';
import {
  InvalidNationalIdRequestError,
  type FaceSample,
  type IdentityClaim,
  type LivenessEvidence,
  type NationalIdService,
  type VerifyRequest,
} from '../national-id/index.ts';
import { endMembershipsOnVerification } from '../target-groups/index.ts';
import { admitRequest } from './verification.admission.ts';
import { requireChannel } from './verification.channel-policy.ts';
import { requireDeskConsent } from './verification.consent.ts';
import { parseIdentity, parseMsisdn, type IdentityInput } from './verification.input.ts';
import { confirmationNoticeText } from './verification.notices.ts';
import { checkOtp, issueOtp } from './verification.otp.ts';
import {
  channelRefusal,
  faceStepClosed,
  fieldCodes,
  judgeAnswer,
  missingEvidence,
  registrationCheck,
  requirementsFor,
  uncheckedFields,
  type FieldExplanations,
  type Requirements,
} from './verification.policy.ts';
import { explain, REASON_MESSAGES_VI, type ReasonCode } from './verification.reasons.ts';
import { faceResultsSinceDeskSuccess, findLine, insertAttempt, type LineRow, type NewAttempt } from './verification.repository.ts';
import type { VerificationSettings } from './verification.settings.ts';
import type { VerificationAnswer } from './verification.schema.ts';

export interface VerificationDeps {
  db: Database;
  nationalId: NationalIdService;
  settings: VerificationSettings;
  now: () => Date;
  /** Carrier prefixes for reading phone numbers; the repository's data/ by default. */
  reference?: ReferenceData;
}

export interface VerificationRequest {
  /** Where the request came from (the client address over HTTP): the per-client limit counts it. */
  client: string;
  /** Any common form: 0…, 84…, +84…, spaces, dots. */
  msisdn: string;
  channel: VerificationChannel;
  /** Point or commune code, or free text. */
  place?: string | undefined;
  identity: IdentityInput;
  faceSample: FaceSample | null;
  liveness: LivenessEvidence | null;
  otp?: string | undefined;
  handsetImei?: string | undefined;
  /** At a desk: the person's explicit consent (verification.consent.ts); machine pushes leave it out. */
  consent?: boolean | undefined;
}

/**
 * What the channel shows: an outcome, each field explained (only match / no match / not checked:
 * never a score or a distance, which would let a caller rebuild a face template by trial), no
 * personal data in clear. The schema's type (verification.schema.ts): what the route sends is what
 * is built here.
 */
export type { VerificationAnswer } from './verification.schema.ts';

/** Who changed the line's state: the attempt's principal (older attempts without one: the person themself online). */
export function actorOf(operator: string | null | undefined): string {
  return operator ?? 'subscriber';
}

/**
 * Submits one verification for `principal`: the operator the attempt records, through a channel
 * its role may use, on a line of its scope (verification.channel-policy.ts). Answers `verified`,
 * `rejected` (with the reasons), `otp_required` (a code was sent to the line) or `pending` (the
 * national service did not answer: retried by {@link retryPendingAttempts}, never counted as verified).
 * @throws AppError FORBIDDEN, CHANNEL_NOT_PERMITTED, CONSENT_REQUIRED, MSISDN_INVALID, VERIFICATION_CLIENT_LIMIT,
 * VERIFICATION_LINE_LIMIT, SUBSCRIBER_NOT_FOUND, IDENTITY_INVALID, LINE_TERMINATED,
 * CHANNEL_NOT_ALLOWED, FACE_STEP_CLOSED, OTP_INVALID, OTP_EXPIRED, OTP_TOO_MANY_ATTEMPTS, VALIDATION_FAILED
 */
export async function submitVerification(deps: VerificationDeps, principal: Principal, request: VerificationRequest): Promise<VerificationAnswer> {
  requireChannel(principal, request.channel);
  const consented = requireDeskConsent(principal, request.consent);
  const operator = principal.actor;
  const now = deps.now();
  const at = now.toISOString();
  const reference = deps.reference ?? loadReferenceData();
  const db = deps.db.kysely;

  const msisdn = parseMsisdn(request.msisdn, reference);
  // Outside the principal's scope the line is not found, and counts for the client as an unknown number.
  const line = await findLine(db, { msisdn }, principal.scope);
  const attended = deps.settings.inPersonChannels.includes(request.channel);
  // Numbers outside the registry count for the client too: the limit also slows a scan of numbers.
  await admitRequest(
    db,
    { client: request.client, subscriberId: line?.id, attended, channel: request.channel, actor: operator, now },
    deps.settings,
  );
  if (!line) throw new AppError('SUBSCRIBER_NOT_FOUND', `Không có thuê bao ${maskMsisdn(msisdn)}`);
  const identity = parseIdentity(request.identity, reference, { allowPassport: line.holderKind === 'foreigner', asOf: now });
  const requirements = requirementsFor(line, request, deps.settings);
  const attempt = attemptWriter(line, request, { operator, consentAt: consented ? at : null }, requirements, at);

  /** Keeps the refused attempt, then answers with a stable code naming the field to change. */
  const refuse = async (error: ErrorCode, reason: ReasonCode, field: string): Promise<never> => {
    await insertAttempt(db, attempt.row('rejected', uncheckedFields(requirements), [reason]));
    throw new AppError(error, REASON_MESSAGES_VI[reason], { errors: [{ field, message: REASON_MESSAGES_VI[reason] }] });
  };

  const refusal = channelRefusal(line, requirements, deps.settings);
  if (refusal) await refuse(refusal.error, refusal.reason, 'channel');

  const registration = registrationCheck(line, identity, requirements.inPerson);
  const stopped: ReasonCode[] = [
    ...missingEvidence(requirements, request),
    ...(identity.documentKind === 'passport' ? (['document.passport_not_supported'] as const) : []),
    ...registration.refusals,
  ];
  if (stopped.length > 0) {
    const fields = uncheckedFields(requirements);
    const attemptId = await insertAttempt(db, attempt.row('rejected', fields, stopped));
    return attempt.answer(attemptId, 'rejected', fields, { reasons: stopped });
  }

  // After repeated face failures only a desk compares faces for this line (never closed there,
  // so a stranger cannot lock the owner out). Asked before any OTP is sent.
  if (
    requirements.face &&
    !requirements.inPerson &&
    faceStepClosed(await faceResultsSinceDeskSuccess(db, line.id, deps.settings.inPersonChannels), deps.settings.faceFailuresBeforeInPersonOnly)
  ) {
    await refuse('FACE_STEP_CLOSED', 'face.in_person_only', 'faceSample');
  }

  if (requirements.otp) {
    const otp = request.otp?.trim();
    if (!otp) {
      return db.transaction().execute(async (trx) => {
        const state = await issueOtp(trx, line, now, deps.settings);
        const reasons: ReasonCode[] = [state.sent ? 'otp.sent' : 'otp.already_sent'];
        const fields = uncheckedFields(requirements);
        const attemptId = await insertAttempt(trx, attempt.row('otp_required', fields, reasons));
        return attempt.answer(attemptId, 'otp_required', fields, {
          reasons,
          otp: { expiresAt: state.expiresAt, attemptsLeft: state.attemptsLeft },
        });
      });
    }
    const check = await db.transaction().execute(async (trx) => {
      const result = await checkOtp(trx, line.id, otp, now);
      if (!result.ok) await insertAttempt(trx, attempt.row('rejected', uncheckedFields(requirements), [result.reason]));
      return result;
    });
    if (!check.ok) {
      const message = REASON_MESSAGES_VI[check.reason] + (check.attemptsLeft > 0 ? ` Còn ${check.attemptsLeft} lần thử.` : '');
      throw new AppError(check.error, message, { errors: [{ field: 'otp', message }] });
    }
  }

  const claim: IdentityClaim = {
    documentNumber: identity.documentNumber,
    fullName: identity.fullName,
    birthDate: identity.birthDateText,
  };
  // The face goes to the national service only when the line needs it (data minimisation).
  const outcome = await askNationalService(deps.nationalId, {
    ...claim,
    faceSample: requirements.face ? request.faceSample : null,
    liveness: requirements.face ? request.liveness : null,
  });
  const otpReasons: ReasonCode[] = requirements.otp ? ['otp.verified'] : [];

  if (outcome.status === 'unavailable') {
    const fields = uncheckedFields(requirements);
    const reasons: ReasonCode[] = [...otpReasons, 'service.unavailable', ...registration.corrections];
    const attemptId = await db.transaction().execute(async (trx) => {
      const id = await insertAttempt(trx, {
        ...attempt.row('pending', fields, reasons),
        // Kept in clear only while pending, because the retry must send exactly what the person
        // declared (in person it may differ from the registration); erased when the attempt settles.
        // Settled attempts keep no identity at all: per-field results are what the campaign needs.
        retry_claim: JSON.stringify(claim),
        next_retry_at: new Date(now.getTime() + deps.settings.retryDelaySeconds * 1000).toISOString(),
      });
      await setVerificationPending(trx, {
        subscriberId: line.id,
        pending: true,
        at: now.toISOString(),
        actor: operator,
        channel: request.channel,
        attemptId: id,
      });
      return id;
    });
    return attempt.answer(attemptId, 'pending', fields, { reasons });
  }

  const judged = judgeAnswer(outcome, requirements);
  if (!judged.verified) {
    const reasons = [...otpReasons, ...judged.reasons];
    // The score is kept for the audit (threshold tuning, spotting probes) and never answered.
    const attemptId = await insertAttempt(db, { ...attempt.row('rejected', judged.fields, reasons), face_score: outcome.faceScore });
    return attempt.answer(attemptId, 'rejected', judged.fields, { reasons });
  }
  return db.transaction().execute(async (trx) => {
    const reasons: ReasonCode[] = [...otpReasons, 'verified'];
    const attemptId = await insertAttempt(trx, {
      ...attempt.row('verified', judged.fields, [...reasons, ...registration.corrections]),
      face_score: outcome.faceScore,
    });
    if (registration.corrections.length > 0) {
      // In person the national database has just confirmed who this is: the carrier's record
      // takes the confirmed identity, so the next reconciliation finds nothing to fix.
      await correctRegistration(trx, {
        subscriberId: line.id,
        at: now.toISOString(),
        actor: operator,
        channel: request.channel,
        identity: {
          documentType: identity.documentKind,
          documentNumber: identity.documentNumber,
          fullName: identity.fullName,
          birthDate: identity.birthDateText,
          birthPrecision: identity.birthDate.precision,
        },
      });
    }
    const { unlocked } = await completeVerification(trx, {
      line,
      attemptId,
      at: now,
      channel: request.channel,
      actor: operator,
      settings: deps.settings,
    });
    return attempt.answer(attemptId, 'verified', judged.fields, {
      reasons,
      corrections: registration.corrections,
      unlocked,
    });
  });
}

/** The national service, with a contract breach (a bug upstream of it) reported as bad input. */
export async function askNationalService(service: NationalIdService, request: VerifyRequest) {
  try {
    return await service.verify(request);
  } catch (error) {
    if (error instanceof InvalidNationalIdRequestError) {
      throw new AppError('VALIDATION_FAILED', error.problems.join('; '));
    }
    throw error;
  }
}

/**
 * What a successful verification changes, in the caller's transaction (with the attempt row):
 * the line verified and a campaign lock lifted (with their events), target memberships ended,
 * and a confirmation SMS queued for the send window.
 */
export async function completeVerification(
  trx: Kysely<DB>,
  input: {
    line: Pick<LineRow, 'id' | 'msisdn'>;
    attemptId: number;
    at: Date;
    channel: string;
    actor: string;
    settings: VerificationSettings;
    /** When tttb learned of it, if later than `at` (a pushed result): the SMS waits for the send window from then. */
    receivedAt?: Date;
  },
): Promise<{ unlocked: boolean }> {
  const at = input.at.toISOString();
  const result = await markVerified(trx, {
    subscriberId: input.line.id,
    at,
    actor: input.actor,
    channel: input.channel,
    attemptId: input.attemptId,
  });
  await endMembershipsOnVerification(trx, input.line.id, at);
  await queueNotice(trx, {
    subscriberId: input.line.id,
    msisdn: input.line.msisdn,
    kind: 'verification.confirmed',
    idempotencyKey: `verification.confirmed:${input.attemptId}`,
    text: confirmationNoticeText(input.line.msisdn),
    createdAt: (input.receivedAt ?? input.at).toISOString(),
    notBefore: nextSendInstant(input.receivedAt ?? input.at, input.settings.sendWindow).toISOString(),
  });
  return result;
}

/** Builds the attempt rows and answers of one request, so every exit records the same context. */
function attemptWriter(
  line: LineRow,
  request: VerificationRequest,
  by: { operator: string; consentAt: string | null },
  requirements: Requirements,
  at: string,
) {
  return {
    row(outcome: AttemptOutcome, fields: FieldExplanations, reasons: readonly ReasonCode[]): NewAttempt {
      return attemptRow(
        { subscriberId: line.id, at, channel: request.channel, place: request.place, ...by },
        requirements,
        outcome,
        fields,
        reasons,
        request.liveness?.method ?? null,
      );
    },
    answer(
      attemptId: number,
      outcome: AttemptOutcome,
      fields: FieldExplanations,
      extra: {
        reasons: readonly ReasonCode[];
        corrections?: readonly ReasonCode[];
        unlocked?: boolean;
        otp?: VerificationAnswer['otp'];
      },
    ): VerificationAnswer {
      return {
        attemptId,
        outcome,
        at,
        msisdn: maskMsisdn(line.msisdn),
        channel: request.channel,
        requirements,
        fields,
        reasons: extra.reasons.map(explain),
        corrections: (extra.corrections ?? []).map(explain),
        unlocked: extra.unlocked ?? false,
        otp: extra.otp ?? null,
      };
    },
  };
}

/** One `verification_attempts` row: per-field results and reason codes, never face data. */
export function attemptRow(
  context: {
    subscriberId: number;
    at: string;
    channel: VerificationChannel;
    place?: string | null | undefined;
    operator?: string | null | undefined;
    /** When the person at a desk consented; a retry carries its pending attempt's. */
    consentAt?: string | null | undefined;
  },
  requirements: Pick<Requirements, 'face' | 'liveness'>,
  outcome: AttemptOutcome,
  fields: FieldExplanations,
  reasons: readonly ReasonCode[],
  livenessMethod: string | null,
): NewAttempt {
  return {
    subscriber_id: context.subscriberId,
    at: context.at,
    channel: context.channel,
    place: context.place ?? null,
    operator: context.operator ?? null,
    outcome,
    document_result: fields.documentNumber.result,
    name_result: fields.fullName.result,
    birth_date_result: fields.birthDate.result,
    face_result: fields.face.result,
    face_score: null,
    liveness_method: livenessMethod,
    liveness_result: fields.liveness.result,
    face_required: requirements.face ? 1 : 0,
    liveness_required: requirements.liveness ? 1 : 0,
    reasons: JSON.stringify([...fieldCodes(fields), ...reasons]),
    retry_of: null,
    retry_claim: null,
    next_retry_at: null,
    resolved_at: null,
    consent_at: context.consentAt ?? null,
  };
}
