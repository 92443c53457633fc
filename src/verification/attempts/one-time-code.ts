/**
 * One-time codes sent by SMS (verification OTP, web self-check), kept in one store
 * (`one_time_codes`, one-time-code.repository.ts): how a code is made, sent, judged and spent.
 * Only a salted hash of a code is stored; the code itself travels once, in the SMS text, which the
 * SMS link blanks once the SMSC has it.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, OneTimeCodePurpose } from '../../db/schema.ts';
import { queueNotice } from '../../messaging/index.ts';
import { consumeOneTimeCode, countOneTimeCodeTry, insertOneTimeCode, type OneTimeCodeRow } from './one-time-code.repository.ts';
import { otpNoticeText } from './verification.notices.ts';

export interface OneTimeCodeSettings {
  otpDigits: number;
  otpTtlSeconds: number;
  /** Wrong codes allowed before the code is spent. */
  otpMaxTries: number;
}

/** What a typed code is worth against a stored one. */
type OneTimeCodeJudgement = 'match' | 'wrong' | 'expired' | 'too_many_tries';

/** Why a typed code did not open anything, as reason codes both flows word. */
export type OneTimeCodeRefusal = 'otp.expired' | 'otp.too_many_tries' | 'otp.invalid';

/** A spent code says whose it was; a refusal how many tries are left. */
export type OneTimeCodeOutcome = { ok: true; code: OneTimeCodeRow } | { ok: false; refused: OneTimeCodeRefusal; attemptsLeft: number };

/** The notice kind of each purpose's SMS (both are blanked once sent: SECRET_NOTICE_KINDS). */
const NOTICE_KINDS: Readonly<Record<OneTimeCodePurpose, string>> = { verification: 'otp', selfcheck: 'selfcheck.otp' };

const hashCode = (salt: string, code: string) => createHash('sha256').update(`${salt}:${code}`).digest();

export interface CodeRecipient {
  purpose: OneTimeCodePurpose;
  msisdn: string;
  subscriberId: number | null;
  /** Keyed hash of the client address that asked, for limits per client (web self-check). */
  clientKey?: string | null;
}

/**
 * Makes a code, stores its hash and queues the SMS that carries it, in the caller's transaction.
 * Not held to quiet hours: the person is waiting for it.
 */
export async function sendOneTimeCode(
  trx: Kysely<DB>,
  to: CodeRecipient,
  now: Date,
  settings: OneTimeCodeSettings,
): Promise<{ id: string; expiresAt: string }> {
  const code = String(randomInt(10 ** settings.otpDigits)).padStart(settings.otpDigits, '0');
  const salt = randomBytes(16).toString('hex');
  // Random and unguessable: the citizen page's handle for the code.
  const id = randomBytes(18).toString('base64url');
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + settings.otpTtlSeconds * 1000).toISOString();
  await insertOneTimeCode(trx, {
    id,
    purpose: to.purpose,
    msisdn: to.msisdn,
    subscriber_id: to.subscriberId,
    client_key: to.clientKey ?? null,
    created_at: createdAt,
    expires_at: expiresAt,
    code_hash: hashCode(salt, code).toString('hex'),
    salt,
    max_tries: settings.otpMaxTries,
  });
  const kind = NOTICE_KINDS[to.purpose];
  await queueNotice(trx, {
    subscriberId: to.subscriberId,
    msisdn: to.msisdn,
    kind,
    idempotencyKey: `${kind}:${id}`,
    text: otpNoticeText(code, settings.otpTtlSeconds),
    createdAt,
    notBefore: createdAt,
  });
  return { id, expiresAt };
}

/**
 * Judges a typed code, in constant time for the comparison: a missing, spent or expired code is
 * `expired`; one out of tries is `too_many_tries` whatever the code.
 */
function judgeOneTimeCode(stored: OneTimeCodeRow | undefined, typed: string, now: Date): OneTimeCodeJudgement {
  if (!stored || stored.consumed_at !== null || Date.parse(stored.expires_at) <= now.getTime()) return 'expired';
  if (stored.tries >= stored.max_tries) return 'too_many_tries';
  const expected = Buffer.from(stored.code_hash, 'hex');
  const given = hashCode(stored.salt, typed.trim());
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'match' : 'wrong';
}

/**
 * Judges a typed code and acts on it in the caller's transaction: a right one is spent (once, even
 * when two requests race with it), a wrong one counts against the code.
 */
export async function spendOneTimeCode(trx: Kysely<DB>, stored: OneTimeCodeRow | undefined, typed: string, now: Date): Promise<OneTimeCodeOutcome> {
  const judgement = judgeOneTimeCode(stored, typed, now);
  if (!stored || judgement === 'expired') return { ok: false, refused: 'otp.expired', attemptsLeft: 0 };
  if (judgement === 'too_many_tries') return { ok: false, refused: 'otp.too_many_tries', attemptsLeft: 0 };
  if (judgement === 'match') {
    return (await consumeOneTimeCode(trx, stored.id, now.toISOString())) ? { ok: true, code: stored } : { ok: false, refused: 'otp.expired', attemptsLeft: 0 };
  }
  const attemptsLeft = Math.max(0, stored.max_tries - (await countOneTimeCodeTry(trx, stored.id)));
  return { ok: false, refused: attemptsLeft > 0 ? 'otp.invalid' : 'otp.too_many_tries', attemptsLeft };
}

/** The stable error code of each refusal. */
export const OTP_ERROR_CODES = {
  'otp.expired': 'OTP_EXPIRED',
  'otp.too_many_tries': 'OTP_TOO_MANY_ATTEMPTS',
  'otp.invalid': 'OTP_INVALID',
} as const satisfies Record<OneTimeCodeRefusal, string>;
