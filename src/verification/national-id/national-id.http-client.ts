/**
 * The real adapter: the national verification service over HTTP (docs/national-id-contract.md).
 * Every call has a deadline, transient failures are retried with exponential backoff and jitter,
 * a circuit breaker stops hammering a service that is down, and every answer is validated — a
 * response that is not exactly the contract becomes `unavailable`, never a match.
 */
import { randomUUID } from 'node:crypto';
import { CircuitBreaker } from './national-id.circuit-breaker.ts';
import type { UniformSource } from './national-id.face.ts';
import type {
  BatchOutcome,
  BatchRecord,
  BatchRecordAnswer,
  NationalIdService,
  Unavailable,
  UnavailableReason,
  VerifyAnswer,
  VerifyOutcome,
  VerifyRequest,
} from './national-id.port.ts';
import { batchAnswerSchema, parseBatchRecords, parseVerifyRequest, verifyAnswerSchema } from './national-id.schema.ts';

export interface HttpNationalIdOptions {
  /** Base URL of the service, e.g. `https://nid.example.gov.vn`; paths `/v1/…` are appended. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiToken?: string;
  /** Deadline of one single-person attempt, body included (default 5,000 ms). */
  timeoutMs?: number;
  /** Deadline of one batch attempt (default 60,000 ms): a 10,000-record batch takes a while. */
  batchTimeoutMs?: number;
  /** Further attempts after a network error, timeout, 5xx or 429 (default 2). */
  retries?: number;
  /** First backoff (default 200 ms), doubled for each further retry. */
  backoffBaseMs?: number;
  /** Cap of any one backoff, `Retry-After` included (default 5,000 ms). */
  backoffMaxMs?: number;
  /** Consecutive failed calls that open the circuit (default 5). */
  breakerThreshold?: number;
  /** Time the circuit stays open before one trial call (default 30,000 ms). */
  breakerCoolDownMs?: number;
  /** Clock of the circuit breaker (default `Date.now`). */
  now?: () => number;
  /** How to wait between attempts (default a timer). */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source (default `Math.random`). */
  random?: UniformSource;
}

/** Why one attempt gave no usable answer. */
interface AttemptFailure {
  ok: false;
  reason: UnavailableReason;
  /** Worth another attempt: the failure may be transient. */
  retryable: boolean;
  /** The service itself answered deliberately (a 4xx): it is up, so the breaker sees a success. */
  serviceResponded: boolean;
  retryAfterMs: number;
}

type AttemptResult<T> = { ok: true; value: T } | AttemptFailure;
type CallResult<T> = { status: 'answered'; value: T } | Unavailable;

/** Reads a parsed JSON body; null when it is not an acceptable answer to the request. */
type AnswerReader<T> = (json: unknown) => T | null;

