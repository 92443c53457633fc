/**
 * The attempt limits (issue 9.2): before a verification is looked at, the request is admitted
 * against the limits of its client address and of its line, counted in the database in one
 * transaction with the row that records it, so simultaneous requests (several instances
 * included) cannot all slip under a limit. A limit reached is audited once per window and
 * answered with a stable code; refused requests are not counted, so hammering does not push the
 * window further.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { VerificationChannel } from '../../domain/index.ts';
import { AppError } from '../../errors.ts';
import { insertAuditEntry } from '../../access/index.ts';
import { holdUntilCommit } from '../../db/hold-until-commit.ts';
import { auditedSince, countRequestsSince, forgetClientRequests, insertRequest } from './verification.repository.ts';
import type { VerificationSettings } from './verification.settings.ts';

export interface AdmissionRequest {
  /** The client address (request.ip over HTTP). */
  client: string;
  /** The line asked about; undefined for a number outside the registry (it still counts for the client). */
  subscriberId: number | undefined;
  /** A desk (in-person channel): counted apart from unattended channels on the line. */
  attended: boolean;
  channel: VerificationChannel;
  actor: string;
  now: Date;
}

interface Window {
  limit: number;
  seconds: number;
  /** For the answer: "within <label>". */
  label: string;
}

type Refusal = { code: 'VERIFICATION_CLIENT_LIMIT' | 'VERIFICATION_LINE_LIMIT'; window: Window };

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/**
 * Admits one request or throws.
 * @throws AppError VERIFICATION_CLIENT_LIMIT, VERIFICATION_LINE_LIMIT (429)
 */
export async function admitRequest(db: Kysely<DB>, request: AdmissionRequest, settings: VerificationSettings): Promise<void> {
  const clientWindows: Window[] = [
    { limit: settings.attemptsPerClientPerMinute, seconds: MINUTE, label: 'một phút' },
    { limit: settings.attemptsPerClientPerHour, seconds: HOUR, label: 'một giờ' },
  ];
  const lineWindows: Window[] = [
    { limit: settings.attemptsPerLinePerHour, seconds: HOUR, label: 'một giờ' },
    { limit: settings.attemptsPerLinePerDay, seconds: DAY, label: 'một ngày' },
  ];
  const at = request.now.toISOString();
  const since = (window: Window) => new Date(request.now.getTime() - window.seconds * 1000).toISOString();

  // The refusal is returned, not thrown, so its audit row commits with the transaction.
  const refusal = await db.transaction().execute(async (trx): Promise<Refusal | null> => {
    // Always the client's key first, then the line's: one order, no deadlock between two requests.
    await holdUntilCommit(trx, `verification.client:${request.client}`);
    for (const window of clientWindows) {
      if ((await countRequestsSince(trx, { client: request.client }, since(window))) >= window.limit) {
        await audit(trx, request, window, since(window), { subjectType: 'client', subjectId: request.client, action: 'verification.client_limit' });
        return { code: 'VERIFICATION_CLIENT_LIMIT', window };
      }
    }
    if (request.subscriberId !== undefined) {
      const line = { subscriberId: request.subscriberId, attended: request.attended };
      await holdUntilCommit(trx, `verification.line:${request.subscriberId}`);
      for (const window of lineWindows) {
        if ((await countRequestsSince(trx, line, since(window))) >= window.limit) {
          await audit(trx, request, window, since(window), { subjectType: 'subscriber', subjectId: String(request.subscriberId), action: 'verification.line_limit' });
          return { code: 'VERIFICATION_LINE_LIMIT', window };
        }
      }
    }
    // Rows outlive only the longest window; the client's own rows, under the client's key.
    await forgetClientRequests(trx, request.client, new Date(request.now.getTime() - DAY * 1000).toISOString());
    await insertRequest(trx, {
      at,
      client: request.client,
      subscriber_id: request.subscriberId ?? null,
      attended: request.attended ? 1 : 0,
    });
    return null;
  });
  if (refusal) {
    throw new AppError(refusal.code, `Đã đủ ${refusal.window.limit} lần thử trong ${refusal.window.label}: vui lòng thử lại sau.`);
  }
}

/** Audits a limit reached once per window: a client hammering a closed limit writes one row, not thousands. */
async function audit(
  trx: Kysely<DB>,
  request: AdmissionRequest,
  window: Window,
  since: string,
  subject: { action: string; subjectType: string; subjectId: string },
): Promise<void> {
  if (await auditedSince(trx, subject, since)) return;
  await insertAuditEntry(trx, {
    at: request.now.toISOString(),
    actor: request.actor,
    ...subject,
    details: { channel: request.channel, client: request.client, limit: window.limit, windowSeconds: window.seconds },
  });
}
