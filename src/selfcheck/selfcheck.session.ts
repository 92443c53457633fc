/**
 * Session tokens of the web self-check: once a person has typed the code sent to their number,
 * further questions within the session need no new code. The token is sealed (AES-256-GCM) rather
 * than stored: checking it costs no database read, which keeps the hot path at one indexed read
 * and one insert; sealing rather than signing keeps the phone number out of sight in the token.
 * Tokens cannot be revoked before they expire, which the short lifetime makes acceptable.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface SessionTokens {
  /** A token for the number, valid `ttlSeconds` from `now`. */
  seal(msisdn: string, now: Date): { token: string; expiresAt: string };
  /** The number the token was sealed for, or null when it is forged, damaged or expired. */
  open(token: string, now: Date): string | null;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
const OPENED_CACHE_SIZE = 10_000;

/** Tokens under a key derived from `secret`, or a random key when there is none (one instance). */
export function createSessionTokens(secret: string | undefined, ttlSeconds: number): SessionTokens {
  const key = secret === undefined ? randomBytes(32) : createHash('sha256').update(secret).digest();
  // Tokens already opened, with what they hold: a session asks again and again within minutes, and
  // opening costs a decipher each time (about 20 µs). Only authentic tokens are kept.
  const opened = new Map<string, { msisdn: string; expires: number }>();
  return {
    seal(msisdn, now) {
      const expires = now.getTime() + ttlSeconds * 1000;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(VERSION));
      const body = Buffer.concat([cipher.update(`${msisdn}.${expires}`, 'utf8'), cipher.final()]);
      const token = `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
      return { token, expiresAt: new Date(expires).toISOString() };
    },
    open(token, now) {
      const known = opened.get(token);
      if (known) return known.expires > now.getTime() ? known.msisdn : null;
      const session = unseal(token);
      if (session === null) return null;
      if (opened.size >= OPENED_CACHE_SIZE) opened.delete(opened.keys().next().value as string);
      opened.set(token, session);
      return session.expires > now.getTime() ? session.msisdn : null;
    },
  };

  function unseal(token: string): { msisdn: string; expires: number } | null {
    if (!token.startsWith(`${VERSION}.`)) return null;
    const raw = Buffer.from(token.slice(VERSION.length + 1), 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(VERSION));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      const dot = plain.lastIndexOf('.');
      return { msisdn: plain.slice(0, dot), expires: Number(plain.slice(dot + 1)) };
    } catch {
      // A token that fails authentication is forged or damaged: the same answer as an expired one.
      return null;
    }
  }
}
