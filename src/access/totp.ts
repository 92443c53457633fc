/** The second factor: RFC 6238 TOTP (30 s, 6 digits, SHA-1 — what every authenticator app reads). */
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'tttb';

const PERIOD_SECONDS = 30;

function totpOf(secret: string, username: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI an authenticator app scans. */
export function totpUri(secret: string, username: string): string {
  return totpOf(secret, username).toString();
}

/** Whether `code` is the code of the 30-second step at `now`, or the one before or after (clock drift). */
export function checkTotp(secret: string, username: string, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code.trim())) return false;
  return totpOf(secret, username).validate({ token: code.trim(), timestamp: now.getTime(), window: 1 }) !== null;
}

/** The code at `now` (the demo's command and the tests sign in with it). */
export function totpCode(secret: string, username: string, now: Date): string {
  return totpOf(secret, username).generate({ timestamp: now.getTime() });
}

/** Seconds until the code at `now` gives way to the next one. */
export function totpSecondsLeft(now: Date): number {
  return PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % PERIOD_SECONDS);
}
