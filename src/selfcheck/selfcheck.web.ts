/**
 * The citizen page's self-check: a one-time code to the number first (queued in the outbox like
 * every SMS, so the SMS link sends it and blanks it), then the same answer as by SMS, then a
 * session token that answers further questions for ten minutes without a new code. The code goes
 * out whether or not the number is registered, with the same answer, so asking for one tells
 * nothing about the registry.
 */
import type { Database } from '../db/open.ts';
import { normalizeMsisdn, MSISDN_REASON_MESSAGES_VI, type ReferenceData } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import {
  findOneTimeCode,
  listCodesSentSince,
  OTP_ERROR_CODES,
  REASON_MESSAGES_VI,
  sendOneTimeCode,
  spendOneTimeCode,
} from '../verification/attempts/index.ts';
import { parseSelfCheck, KEYWORD, type SelfCheckRequest } from './selfcheck.parser.ts';
import type { RecordSink } from './selfcheck.records.ts';
import type { SelfCheckAnswer } from './selfcheck.replies.ts';
import type { SelfCheckWebAnswer } from './selfcheck.schema.ts';
import { otpAllowance, OTP_LIMIT_WINDOW_MS } from './selfcheck.otp-limits.ts';
import { findLine } from './selfcheck.repository.ts';
import { answerSelfCheck, type ReportedField } from './selfcheck.service.ts';
import type { SessionTokens } from './selfcheck.session.ts';
import type { SelfCheckSettings } from './selfcheck.settings.ts';
import type { OneTimeCodeOutcome } from '../verification/attempts/index.ts';

export interface SelfCheckWebDeps {
  db: Database;
  reference: ReferenceData;
  settings: SelfCheckSettings;
  tokens: SessionTokens;
  /** Where the session requests' records go (the group commit). */
  records: RecordSink;
  /** The key a client address is counted under (never stored in clear). */
  clientKey: (address: string) => string;
  now: () => Date;
}

/** The web answer (its schema's type): the SMS answer's fields, plus a session token when a code was just spent. */
export type { SelfCheckWebAnswer } from './selfcheck.schema.ts';

type CodeOutcome = { ok: true; answer: SelfCheckAnswer; session: { token: string; expiresAt: string } } | Extract<OneTimeCodeOutcome, { ok: false }>;

/**
 * Sends a one-time code to the number within its limits (selfcheck.otp-limits.ts, counted in the
 * database, so they hold across restarts and instances). Registered or not, the answer looks the same.
 */
export async function requestSelfCheckOtp(
  deps: SelfCheckWebDeps,
  input: { msisdn: string; clientAddress: string },
): Promise<{ challengeId: string; expiresAt: string }> {
  const msisdn = nationalNumber(deps.reference, input.msisdn);
  const clientKey = deps.clientKey(input.clientAddress);
  const now = deps.now();
  const { settings } = deps;
  return deps.db.kysely.transaction().execute(async (trx) => {
    const sent = await listCodesSentSince(trx, 'selfcheck', msisdn, new Date(now.getTime() - OTP_LIMIT_WINDOW_MS).toISOString());
    const allowance = otpAllowance(sent, clientKey, now, settings);
    if (!allowance.allowed) {
      const { retryAfterSeconds } = allowance;
      const message =
        allowance.code === 'SELFCHECK_OTP_TOO_SOON'
          ? `Số này vừa được gửi mã; vui lòng thử lại sau ${retryAfterSeconds} giây.`
          : `Đã gửi đủ số mã cho phép đến số này; vui lòng thử lại sau ${Math.ceil(retryAfterSeconds / 60)} phút.`;
      throw new AppError(allowance.code, message, { retryAfter: retryAfterSeconds });
    }
    const line = await findLine(trx, msisdn);
    const { id, expiresAt } = await sendOneTimeCode(trx, { purpose: 'selfcheck', msisdn, subscriberId: line?.id ?? null, clientKey }, now, settings);
    return { challengeId: id, expiresAt };
  });
}

/**
 * Spends the code of a challenge and answers for its number, with a session token. A wrong code
 * counts against the challenge (committed before the refusal), an expired or spent one asks for
 * a new code.
 */
