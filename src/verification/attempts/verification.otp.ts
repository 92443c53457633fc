/**
 * OTP codes for a person's single line (docs/domain.md, "Verification"), in the one store of one-time codes
 * (one-time-code.ts). Only the line's latest code counts.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ErrorCode } from '../../errors.ts';
import { OTP_ERROR_CODES, sendOneTimeCode, spendOneTimeCode } from './one-time-code.ts';
import { latestOneTimeCodeOf } from './one-time-code.repository.ts';
import type { ReasonCode } from './verification.reasons.ts';
import type { VerificationSettings } from './verification.settings.ts';

export interface OtpState {
  /** False when the last code is still fresh and was not sent again. */
  sent: boolean;
  expiresAt: string;
  attemptsLeft: number;
}

/**
 * Sends a new code to the line through the outbox, unless the last one is younger than the
 * resend interval and still usable.
 */
export async function issueOtp(
  trx: Kysely<DB>,
  line: { id: number; msisdn: string },
  now: Date,
  settings: VerificationSettings,
): Promise<OtpState> {
  const latest = await latestOneTimeCodeOf(trx, 'verification', line.id);
  if (
    latest &&
    latest.consumed_at === null &&
    latest.tries < latest.max_tries &&
    Date.parse(latest.expires_at) > now.getTime() &&
    Date.parse(latest.created_at) > now.getTime() - settings.otpResendIntervalSeconds * 1000
  ) {
    return { sent: false, expiresAt: latest.expires_at, attemptsLeft: latest.max_tries - latest.tries };
  }
  const { expiresAt } = await sendOneTimeCode(trx, { purpose: 'verification', msisdn: line.msisdn, subscriberId: line.id }, now, settings);
  return { sent: true, expiresAt, attemptsLeft: settings.otpMaxTries };
}

export type OtpCheck =
  | { ok: true }
  | { ok: false; error: Extract<ErrorCode, `OTP_${string}`>; reason: ReasonCode; attemptsLeft: number };

/** Checks a code against the line's latest one; a right code spends it, a wrong one counts. */
export async function checkOtp(trx: Kysely<DB>, subscriberId: number, code: string, now: Date): Promise<OtpCheck> {
  const outcome = await spendOneTimeCode(trx, await latestOneTimeCodeOf(trx, 'verification', subscriberId), code, now);
  if (outcome.ok) return { ok: true };
  return { ok: false, error: OTP_ERROR_CODES[outcome.refused], reason: outcome.refused, attemptsLeft: outcome.attemptsLeft };
}
