/**
 * Verifications done elsewhere: VNeID, a carrier's app and its stores' own systems verify against
 * the national database themselves and push the results (line, channel, time, per-field results,
 * their own reference). Each is recorded as an attempt of its channel and, when it verifies the
 * line, changes it exactly as a desk verification does (completeVerification). Results are applied
 * in the order of their own times; a result older than a later change of the line (a new handset,
 * another holder, a closure) is recorded but changes nothing.
 */
import type { Database } from '../../db/open.ts';
import { CHANNEL_NAMES_VI, isReportedInFuture, PUSHED_CHANNELS_OF_ROLE, scopeReach, type Principal, type ReferenceData } from '../../domain/index.ts';
import { AppError } from '../../errors.ts';
import { answerInTimeOrder } from '../../reported-batch.ts';
import { loadReferenceData } from '../../reference/index.ts';
import type { VerifyAnswer } from '../national-id/index.ts';
import { findPushedAttempt, lineSince } from './pushed-results.repository.ts';
import type { PushedResult, PushedResultAnswer } from './pushed-results.schema.ts';
import { parseMsisdn } from './verification.input.ts';
import { channelRefusal, judgeAnswer, requirementsFor, type FieldExplanations } from './verification.policy.ts';
import { explain, REASON_MESSAGES_VI, type ReasonCode } from './verification.reasons.ts';
import { findLine, insertAttempt, type LineRow } from './verification.repository.ts';
import { attemptRow, completeVerification } from './verification.service.ts';
import type { VerificationSettings } from './verification.settings.ts';

export interface PushedResultsDeps {
  db: Database;
  settings: VerificationSettings;
  now: () => Date;
  reference?: ReferenceData;
}

/**
 * Records a batch of pushed results for `principal` (a machine client: VNeID or a carrier's
 * system, over the lines of its scope). Answers one entry per result, in the request's order; a
 * result that breaks a rule is `refused` with a stable code and changes nothing.
 * @throws AppError FORBIDDEN when the principal's role pushes no results
 */
export async function recordPushedResults(
  deps: PushedResultsDeps,
  principal: Principal,
  results: readonly PushedResult[],
): Promise<PushedResultAnswer[]> {
  const channels = PUSHED_CHANNELS_OF_ROLE[principal.role] ?? [];
  if (channels.length === 0) throw new AppError('FORBIDDEN', 'Vai trò này không gửi kết quả xác thực.');
  const context = { ...deps, reference: deps.reference ?? loadReferenceData(), principal, channels, source: sourceOf(principal) };
  return answerInTimeOrder<PushedResult, PushedResultAnswer>(
    results,
    (result) => recordOne(context, result),
    (result, error) => ({
      reference: result.reference,
      status: 'refused',
      attemptId: null,
      unlocked: false,
      reasons: [],
      error: { code: error.code, title: error.title, message: error.detail ?? error.title },
    }),
  );
}

/** The pushing system, the same for every token it holds: its role and its reach. */
export function sourceOf(principal: Principal): string {
  return `${principal.role}:${scopeReach(principal.scope)}`;
}

type Context = PushedResultsDeps & { reference: ReferenceData; principal: Principal; channels: readonly string[]; source: string };

