import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from '../errors.ts';
import type { Problem } from '../schemas/problem.ts';

const PROBLEM_TYPE_BASE = 'https://tttb.gov.vn/problems/';

function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  extra: Partial<Problem> = {},
): FastifyReply {
  const { status, title } = ERROR_CATALOGUE[code];
  const body: Problem = {
    type: PROBLEM_TYPE_BASE + code.toLowerCase().replaceAll('_', '-'),
    title,
    status,
    code,
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...extra,
  };
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
}

/** Fastify's own error codes that mean "the client sent something wrong", mapped to ours. */
const FASTIFY_CLIENT_ERRORS: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/**
 * The one error handler: a known error becomes problem+json with its code; anything else is
 * logged with the request id and answered as a 500 that reveals nothing internal.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const extra = error.extra as Partial<Problem> | undefined;
      return sendProblem(reply, request, error.code, { ...(error.detail ? { detail: error.detail } : {}), ...extra });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(reply, request, 'VALIDATION_FAILED', {
        detail: `Kiểm tra lại ${error.validationContext ?? 'dữ liệu'}`,
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
    const mapped = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (mapped) return sendProblem(reply, request, mapped, { detail: error.message });
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, 'VALIDATION_FAILED', { detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'INTERNAL');
  });

  app.setNotFoundHandler((request, reply) => sendProblem(reply, request, 'ROUTE_NOT_FOUND'));
}
