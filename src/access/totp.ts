/**
 * The second factor: RFC 6238 TOTP (30 s, 6 digits, SHA-1 — what every authenticator app reads).
 * Codes run on real time, never the service's clock: the authenticator app on the person's phone
 * knows only real time, so a demo whose clock stands on 28/4/2026 would refuse every code it shows.
 */
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

/** Whether `code` is the code of the current 30-second step, or of the one before or after (the phone's clock drifts). */
export function checkTotp(secret: string, username: string, code: string): boolean {
  if (!/^\d{6}$/.test(code.trim())) return false;
  return totpOf(secret, username).validate({ token: code.trim(), window: 1 }) !== null;
}

/** The code an authenticator app shows now, or `stepsAhead` steps later (the demo's command and the tests sign in with it). */
export function totpCode(secret: string, username: string, stepsAhead = 0): string {
  return totpOf(secret, username).generate({ timestamp: Date.now() + stepsAhead * PERIOD_SECONDS * 1000 });
}

/** Seconds until the current code gives way to the next one. */
export function totpSecondsLeft(): number {
  return PERIOD_SECONDS - (Math.floor(Date.now() / 1000) % PERIOD_SECONDS);
}
