/**
 * Sign-in with username and password (and a TOTP code where the role needs one), slowed after
 * failures per account, per client and per pair (sign-in.throttle.ts), every failure audited.
 * An unknown name, a disabled account and a wrong password answer alike, in the same time.
 */
import type { Database } from '../db/open.ts';
import { AppError } from '../errors.ts';
import { addFailures, clearFailures, failuresOf, findUserByName } from './access.repository.ts';
import { FAILURE_MEMORY_HOURS, type AccessSettings } from './access.settings.ts';
import { insertAuditEntry } from './audit.repository.ts';
import { checkPassword } from './password.ts';
import { sessionView, type SessionView } from './principal-view.ts';
import { openSession } from './session.service.ts';
import { failureKeys, waitLeft, type DelayKind } from './sign-in.throttle.ts';
import { checkTotp } from './totp.ts';

export interface SignInRequest {
  username: string;
  password: string;
  totp?: string | undefined;
}

export interface SignInContext {
  client: string;
  requestId: string;
  now: Date;
  settings: AccessSettings;
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  principal: SessionView;
}

/** @throws AppError SIGN_IN_SLOWED (with retryAfter), SIGN_IN_FAILED, TOTP_REQUIRED, TOTP_INVALID */
export async function signIn(db: Database, request: SignInRequest, context: SignInContext): Promise<SignedIn> {
  const { now, client } = context;
  const username = request.username.trim().toLowerCase();
  const keys = failureKeys(username, client);
  const remembered = new Date(now.getTime() - FAILURE_MEMORY_HOURS * 3_600_000).toISOString();
  const counts = (await failuresOf(db.kysely, Object.values(keys)))
    .filter((row) => row.last_failure_at >= remembered)
    .map((row) => ({ kind: kindOf(keys, row.key), failures: row.failures, lastFailureAt: new Date(row.last_failure_at) }));
  const wait = waitLeft(counts, now);
  if (wait > 0) {
    throw new AppError('SIGN_IN_SLOWED', `Vui lòng thử lại sau ${wait} giây.`, { retryAfter: wait });
  }

  const user = await findUserByName(db.kysely, username);
  const live = user !== undefined && user.disabled_at === null ? user : undefined;
  const passwordOk = await checkPassword(live?.password_hash ?? null, request.password);
  const fail = async (code: 'SIGN_IN_FAILED' | 'TOTP_INVALID', why: string): Promise<never> => {
    await db.kysely.transaction().execute(async (trx) => {
      await addFailures(trx, Object.values(keys), now.toISOString(), remembered);
      await insertAuditEntry(trx, {
        at: now.toISOString(),
        actor: username.slice(0, 100) || '(trống)',
        action: 'sign_in.failed',
        subjectType: 'user',
        subjectId: live ? String(live.id) : null,
        requestId: context.requestId,
        clientAddress: client,
        details: { why },
      });
    });
    throw new AppError(code);
  };
  if (!live || !passwordOk) return fail('SIGN_IN_FAILED', !user ? 'unknown_user' : user.disabled_at ? 'disabled' : 'wrong_password');

  if (live.totp_enabled_at !== null && live.totp_secret !== null) {
    if (!request.totp) throw new AppError('TOTP_REQUIRED');
    if (!checkTotp(live.totp_secret, live.username, request.totp)) return fail('TOTP_INVALID', 'wrong_totp');
  }

  const session = await db.kysely.transaction().execute(async (trx) => {
    // The owner proved themselves: their account's and this pair's counts start again. The client's
    // count stays, or one valid account would let an address reset its own count between guesses.
    await clearFailures(trx, [keys.pair, keys.account]);
    await insertAuditEntry(trx, {
      at: now.toISOString(),
      actor: live.username,
      action: 'sign_in',
      subjectType: 'user',
      subjectId: String(live.id),
      requestId: context.requestId,
      clientAddress: client,
    });
    return openSession({ kysely: trx }, live.id, client, now, context.settings);
  });
  return { ...session, principal: sessionView(live) };
}

function kindOf(keys: Record<DelayKind, string>, key: string): DelayKind {
  return (Object.keys(keys) as DelayKind[]).find((kind) => keys[kind] === key) ?? 'pair';
}
