/**
 * One-time codes sent by SMS (verification OTP, web self-check): how a challenge is made, stored
 * and judged, shared by every table that keeps challenges (their columns: `OneTimeCodeColumns`).
 * Only a salted hash of a code is stored; the code itself travels once, in the SMS text.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import type { OneTimeCodeColumns } from '../../db/schema.ts';
import { otpNoticeText } from './verification.notices.ts';

export interface OneTimeCodeSettings {
  otpDigits: number;
  otpTtlSeconds: number;
  /** Wrong codes allowed before the challenge is spent. */
  otpMaxTries: number;
}

/** What a typed code is worth against a challenge (the caller spends or counts it). */
export type OneTimeCodeJudgement = 'match' | 'wrong' | 'expired' | 'too_many_tries';

const hashCode = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest();

/**
 * A fresh challenge: the columns to store (hash and salt, never the code) and the text of the SMS
 * that carries the code, to queue in the outbox at `row.created_at`.
 */
export function newChallenge(now: Date, settings: OneTimeCodeSettings): { row: Insertable<OneTimeCodeColumns>; smsText: string } {
  const code = String(randomInt(10 ** settings.otpDigits)).padStart(settings.otpDigits, '0');
  const salt = randomBytes(16).toString('hex');
  return {
    row: {
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + settings.otpTtlSeconds * 1000).toISOString(),
      code_hash: hashCode(salt, code).toString('hex'),
      salt,
      max_tries: settings.otpMaxTries,
    },
    smsText: otpNoticeText(code, settings.otpTtlSeconds),
  };
}

/**
 * Judges a typed code, in constant time for the comparison: a missing, spent or expired challenge
 * is `expired`; one out of tries is `too_many_tries` whatever the code.
 */
export function judgeOneTimeCode(stored: Selectable<OneTimeCodeColumns> | undefined, typed: string, now: Date): OneTimeCodeJudgement {
  if (!stored || stored.consumed_at !== null || Date.parse(stored.expires_at) <= now.getTime()) return 'expired';
  if (stored.tries >= stored.max_tries) return 'too_many_tries';
  const expected = Buffer.from(stored.code_hash, 'hex');
  const given = hashCode(stored.salt, typed.trim());
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'match' : 'wrong';
}
