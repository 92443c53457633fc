import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '../errors.ts';
import type { Problem } from '../schemas/problem.ts';
import { z } from 'zod';

// Field messages in Vietnamese too: a schema without its own message gets zod's Vietnamese one.
z.config(z.locales.vi());

const PROBLEM_TYPE_BASE = 'https://tttb.gov.vn/problems/';
const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

function problemOf(code: ErrorCode, extra: Partial<Problem> = {}): Problem {
  const { status, title } = ERROR_CATALOGUE[code];
  return { type: PROBLEM_TYPE_BASE + code.toLowerCase().replaceAll('_', '-'), title, status, code, ...extra };
}

function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  extra: Partial<Problem> = {},
): FastifyReply {
  // The path goes back to the caller who sent it; it is never logged (see logging.ts).
  const body = problemOf(code, { instance: request.url.split('?')[0], requestId: request.id, ...extra });
  if (body.retryAfter !== undefined) reply.header('retry-after', String(body.retryAfter));
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * Fastify's own errors for a request it could not read, with our code and a Vietnamese detail:
 * Fastify's English message never reaches the answer (for broken JSON it quotes the body).
 */
const FASTIFY_CLIENT_ERRORS: Record<string, { code: ErrorCode; detail: string }> = {
  FST_ERR_BAD_URL: { code: 'URL_INVALID', detail: 'Đường dẫn có ký tự mã hoá (%) không đọc được' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'URL_TOO_LONG', detail: 'Một phần của đường dẫn dài quá 100 ký tự' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', detail: 'Nội dung vượt quá giới hạn cho phép' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Gửi nội dung dạng application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', detail: 'Độ dài nội dung không khớp với Content-Length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'VALIDATION_FAILED', detail: 'Nội dung trống dù Content-Type là application/json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'VALIDATION_FAILED', detail: 'Nội dung không phải JSON hợp lệ' },
  FST_ERR_VALIDATION: { code: 'VALIDATION_FAILED', detail: 'Kiểm tra lại dữ liệu' },
};

/** Any other client error (a plugin's, say) by its status; the code's status is the answer's. */
const CLIENT_ERRORS_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  414: 'URL_TOO_LONG',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  431: 'HEADERS_TOO_LARGE',
};

function sendClientError(reply: FastifyReply, request: FastifyRequest, error: FastifyError): FastifyReply | undefined {
  const known = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
  if (known) return sendProblem(reply, request, known.code, { detail: known.detail });
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(reply, request, CLIENT_ERRORS_BY_STATUS[error.statusCode] ?? 'BAD_REQUEST');
  }
  return undefined;
}

/** Answers a request no route matched some other way (the web app's pages); `true` when it did. */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;

/** The part of a request a validation failed in, as the person reading the answer calls it. */
const PARTS_VI: Readonly<Record<string, string>> = {
  body: 'nội dung gửi lên',
  querystring: 'tham số trên địa chỉ',
  params: 'địa chỉ',
  headers: 'tiêu đề yêu cầu',
};

/**
 * The one error handler: a known error becomes problem+json with its code; anything else is
 * logged with the request id and answered as a 500 that reveals nothing internal. A request no
 * route matched is the fallback's first, then a problem+json 404.
 */
export function registerErrorHandling(app: FastifyInstance, notFoundFallback?: NotFoundFallback): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const extra = error.extra as Partial<Problem> | undefined;
      return sendProblem(reply, request, error.code, { ...(error.detail ? { detail: error.detail } : {}), ...extra });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(reply, request, 'VALIDATION_FAILED', {
        detail: `Kiểm tra lại ${PARTS_VI[error.validationContext ?? ''] ?? 'dữ liệu gửi lên'}`,
        // Typed loosely here: the library's issue type comes from zod internals the linter cannot resolve.
        errors: (error.validation as { instancePath: string; message?: string }[]).map((v) => ({
          field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
          message: v.message ?? 'không hợp lệ',
        })),
      });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendProblem(reply, request, 'INTERNAL');
    }
    const answered = sendClientError(reply, request, error);
    if (answered) return answered;
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'INTERNAL');
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (notFoundFallback && (await notFoundFallback(request, reply))) return reply;
    return sendProblem(reply, request, 'ROUTE_NOT_FOUND');
  });
}

const SOCKET_ERRORS: Partial<Record<string, ErrorCode>> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
};

/**
 * Fastify options for what happens before a request reaches a route — a path it cannot decode,
 * bytes that are not HTTP — so these too are answered as problem+json with a Vietnamese title,
 * with `headers` (no hook runs for them).
 */
export function problemServerOptions(headers: Readonly<Record<string, string>>) {
  const rawHeaders = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return {
    frameworkErrors(error, request, reply) {
      reply.headers(headers);
      if (!sendClientError(reply, request, error)) {
        request.log.error({ err: error }, 'unhandled framework error');
        sendProblem(reply, request, 'INTERNAL');
      }
    },
    clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
      // The client is gone (reset) or the socket already closed: nobody to answer.
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      this.log.trace({ err: error }, 'yêu cầu HTTP không đọc được');
      if (socket.writable) {
        const problem = problemOf(SOCKET_ERRORS[error.code ?? ''] ?? 'BAD_REQUEST');
        const body = JSON.stringify(problem);
        socket.write(
          `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\n${rawHeaders}Connection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
  } satisfies Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>;
}
