import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../access/index.ts';
import { problemSchema } from '../../schemas/problem.ts';
import type { NationalIdService } from '../national-id/index.ts';
import { verificationAnswer, verificationRequest } from './verification.schema.ts';
import { submitVerification } from './verification.service.ts';
import { pushedResultsAnswer, pushedResultsRequest } from './pushed-results.schema.ts';
import { recordPushedResults } from './pushed-results.service.ts';
import { DEFAULT_VERIFICATION_SETTINGS, type VerificationSettings } from './verification.settings.ts';
import type { OutboxSignal } from '../../messaging/index.ts';

export interface VerificationRoutesOptions {
  nationalId: NationalIdService;
  settings?: Partial<VerificationSettings>;
  /** Wakes the SMS link once a code is queued (the person is waiting for it). */
  outbox?: OutboxSignal;
  /** Overrides the app's clock (tests). */
  now?: () => Date;
}

/**
 * `POST /verifications` (register under `/api/v1`): one verification attempt, from a desk (staff
 * signed in) or pushed by a machine client (VNeID, a carrier's app); the principal is the operator
 * and bounds the channel and the lines. Outcomes come back as 200 answers; refusals as problem+json
 * with a stable code.
 */
export const verificationRoutes: FastifyPluginAsyncZod<VerificationRoutesOptions> = (app, options) => {
  const settings = { ...DEFAULT_VERIFICATION_SETTINGS, ...options.settings };
  const now = options.now ?? (() => app.clock.now());
  app.post(
    '/verifications',
    {
      config: { access: ['verification.desk', 'verification.push'] },
      schema: {
        tags: ['verification'],
        summary: 'Xác thực thông tin thuê bao (tại quầy hoặc hệ thống gửi đến)',
        body: verificationRequest,
        response: { 200: verificationAnswer, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 429: problemSchema },
      },
    },
    async (req) => {
      const answer = await submitVerification(
        { db: app.db, reference: app.reference, nationalId: options.nationalId, settings, now },
        principalOf(req),
        // The client address is the server's to tell (Fastify's request.ip), never the body's.
        { ...req.body, client: req.ip },
      );
      if (answer.outcome === 'otp_required') options.outbox?.notify();
      return answer;
    },
  );
  app.post(
    '/verifications/results',
    {
      config: { access: 'verification.push' },
      schema: {
        tags: ['verification'],
        summary: 'Kết quả xác thực đã thực hiện ở hệ thống khác (VNeID, ứng dụng và cửa hàng nhà mạng), gửi theo lô',
        description:
          'Mỗi kết quả được trả lời theo thứ tự gửi; áp dụng theo thời điểm xác thực của chính nó. Gửi lại cùng mã tham chiếu không thay đổi gì (duplicate). Thuê bao ngoài phạm vi của hệ thống gửi: refused, SUBSCRIBER_NOT_FOUND.',
        body: pushedResultsRequest,
        response: { 200: pushedResultsAnswer, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => {
      const results = await recordPushedResults({ db: app.db, reference: app.reference, settings, now }, principalOf(req), req.body.results);
      // Confirmation SMS were queued for the lines just verified.
      if (results.some((r) => r.status === 'verified')) options.outbox?.notify();
      return { results };
    },
  );
  return Promise.resolve();
};
