/**
 * Sessions: a random id in an HttpOnly cookie, its SHA-256 in the database, a CSRF token per
 * session, idle and absolute timeouts. A new id at every sign-in (no fixation); sign-out ends it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/open.ts';
import { endSession, findSession, insertSession, touchSession, type SessionRow } from './access.repository.ts';
import type { AccessSettings } from './access.settings.ts';
import { heldSession, holdSession, sessionGeneration } from './session-cache.ts';

export const SESSION_COOKIE = 'tttb_session';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Opens a session for `userId`; returns the cookie's value and the CSRF token. */
export async function openSession(db: Pick<Database, 'kysely'>, userId: number, client: string, now: Date, settings: AccessSettings) {
  const cookie = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await insertSession(db.kysely, {
    id_hash: sha256(cookie),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + settings.sessionAbsoluteHours * 3_600_000).toISOString(),
    ended_at: null,
    client_address: client,
  });
  return { cookie, csrfToken };
}

// Writing last_seen_at on every request would make each read a write; a minute's precision is enough for a 30-minute idle limit.
const TOUCH_EVERY_MS = 60_000;

/** The live session of a cookie, or null (unknown, ended, idle too long, past its end, account disabled). */
export async function liveSession(db: Database, cookie: string, now: Date, settings: AccessSettings): Promise<SessionRow | null> {
  if (cookie.length === 0 || cookie.length > 100) return null;
  const idHash = sha256(cookie);
  const nowMs = now.getTime();
  // Held only when it was live: an ended or expired session is read again, and stays refused.
  const held = heldSession(idHash, nowMs);
  if (held !== undefined && isLive(held, nowMs, settings)) return held;
  const readAt = sessionGeneration();
  const session = await findSession(db.kysely, idHash);
  if (!session || !isLive(session, nowMs, settings)) return null;
  if (nowMs - new Date(session.last_seen_at).getTime() >= TOUCH_EVERY_MS) {
    await touchSession(db.kysely, session.id_hash, now.toISOString());
    session.last_seen_at = now.toISOString();
  }
  holdSession(session, nowMs, readAt);
  return session;
}

function isLive(session: SessionRow, nowMs: number, settings: AccessSettings): boolean {
  if (session.ended_at !== null || session.disabled_at !== null) return false;
  if (nowMs >= new Date(session.expires_at).getTime()) return false;
  return nowMs - new Date(session.last_seen_at).getTime() < settings.sessionIdleMinutes * 60_000;
}

export async function closeSession(db: Database, idHash: string, now: Date): Promise<void> {
  await endSession(db.kysely, idHash, now.toISOString());
}
