/**
 * Job: retry the attempts left `pending` because the national service did not answer.
 *
 * Face samples are never stored, so a retry can only re-send the identity part (document, name,
 * birth date). When the line needed no face, a matching identity verifies it. When it did, the
 * retry can only confirm the documents: the attempt settles as `face_redo_required` and an SMS asks
 * the person to capture the face again (in the app or at a point) — a new, complete attempt. A
 * pending attempt is never counted as verified. Idempotent: each pending attempt is settled once
 * (a concurrent run loses the `resolved_at is null` race and writes nothing).
 */
import type { AttemptOutcome } from '../../domain/index.ts';
import type { Database } from '../../db/open.ts';
import type { Clock } from '../../clock/index.ts';
import type { JobDefinition } from '../../jobs/job.ts';
import { nextSendInstant } from '../../domain/index.ts';
import { queueNotice } from '../../messaging/index.ts';
import type { IdentityClaim, NationalIdService } from '../national-id/index.ts';
import { faceRedoNoticeText, retryRejectedNoticeText } from './verification.notices.ts';
import { judgeAnswer, uncheckedFields, type Requirements } from './verification.policy.ts';
import type { ReasonCode } from './verification.reasons.ts';
import { setVerificationPending } from '../../registry/index.ts';
import {
  findLine,
  hasPendingAttempt,
  insertAttempt,
  listDuePending,
  postponePending,
  settlePending,
  type AttemptRow,
} from './verification.repository.ts';
import { actorOf, askNationalService, attemptRow, completeVerification, type VerificationDeps } from './verification.service.ts';
import { DEFAULT_VERIFICATION_SETTINGS, type VerificationSettings } from './verification.settings.ts';

export interface RetryPendingJobContext {
  db: Database;
  clock: Clock;
  nationalId: NationalIdService;
  /** The configured verification settings (the defaults for the rest). */
  verification: Partial<VerificationSettings>;
  /** Runs with the roadmap (`TTTB_ROADMAP_INTERVAL_SECONDS`, 0 = off). */
  roadmapIntervalMs: number;
}

/** The scheduled form of {@link retryPendingAttempts}. */
export const retryPendingJob: JobDefinition<RetryPendingJobContext, RetrySummary> = {
  id: 'verification.retry-pending',
  intervalMs: (ctx) => ctx.roadmapIntervalMs,
  run: (ctx) =>
    retryPendingAttempts({
      db: ctx.db,
      nationalId: ctx.nationalId,
      settings: { ...DEFAULT_VERIFICATION_SETTINGS, ...ctx.verification },
      now: () => ctx.clock.now(),
    }),
  describe: (summary) => (summary.checked > 0 ? 'đã thử lại các lượt xác thực đang chờ' : undefined),
};

export interface RetrySummary {
  checked: number;
  verified: number;
  rejected: number;
  faceRedoRequired: number;
  expired: number;
  /** Still pending: the service was still down (the run stops at the first such answer). */
  stillPending: number;
}