async function recordOne(context: Context, result: PushedResult): Promise<PushedResultAnswer> {
  const { principal, settings } = context;
  if (!context.channels.includes(result.channel)) {
    const allowed = context.channels.map((c) => CHANNEL_NAMES_VI[c as keyof typeof CHANNEL_NAMES_VI]).join(', ');
    throw new AppError('CHANNEL_NOT_PERMITTED', `Hệ thống này chỉ gửi kết quả xác thực qua ${allowed}.`);
  }
  const at = new Date(result.at);
  if (isReportedInFuture(at, context.now())) throw new AppError('RESULT_IN_FUTURE', 'Thời điểm xác thực muộn hơn thời điểm hiện tại.');
  const atIso = at.toISOString();
  const msisdn = parseMsisdn(result.msisdn, context.reference);
  const db = context.db.kysely;
  // Outside the principal's scope the line is not found, exactly as an unknown number.
  const line = await findLine(db, { msisdn }, principal.scope);

  const earlier = await findPushedAttempt(db, context.source, result.reference);
  if (earlier) return duplicateOf(earlier, line, atIso, result.reference);
  if (!line) throw new AppError('SUBSCRIBER_NOT_FOUND', 'Không có thuê bao này trong phạm vi của hệ thống gửi.');

  const requirements = { ...requirementsFor(line, { channel: result.channel }, settings), otp: false };
  const refusal = channelRefusal(line, requirements, settings);
  if (refusal) throw new AppError(refusal.error, REASON_MESSAGES_VI[refusal.reason]);
  const judged = judgeAnswer(answerOf(result.fields), requirements);

  try {
    return await db.transaction().execute(async (trx) => {
      const since = await lineSince(trx, line.id, atIso);
      if (since.closedAt !== null && since.closedAt <= atIso) {
        throw new AppError('LINE_CLOSED', 'Thuê bao đã được nhà mạng đóng trước thời điểm xác thực.');
      }
      const record = (outcome: 'verified' | 'rejected', reasons: ReasonCode[]) =>
        insertAttempt(trx, {
          ...attemptRow(
            { subscriberId: line.id, at: atIso, channel: result.channel, place: result.place, operator: principal.actor },
            requirements,
            outcome,
            judged.fields,
            reasons,
            null,
          ),
          source: context.source,
          external_ref: result.reference,
        });
      const answer = (status: PushedResultAnswer['status'], attemptId: number, reasons: ReasonCode[], unlocked = false): PushedResultAnswer => ({
        reference: result.reference,
        status,
        attemptId,
        unlocked,
        reasons: reasons.map(explain),
        error: null,
      });

      if (!judged.verified) {
        const failed = [...judged.reasons, ...failedFields(judged.fields)];
        return answer('rejected', await record('rejected', judged.reasons), failed);
      }
      if (since.changedSince || since.closedAt !== null) {
        return answer('superseded', await record('rejected', ['pushed.superseded']), ['pushed.superseded']);
      }
      if (since.verifiedLater) {
        return answer('recorded', await record('verified', ['verified', 'pushed.already_verified_later']), ['pushed.already_verified_later']);
      }
      const attemptId = await record('verified', ['verified']);
      const { unlocked } = await completeVerification(trx, {
        line,
        attemptId,
        at,
        receivedAt: context.now(),
        channel: result.channel,
        actor: principal.actor,
        settings,
      });
      return answer('verified', attemptId, ['verified'], unlocked);
    });
  } catch (error) {
    // The same reference pushed twice at once: the unique key let one in; the other is its duplicate.
    if (error instanceof AppError) throw error;
    const winner = await findPushedAttempt(db, context.source, result.reference);
    if (winner) return duplicateOf(winner, line, atIso, result.reference);
    throw error;
  }
}

/** A reference seen before: the same result changes nothing; another result under it is refused. */
function duplicateOf(
  earlier: { id: number; subscriber_id: number; at: string },
  line: LineRow | undefined,
  atIso: string,
  reference: string,
): PushedResultAnswer {
  if (line?.id !== Number(earlier.subscriber_id) || new Date(earlier.at).toISOString() !== atIso) {
    throw new AppError('RESULT_REFERENCE_REUSED', 'Mã tham chiếu này đã được dùng cho một kết quả xác thực khác.');
  }
  return { reference, status: 'duplicate', attemptId: Number(earlier.id), unlocked: false, reasons: [], error: null };
}

/** The fields that kept the line from being verified, as the answer explains them. */
function failedFields(fields: FieldExplanations): ReasonCode[] {
  return [fields.documentNumber, fields.fullName, fields.birthDate, fields.face, fields.liveness]
    .filter((f) => f.result === 'no_match' || f.result === 'fail' || (f.required && f.result === 'not_checked'))
    .map((f) => f.code);
}

/** The pushed per-field results in the national service's answer shape, so one judge rules on both. */
function answerOf(fields: PushedResult['fields']): VerifyAnswer {
  return {
    fields: { documentNumber: fields.documentNumber, fullName: fields.fullName, birthDate: fields.birthDate, face: fields.face },
    faceScore: null,
    liveness: fields.liveness,
    details: {
      documentKind: 'personal_id',
      legacyDocumentKnown: false,
      deceased: false,
      name: fields.fullName === 'match' ? 'exact' : 'different',
      birthDate: fields.birthDate === 'match' ? 'match' : 'different',
    },
  };
}
