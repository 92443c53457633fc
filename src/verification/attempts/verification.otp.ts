/**
 * OTP challenges for a person's single line (docs/domain.md, "Verification"). Only a salted hash of the code is
 * kept; the code travels once, in the SMS queued in the outbox. Only the line's latest challenge
 * counts.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { queueNotice } from '../../messaging/index.ts';
import type { ErrorCode } from '../../errors.ts';
import { judgeOneTimeCode, newChallenge } from './one-time-code.ts';
import type { ReasonCode } from './verification.reasons.ts';
import { consumeOtp, countOtpTry, insertOtp, latestOtp } from './verification.repository.ts';
import type { VerificationSettings } from './verification.settings.ts';

export interface OtpState {
  /** False when the last code is still fresh and was not sent again. */
  sent: boolean;
  expiresAt: string;
  attemptsLeft: number;
}

/**
 * Sends a new code to the line through the outbox, unless the last one is younger than the
 * resend interval and still usable. The OTP is not held to quiet hours: the person is waiting for it.
 */
export async function issueOtp(
  trx: Kysely<DB>,
  line: { id: number; msisdn: string },
  now: Date,
  settings: VerificationSettings,
): Promise<OtpState> {
  const latest = await latestOtp(trx, line.id);
  if (
    latest &&
    latest.consumed_at === null &&
    latest.tries < latest.max_tries &&
    Date.parse(latest.expires_at) > now.getTime() &&
    Date.parse(latest.created_at) > now.getTime() - settings.otpResendIntervalSeconds * 1000
  ) {
    return { sent: false, expiresAt: latest.expires_at, attemptsLeft: latest.max_tries - latest.tries };
  }
  const { row, smsText } = newChallenge(now, settings);
  const id = await insertOtp(trx, { ...row, subscriber_id: line.id });
  await queueNotice(trx, {
    subscriberId: line.id,
    msisdn: line.msisdn,
    kind: 'otp',
    idempotencyKey: `otp:${id}`,
    text: smsText,
    createdAt: row.created_at,
    notBefore: row.created_at,
  });
  return { sent: true, expiresAt: row.expires_at, attemptsLeft: settings.otpMaxTries };
}

export type OtpCheck =
  | { ok: true }
  | { ok: false; error: Extract<ErrorCode, `OTP_${string}`>; reason: ReasonCode; attemptsLeft: number };

/** Checks a code against the line's latest challenge; a right code spends it, a wrong one counts. */
export async function checkOtp(trx: Kysely<DB>, subscriberId: number, code: string, now: Date): Promise<OtpCheck> {
  const otp = await latestOtp(trx, subscriberId);
  const judgement = judgeOneTimeCode(otp, code, now);
  if (judgement === 'expired' || !otp) return { ok: false, error: 'OTP_EXPIRED', reason: 'otp.expired', attemptsLeft: 0 };
  if (judgement === 'too_many_tries') return { ok: false, error: 'OTP_TOO_MANY_ATTEMPTS', reason: 'otp.too_many_tries', attemptsLeft: 0 };
  if (judgement === 'match') {
    if (await consumeOtp(trx, otp.id, now.toISOString())) return { ok: true };
    return { ok: false, error: 'OTP_EXPIRED', reason: 'otp.expired', attemptsLeft: 0 };
  }
  const tries = await countOtpTry(trx, otp.id);
  const attemptsLeft = Math.max(0, otp.max_tries - tries);
  return attemptsLeft === 0
    ? { ok: false, error: 'OTP_TOO_MANY_ATTEMPTS', reason: 'otp.too_many_tries', attemptsLeft }
    : { ok: false, error: 'OTP_INVALID', reason: 'otp.invalid', attemptsLeft };
}
