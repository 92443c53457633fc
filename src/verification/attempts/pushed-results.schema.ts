/** `POST /api/v1/verifications/results`: results verified elsewhere, pushed in batches (zod → validation, types and OpenAPI). */
import { z } from 'zod';
import { VERIFICATION_CHANNELS } from '../../domain/index.ts';
import { REASON_MESSAGES_VI, type ReasonCode } from './verification.reasons.ts';

/** The most results one push carries: a batch answers within a request's time. */
export const MAX_PUSHED_RESULTS = 1_000;

const fieldResult = z.enum(['match', 'no_match', 'not_checked']);

export const pushedResult = z.object({
  reference: z.string().min(1).max(100).describe('Mã tham chiếu của hệ thống gửi: gửi lại cùng mã không ghi thêm gì'),
  msisdn: z.string().max(32).describe('Số thuê bao ở bất kỳ dạng nào (0…, 84…, +84…)'),
  channel: z.enum(VERIFICATION_CHANNELS).describe('Kênh đã xác thực: vneid; carrier_app, carrier_store với hệ thống nhà mạng'),
  at: z.iso.datetime({ offset: true }).describe('Thời điểm xác thực, ISO 8601 có múi giờ'),
  place: z.string().max(100).optional().describe('Mã cửa hàng hoặc nơi xác thực'),
  fields: z
    .object({
      documentNumber: fieldResult,
      fullName: fieldResult,
      birthDate: fieldResult,
      face: fieldResult,
      liveness: z.enum(['pass', 'fail', 'not_checked']).default('not_checked'),
    })
    .describe('Kết quả từng trường khi đối chiếu với Cơ sở dữ liệu quốc gia về dân cư'),
});

export const pushedResultsRequest = z
  .object({ results: z.array(pushedResult).min(1).max(MAX_PUSHED_RESULTS) })
  .meta({ id: 'PushedVerificationResults' });

const reasonCode = z.enum(Object.keys(REASON_MESSAGES_VI) as [ReasonCode, ...ReasonCode[]]);

export const PUSHED_RESULT_STATUSES = ['verified', 'recorded', 'rejected', 'superseded', 'duplicate', 'refused'] as const;

export const pushedResultAnswer = z.object({
  reference: z.string(),
  status: z
    .enum(PUSHED_RESULT_STATUSES)
    .describe(
      'verified: thuê bao đã xác thực (khoá do chiến dịch được gỡ); recorded: ghi nhận, thuê bao đã xác thực muộn hơn; rejected: ghi nhận lần xác thực không đạt; superseded: ghi nhận, nhưng sau thời điểm đó thuê bao đã đổi máy, đổi thông tin hoặc đóng; duplicate: mã tham chiếu đã nhận, không ghi thêm; refused: không ghi nhận (xem error)',
    ),
  attemptId: z.number().int().nullable(),
  unlocked: z.boolean(),
  reasons: z.array(z.object({ code: reasonCode, message: z.string() })),
  error: z.object({ code: z.string(), title: z.string(), message: z.string() }).nullable(),
});

export const pushedResultsAnswer = z.object({ results: z.array(pushedResultAnswer) }).meta({ id: 'PushedVerificationResultsAnswer' });

export type PushedResult = z.output<typeof pushedResult>;
export type PushedResultAnswer = z.output<typeof pushedResultAnswer>;
