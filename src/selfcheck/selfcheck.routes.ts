import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../access/index.ts';
import { AppError } from '../errors.ts';
import { problemSchema } from '../schemas/problem.ts';
import {
  countDimensionsOf,
  otpAnswer,
  otpRequest,
  reportRequest,
  selfCheckAnswer,
  selfCheckCountsAnswer,
  selfCheckCountsQuery,
  selfCheckRequest,
} from './selfcheck.schema.ts';
import { countSelfCheckRecords } from './selfcheck.service.ts';
import { createRecordBatcher } from './selfcheck.records.ts';
import { createClientKeys } from './selfcheck.otp-limits.ts';
import { createSessionTokens } from './selfcheck.session.ts';
import { resolveSelfCheckSettings, type SelfCheckSettings } from './selfcheck.settings.ts';
import { answerWithCode, answerWithSession, reportWithSession, requestSelfCheckOtp, type SelfCheckWebDeps } from './selfcheck.web.ts';
import type { OutboxSignal } from '../messaging/index.ts';

export interface SelfCheckRoutesOptions {
  settings?: Partial<SelfCheckSettings>;
  /** Wakes the SMS link once a code is queued (the person is waiting for it). */
  outbox?: OutboxSignal;
  /** The clock (tests). */
  now?: () => Date;
}

const refusals = { 400: problemSchema, 401: problemSchema, 429: problemSchema };

/**
 * The citizen page's self-check (register under `/api/v1` with prefix `/selfcheck`):
 * `POST /otp` → a code to the number; `POST` (the prefix itself) with the code, then with the session token → the
 * same answer as by SMS; `POST /report` → the information is wrong; `GET /counts` → self-checks
 * per commune, carrier and day. Each client address is limited per minute (in memory, this
 * instance); each number's codes are limited per client and spaced out in the database (selfcheck.otp-limits.ts).
 */
export const selfCheckRoutes: FastifyPluginAsyncZod<SelfCheckRoutesOptions> = async (app, options) => {
  const settings = resolveSelfCheckSettings(options.settings);
  const records = createRecordBatcher(app.db, { maxRows: settings.recordBatchSize });
  app.addHook('onClose', () => records.close());
  const deps: SelfCheckWebDeps = {
    db: app.db,
    reference: app.reference,
    settings,
    tokens: createSessionTokens(settings.sessionSecret, settings.sessionTtlSeconds),
    records: records.add,
    clientKey: createClientKeys(settings.sessionSecret),
    now: options.now ?? (() => app.clock.now()),
  };
  await app.register(rateLimit, {
    max: settings.requestsPerClientPerMinute,
    timeWindow: 60_000,
    // Thrown, so the one error handler answers it as problem+json with a stable code.
    errorResponseBuilder: (_req, context) =>
      new AppError('SELFCHECK_RATE_LIMITED', `Tối đa ${context.max} yêu cầu mỗi phút từ một địa chỉ; thử lại sau ${Math.ceil(context.ttl / 1000)} giây.`, {
        retryAfter: Math.ceil(context.ttl / 1000),
      }),
  });

  app.post(
    '/otp',
    {
      config: { access: 'public' },
      schema: {
        tags: ['selfcheck'],
        summary: 'Gửi mã OTP đến số cần tra cứu (trả lời như nhau dù số có đăng ký hay không)',
        body: otpRequest,
        response: { 202: otpAnswer, ...refusals },
      },
    },
    async (req, reply) => {
      const challenge = await requestSelfCheckOtp(deps, { msisdn: req.body.msisdn, clientAddress: req.ip });
      options.outbox?.notify();
      return reply.code(202).send(challenge);
    },
  );

  app.post(
    // '' rather than '/': the path is `/api/v1/selfcheck`, without a trailing slash.
    '',
    {
      config: { access: 'public' },
      schema: {
        tags: ['selfcheck'],
        summary: 'Tra cứu thông tin thuê bao (như nhắn TTTB gửi 1414): lần đầu với mã OTP, sau đó với mã phiên',
        body: selfCheckRequest,
        response: { 200: selfCheckAnswer, ...refusals },
      },
    },
    (req) => {
      const { challengeId, otp, sessionToken, document } = req.body;
      if (sessionToken !== undefined) return answerWithSession(deps, { sessionToken, document });
      if (challengeId !== undefined && otp !== undefined) return answerWithCode(deps, { challengeId, otp, document });
      throw new AppError('VALIDATION_FAILED', 'Cần challengeId và otp, hoặc sessionToken');
    },
  );

  app.post(
    '/report',
    {
      config: { access: 'public' },
      schema: {
        tags: ['selfcheck'],
        summary: 'Báo thông tin thuê bao chưa đúng (như nhắn TTTB SAI): vào nhóm đối tượng 3 và lộ trình xác thực',
        body: reportRequest,
        response: { 200: selfCheckAnswer, ...refusals },
      },
    },
    (req) => reportWithSession(deps, req.body),
  );

  app.get(
    '/counts',
    {
      // Operators' figures, not the citizen page: not limited per client address.
      config: { access: 'figures.read', rateLimit: false },
      schema: {
        tags: ['selfcheck'],
        summary: 'Số lần tự kiểm tra theo xã, nhà mạng, ngày',
        querystring: selfCheckCountsQuery,
        response: { 200: selfCheckCountsAnswer, 400: problemSchema },
      },
    },
    async (req) => {
      const by = countDimensionsOf(req.query);
      return { by, items: await countSelfCheckRecords(app.db, { by, fromDay: req.query.from, toDay: req.query.to, scope: principalOf(req).scope }) };
    },
  );
};
