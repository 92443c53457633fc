/**
 * One-time codes sent by SMS (verification OTP, web self-check): how a code is made, stored and
 * judged, shared by every table that keeps challenges. Only a salted hash of a code is stored; the
 * code itself travels once, in the SMS.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A fresh code with what to store for it. */
export interface NewOneTimeCode {
  /** Sent to the phone, never stored. */
  code: string;
  salt: string;
  /** Hex SHA-256 of `salt:code`. */
  codeHash: string;
}

/** The stored side of a challenge, as the tables name its columns. */
export interface StoredOneTimeCode {
  code_hash: string;
  salt: string;
  expires_at: string;
  consumed_at: string | null;
  tries: number;
  max_tries: number;
}

/** What a typed code is worth against a challenge (the caller spends or counts it). */
export type OneTimeCodeJudgement = 'match' | 'wrong' | 'expired' | 'too_many_tries';

const hashCode = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest();

/** A random code of `digits` digits (leading zeros kept) with a fresh salt and its hash. */
export function newOneTimeCode(digits: number): NewOneTimeCode {
  const code = String(randomInt(10 ** digits)).padStart(digits, '0');
  const salt = randomBytes(16).toString('hex');
  return { code, salt, codeHash: hashCode(salt, code).toString('hex') };
}

/**
 * Judges a typed code, in constant time for the comparison: a missing, spent or expired challenge
 * is `expired`; one out of tries is `too_many_tries` whatever the code.
 */
export function judgeOneTimeCode(stored: StoredOneTimeCode | undefined, typed: string, now: Date): OneTimeCodeJudgement {
  if (!stored || stored.consumed_at !== null || Date.parse(stored.expires_at) <= now.getTime()) return 'expired';
  if (stored.tries >= stored.max_tries) return 'too_many_tries';
  const expected = Buffer.from(stored.code_hash, 'hex');
  const given = hashCode(stored.salt, typed.trim());
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'match' : 'wrong';
}