export async function answerWithCode(
  deps: SelfCheckWebDeps,
  input: { challengeId: string; otp: string; document?: string | undefined },
): Promise<SelfCheckWebAnswer> {
  const request = requestOf(input.document);
  const now = deps.now();
  const outcome = await deps.db.kysely.transaction().execute(async (trx): Promise<CodeOutcome> => {
    const code = await findOneTimeCode(trx, input.challengeId);
    // Another purpose's code is no self-check code: the same answer as an unknown handle.
    const spent = await spendOneTimeCode(trx, code?.purpose === 'selfcheck' ? code : undefined, input.otp, now);
    if (!spent.ok) return spent;
    const { msisdn } = spent.code;
    const { answer } = await answerSelfCheck(trx, webAsk(deps, msisdn, request, now), deps.settings);
    return { ok: true, answer, session: deps.tokens.seal(msisdn, now) };
  });
  if (outcome.ok) return { ...outcome.answer, session: outcome.session };
  const left = outcome.attemptsLeft;
  const message = REASON_MESSAGES_VI[outcome.refused] + (left > 0 ? ` Còn ${left} lần thử.` : '');
  throw new AppError(OTP_ERROR_CODES[outcome.refused], message, { errors: [{ field: 'otp', message }] });
}

/**
 * Answers within a session: no database read but the line's (and the lines under a document the
 * sender holds); the record goes to the group commit (answered once stored). The hot path of the citizen page.
 */
export async function answerWithSession(deps: SelfCheckWebDeps, input: { sessionToken: string; document?: string | undefined }): Promise<SelfCheckWebAnswer> {
  const request = requestOf(input.document);
  const now = deps.now();
  const msisdn = openSession(deps, input.sessionToken, now);
  return (await answerSelfCheck(deps.db.kysely, webAsk(deps, msisdn, request, now), deps.settings, deps.records)).answer;
}

/**
 * A report from the citizen page that the information shown is wrong: target group 3 and the
 * verification requirement, as `TTTB SAI` does, in one transaction with the record.
 */
export async function reportWithSession(
  deps: SelfCheckWebDeps,
  input: { sessionToken: string; wrong: readonly ReportedField[] },
): Promise<SelfCheckWebAnswer> {
  const now = deps.now();
  const msisdn = openSession(deps, input.sessionToken, now);
  const ask = { ...webAsk(deps, msisdn, { kind: 'report' }, now), wrong: input.wrong };
  return (await deps.db.kysely.transaction().execute((trx) => answerSelfCheck(trx, ask, deps.settings))).answer;
}

function nationalNumber(reference: ReferenceData, input: string): string {
  const number = normalizeMsisdn(input, reference);
  if (!number.valid || !number.msisdn) {
    throw new AppError('MSISDN_INVALID', number.reasons.map((r) => MSISDN_REASON_MESSAGES_VI[r]).join(' '), {
      errors: [{ field: 'msisdn', message: 'Số điện thoại không hợp lệ' }],
    });
  }
  return number.msisdn;
}

function openSession(deps: SelfCheckWebDeps, token: string, now: Date): string {
  const msisdn = deps.tokens.open(token, now);
  if (msisdn === null) throw new AppError('SELFCHECK_SESSION_INVALID', 'Phiên tra cứu đã hết hạn hoặc không hợp lệ: vui lòng nhận mã mới.');
  return msisdn;
}

/** The web's optional document, read by the SMS parser's rules: `TTTB <document>` or just `TTTB`. */
function requestOf(document: string | undefined): SelfCheckRequest {
  if (document === undefined || document.trim() === '') return { kind: 'owner' };
  const request = parseSelfCheck(`${KEYWORD} ${document}`);
  if (request.kind !== 'lines') {
    throw new AppError('IDENTITY_INVALID', 'Số giấy tờ là số định danh 12 số, CMND 9 số hoặc số hộ chiếu.', {
      errors: [{ field: 'document', message: 'Số giấy tờ không hợp lệ' }],
    });
  }
  return request;
}

function webAsk(deps: SelfCheckWebDeps, msisdn: string, request: SelfCheckRequest, at: Date) {
  return { channel: 'web' as const, msisdn, carrier: normalizeMsisdn(msisdn, deps.reference).carrier, request, at };
}
