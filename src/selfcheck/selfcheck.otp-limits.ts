/**
 * Who may have a self-check code sent to a number, and when (docs/architecture.md, "Self-check
 * flow"). A stranger must not be able to use the owner's codes up: a limit per (number, client)
 * keeps one client to a few codes; a ceiling per number far above it bounds what many clients
 * together can send; and a growing spacing between any two codes to one number keeps the SMS the
 * line receives few. Nobody is blocked for the hour: whoever asks while the spacing runs is told
 * when to ask again (at most the longest spacing), and the owner then gets a code.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface OtpLimitSettings {
  /** Codes one client address may have sent to one number per hour. */
  otpPerClientPerHour: number;
  /** Codes one number may receive per hour from every client together. */
  otpPerLinePerHour: number;
  /** Least time between two codes to one number; it doubles with each code of the hour. */
  otpSpacingSeconds: number;
  /** The most the spacing grows to: the longest the owner waits for a code. */
  otpMaxSpacingSeconds: number;
}

/** A code sent to the number within the hour. */
export interface SentCode {
  createdAt: string;
  clientKey: string | null;
}

export type OtpAllowance =
  | { allowed: true }
  | { allowed: false; code: 'SELFCHECK_OTP_LIMIT' | 'SELFCHECK_OTP_TOO_SOON'; retryAfterSeconds: number };

export const OTP_LIMIT_WINDOW_MS = 3600_000;

/** Whether a code may go to the number now for this client, given the codes of the last hour (oldest first). */
export function otpAllowance(sent: readonly SentCode[], clientKey: string, now: Date, settings: OtpLimitSettings): OtpAllowance {
  const at = now.getTime();
  const windowEnd = (code: SentCode | undefined) => Math.max(1, Math.ceil((Date.parse(code?.createdAt ?? '') + OTP_LIMIT_WINDOW_MS - at) / 1000));
  const mine = sent.filter((code) => code.clientKey === clientKey);
  if (mine.length >= settings.otpPerClientPerHour) {
    return { allowed: false, code: 'SELFCHECK_OTP_LIMIT', retryAfterSeconds: windowEnd(mine[mine.length - settings.otpPerClientPerHour]) };
  }
  if (sent.length >= settings.otpPerLinePerHour) {
    return { allowed: false, code: 'SELFCHECK_OTP_LIMIT', retryAfterSeconds: windowEnd(sent[sent.length - settings.otpPerLinePerHour]) };
  }
  const last = sent.at(-1);
  if (!last) return { allowed: true };
  const spacingMs = Math.min(settings.otpSpacingSeconds * 2 ** (sent.length - 1), settings.otpMaxSpacingSeconds) * 1000;
  const waitMs = Date.parse(last.createdAt) + spacingMs - at;
  return waitMs > 0 ? { allowed: false, code: 'SELFCHECK_OTP_TOO_SOON', retryAfterSeconds: Math.ceil(waitMs / 1000) } : { allowed: true };
}

/**
 * Keys of client addresses: a keyed hash, so the store never holds an address and a stolen
 * database does not give them back (an address space is small enough to hash exhaustively).
 * The key is the session secret's when set, so every instance counts one client the same.
 */
export function createClientKeys(secret: string | undefined): (address: string) => string {
  const key = secret === undefined ? randomBytes(32) : `client:${secret}`;
  return (address) => createHmac('sha256', key).update(address).digest('base64url').slice(0, 22);
}
