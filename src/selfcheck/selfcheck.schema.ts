/** Requests and answers of the self-check API (zod → validation, types and OpenAPI). */
import { z } from 'zod';
import { calendarDayParam } from '../schemas/calendar-day-param.ts';
import { dimensionListParam, readDimensions } from '../schemas/count-query.ts';
import { SELFCHECK_COUNT_DIMENSIONS, type SelfCheckCountDimension } from './selfcheck.repository.ts';
import { REPORTED_FIELDS } from './selfcheck.service.ts';
import { DOCUMENT_TYPES, LOCK_LEVELS, LOCK_STEPS, VERIFICATION_STATES } from '../domain/index.ts';

const document = z.string().max(40).optional().describe('Số giấy tờ (CCCD 12 số, CMND 9 số, hộ chiếu) để xem các số đăng ký bằng giấy tờ đó; bỏ trống: thông tin chủ thuê bao');

export const otpRequest = z
  .object({ msisdn: z.string().max(32).describe('Số điện thoại cần tra cứu (0…, 84…, +84…)') })
  .meta({ id: 'SelfCheckOtpRequest' });

export const otpAnswer = z
  .object({
    challengeId: z.string().describe('Gửi lại cùng mã OTP'),
    expiresAt: z.string().describe('Mã hết hạn lúc (UTC)'),
  })
  .meta({ id: 'SelfCheckOtpAnswer' });

export const selfCheckRequest = z
  .object({
    challengeId: z.string().max(64).optional().describe('Lần đầu: mã yêu cầu nhận từ /selfcheck/otp'),
    otp: z.string().max(12).optional().describe('Lần đầu: mã OTP đã nhận qua SMS'),
    sessionToken: z.string().max(200).optional().describe('Các lần sau: mã phiên (10 phút), không cần OTP mới'),
    document,
  })
  .meta({ id: 'SelfCheckRequest' });

export const reportRequest = z
  .object({
    sessionToken: z.string().max(200),
    wrong: z.array(z.enum(REPORTED_FIELDS)).max(REPORTED_FIELDS.length).default([]).describe('Thông tin sai: họ tên, ngày sinh, số giấy tờ, số thuê bao lạ, khác'),
  })
  .meta({ id: 'SelfCheckReport' });

const lockStep = z.enum(LOCK_STEPS);

export const selfCheckAnswer = z
  .object({
    kind: z.enum(['owner', 'lines', 'not_registered', 'not_held', 'reported', 'help']),
    text: z.string().describe('Đúng nội dung tin nhắn trả lời qua 1414 (GSM-7, tối đa 2 tin)'),
    msisdn: z.string().describe('Số thuê bao (đã che)'),
    owner: z
      .object({
        fullName: z.string(),
        birthDate: z.string().describe('dd/mm/yyyy, mm/yyyy hoặc yyyy theo hồ sơ'),
        documentType: z.enum(DOCUMENT_TYPES),
        documentNumber: z.string().describe('Đầy đủ (đã che khi TTTB_SELFCHECK_MASK_DOCUMENT=true)'),
      })
      .optional(),
    status: z
      .object({
        verification: z.enum(VERIFICATION_STATES),
        lock: z.enum(LOCK_LEVELS),
        lockState: z.enum(['ordered', 'confirmed']).describe('ordered: đã ra lệnh, nhà mạng chưa xác nhận đã thực hiện (tin trả lời nói "sắp bị khóa"); confirmed: nhà mạng đã xác nhận'),
        verifiedAt: z.string().nullable(),
        nextStep: z.object({ step: lockStep, dueAt: z.string() }).nullable().describe('Bước khoá tiếp theo nếu không xác thực, và thời hạn'),
      })
      .optional(),
    lines: z
      .object({
        carrier: z.string(),
        total: z.number().int(),
        shown: z.array(z.string()).describe('Các số (đã che) vừa trong tin trả lời'),
      })
      .optional(),
    session: z.object({ token: z.string(), expiresAt: z.string() }).optional().describe('Chỉ có khi vừa dùng mã OTP'),
  })
  .meta({ id: 'SelfCheckAnswer' });

/** The web answer: the SMS reply's content, and a session when a code was just used. */
export type SelfCheckWebAnswer = z.infer<typeof selfCheckAnswer>;
/** One answer: `text` is exactly the SMS reply; the other fields are its structured content, masked as the text is. */
export type SelfCheckAnswer = Omit<SelfCheckWebAnswer, 'session'>;
export type SelfCheckAnswerKind = SelfCheckAnswer['kind'];
/** Where a line stands, as the answer shows it. */
export type LineStatus = NonNullable<SelfCheckAnswer['status']>;

const DEFAULT_DIMENSIONS: readonly SelfCheckCountDimension[] = ['day'];

export const selfCheckCountsQuery = z.object({
  by: dimensionListParam(SELFCHECK_COUNT_DIMENSIONS, DEFAULT_DIMENSIONS),
  from: calendarDayParam().optional().describe('Từ ngày (giờ Việt Nam), YYYY-MM-DD'),
  to: calendarDayParam().optional().describe('Đến ngày (giờ Việt Nam), YYYY-MM-DD'),
});

/** The dimensions asked for, each once, in the order given (default: by day). */
export function countDimensionsOf(query: z.infer<typeof selfCheckCountsQuery>): SelfCheckCountDimension[] {
  return readDimensions(query.by, DEFAULT_DIMENSIONS);
}

const selfCheckCount = z
  .object({
    communeCode: z.string().nullable().optional().describe('Mã xã của thuê bao (trống: số ngoài danh bạ)'),
    communeName: z.string().nullable().optional(),
    carrier: z.string().nullable().optional(),
    day: z.string().optional().describe('Ngày theo giờ Việt Nam'),
    checks: z.number().int().describe('Số lần tự kiểm tra'),
    reports: z.number().int().describe('Trong đó: báo thông tin sai'),
    lines: z.number().int().describe('Số thuê bao khác nhau đã kiểm tra'),
  })
  .meta({ id: 'SelfCheckCount' });

export const selfCheckCountsAnswer = z.object({
  by: z.array(z.enum(SELFCHECK_COUNT_DIMENSIONS)),
  items: z.array(selfCheckCount),
});