/** Creates the HTTP adapter; see {@link HttpNationalIdOptions} for the defaults. */
export function createHttpNationalIdService(options: HttpNationalIdOptions): NationalIdService {
  const settings = {
    apiToken: options.apiToken,
    timeoutMs: options.timeoutMs ?? 5_000,
    batchTimeoutMs: options.batchTimeoutMs ?? 60_000,
    retries: options.retries ?? 2,
    backoffBaseMs: options.backoffBaseMs ?? 200,
    backoffMaxMs: options.backoffMaxMs ?? 5_000,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const breaker = new CircuitBreaker({
    threshold: options.breakerThreshold ?? 5,
    coolDownMs: options.breakerCoolDownMs ?? 30_000,
    now: options.now ?? Date.now,
  });

  const backoffMs = (retry: number, retryAfterMs: number): number => {
    const ceiling = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** (retry - 1));
    // "Equal jitter": at least half the ceiling, so retries really back off, and spread so that
    // many clients failing together do not come back together.
    const jittered = ceiling / 2 + (settings.random() * ceiling) / 2;
    return Math.min(settings.backoffMaxMs, Math.max(jittered, retryAfterMs));
  };

  async function attempt<T>(path: string, body: unknown, requestId: string, timeoutMs: number, read: AnswerReader<T>): Promise<AttemptResult<T>> {
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-request-id': requestId,
          ...(settings.apiToken ? { authorization: `Bearer ${settings.apiToken}` } : {}),
        },
        body: JSON.stringify(body),
        signal,
      });
      text = await response.text(); // under the same deadline: a stalled body is a timeout too
    } catch {
      return failure(signal.aborted ? 'timeout' : 'network', { retryable: true });
    }
    if (response.status === 429 || response.status >= 500) {
      return failure('http_error', { retryable: true, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
    }
    if (!response.ok) return failure('http_error', { serviceResponded: true });
    const value = read(parseJson(text));
    return value === null ? failure('bad_response', {}) : { ok: true, value };
  }

  async function call<T>(path: string, body: unknown, timeoutMs: number, read: AnswerReader<T>): Promise<CallResult<T>> {
    const permit = breaker.acquire();
    if (permit === 'rejected') return { status: 'unavailable', reason: 'circuit_open' };
    // The half-open trial is one request: retries would turn a probe back into load.
    const attempts = permit === 'trial' ? 1 : 1 + settings.retries;
    // One id for all attempts, so the service can recognise a retry of the same request.
    const requestId = randomUUID();
    for (let n = 1; ; n++) {
      const result = await attempt(path, body, requestId, timeoutMs, read);
      if (result.ok) {
        breaker.recordSuccess();
        return { status: 'answered', value: result.value };
      }
      if (!result.retryable || n >= attempts) {
        if (result.serviceResponded) breaker.recordSuccess();
        else breaker.recordFailure();
        return { status: 'unavailable', reason: result.reason };
      }
      await settings.sleep(backoffMs(n, result.retryAfterMs));
    }
  }

  return {
    async verify(unchecked: VerifyRequest): Promise<VerifyOutcome> {
      const request = parseVerifyRequest(unchecked);
      const result = await call('/v1/verify', request, settings.timeoutMs, (json) => readVerifyAnswer(json, request));
      return result.status === 'answered' ? { status: 'answered', ...result.value } : result;
    },

    async verifyBatch(unchecked: readonly BatchRecord[]): Promise<BatchOutcome> {
      const records = parseBatchRecords(unchecked);
      const result = await call('/v1/verify-batch', { records }, settings.batchTimeoutMs, (json) => readBatchAnswer(json, records));
      return result.status === 'answered' ? { status: 'answered', results: result.value } : result;
    },
  };
}

function failure(
  reason: UnavailableReason,
  { retryable = false, serviceResponded = false, retryAfterMs = 0 }: Partial<Omit<AttemptFailure, 'ok' | 'reason'>>,
): AttemptFailure {
  return { ok: false, reason, retryable, serviceResponded, retryAfterMs };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // HTML error pages and truncated bodies fail validation like any bad shape
  }
}

/** `Retry-After` in seconds (the form the contract uses); 0 when absent or unreadable. */
function parseRetryAfter(header: string | null): number {
  const seconds = Number(header ?? '');
  return header !== null && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

function readVerifyAnswer(json: unknown, request: VerifyRequest): VerifyAnswer | null {
  const parsed = verifyAnswerSchema.safeParse(json);
  if (!parsed.success) return null;
  // A face result for a request that sent no face cannot be about this request.
  if (request.faceSample === null && parsed.data.fields.face !== 'not_checked') return null;
  return parsed.data;
}

function readBatchAnswer(json: unknown, records: readonly BatchRecord[]): BatchRecordAnswer[] | null {
  const parsed = batchAnswerSchema.safeParse(json);
  if (!parsed.success) return null;
  const { results } = parsed.data;
  // Answers must be exactly the records asked, in order: anything else could pin a result on the wrong person.
  const aligned = results.length === records.length && results.every((r, i) => r.ref === records[i]?.ref);
  return aligned ? results : null;
}