/** Retries due pending attempts, at most `settings.retryBatchSize` per run; returns what it did. */
export async function retryPendingAttempts(deps: Omit<VerificationDeps, 'reference'>): Promise<RetrySummary> {
  const now = deps.now();
  const at = now.toISOString();
  const db = deps.db.kysely;
  const summary: RetrySummary = { checked: 0, verified: 0, rejected: 0, faceRedoRequired: 0, expired: 0, stillPending: 0 };
  const due = await listDuePending(db, at, deps.settings.retryBatchSize);

  for (const [index, pending] of due.entries()) {
    summary.checked += 1;
    // The job settles what a principal already submitted: its line, wherever it is.
    const line = await findLine(db, { id: pending.subscriber_id }, 'province');
    const requirements: Requirements = {
      face: pending.face_required === 1,
      liveness: pending.liveness_required === 1,
      otp: false,
      inPerson: deps.settings.inPersonChannels.includes(pending.channel),
    };
    const settle = async (outcome: AttemptOutcome, reasons: ReasonCode[], fields = uncheckedFields(requirements), notice?: string) =>
      db.transaction().execute(async (trx) => {
        if (!(await settlePending(trx, pending.id, at))) return null;
        const attemptId = await insertAttempt(trx, {
          ...attemptRow(
            { subscriberId: pending.subscriber_id, at, channel: pending.channel, place: pending.place, operator: pending.operator, consentAt: pending.consent_at },
            requirements,
            outcome,
            fields,
            reasons,
            null,
          ),
          retry_of: pending.id,
        });
        // The line waits for no answer any more (unless another of its attempts is still pending).
        if (!(await hasPendingAttempt(trx, pending.subscriber_id))) {
          await setVerificationPending(trx, {
            subscriberId: pending.subscriber_id,
            pending: false,
            at,
            actor: actorOf(pending.operator),
            channel: pending.channel,
            attemptId,
          });
        }
        if (notice !== undefined && line) {
          await queueNotice(trx, {
            subscriberId: line.id,
            msisdn: line.msisdn,
            kind: `verification.${outcome}`,
            idempotencyKey: `verification.retry:${pending.id}`,
            text: notice,
            createdAt: at,
            notBefore: nextSendInstant(now, deps.settings.sendWindow).toISOString(),
          });
        }
        return attemptId;
      });

    if (!line || line.lockLevel === 'terminated') {
      await settle('rejected', ['line.terminated']);
      summary.rejected += 1;
      continue;
    }
    if (now.getTime() - Date.parse(pending.at) > deps.settings.pendingMaxAgeSeconds * 1000 || pending.retry_claim === null) {
      await settle('rejected', ['pending.expired'], undefined, retryRejectedNoticeText(line.msisdn));
      summary.expired += 1;
      continue;
    }

    const claim = JSON.parse(pending.retry_claim) as IdentityClaim;
    const outcome = await askNationalService(deps.nationalId, { ...claim, faceSample: null, liveness: null });
    if (outcome.status === 'unavailable') {
      await postponePending(db, pending.id, new Date(now.getTime() + deps.settings.retryDelaySeconds * 1000).toISOString());
      // Still down: leave the rest for the next run rather than hammer it.
      summary.stillPending += due.length - index;
      break;
    }

    const judged = judgeAnswer(outcome, requirements);
    const carried = carriedReasons(pending);
    if (judged.verified) {
      const done = await db.transaction().execute(async (trx) => {
        if (!(await settlePending(trx, pending.id, at))) return false;
        const attemptId = await insertAttempt(trx, {
          ...attemptRow(
            { subscriberId: line.id, at, channel: pending.channel, place: pending.place, operator: pending.operator, consentAt: pending.consent_at },
            requirements,
            'verified',
            judged.fields,
            [...carried, 'verified'],
            null,
          ),
          retry_of: pending.id,
        });
        await completeVerification(trx, {
          line,
          attemptId,
          at: now,
          channel: pending.channel,
          actor: actorOf(pending.operator),
          settings: deps.settings,
        });
        return true;
      });
      if (done) summary.verified += 1;
    } else if (judged.identityMatches) {
      await settle('face_redo_required', ['pending.face_redo'], judged.fields, faceRedoNoticeText(line.msisdn));
      summary.faceRedoRequired += 1;
    } else {
      await settle('rejected', judged.reasons, judged.fields, retryRejectedNoticeText(line.msisdn));
      summary.rejected += 1;
    }
  }
  return summary;
}

/** Codes of the pending attempt that still hold for its outcome: OTP passed, record corrections. */
function carriedReasons(pending: AttemptRow): ReasonCode[] {
  const codes = JSON.parse(pending.reasons) as ReasonCode[];
  return codes.filter((code) => code === 'otp.verified' || code.startsWith('registration.update_'));
}
