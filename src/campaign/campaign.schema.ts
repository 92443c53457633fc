/** Requests and answers of the campaign's routes (zod → validation, types and OpenAPI). */
import { z } from 'zod';
import { ADMIN_UNIT_TYPES, CAMPAIGN_MEASURES, CARRIERS, DEFAULT_REPORT_DEADLINE, REPORT_DEADLINE_TIME, TARGET_CODE_PATTERN } from '../domain/index.ts';
import { calendarDayParam } from '../schemas/calendar-day-param.ts';

const isoDay = z.string().describe('YYYY-MM-DD');

const reportDeadline = z.object({
  daysAfter: z.number().int().min(0, 'Không trước ngày cuối của tuần').max(14, 'Tối đa 14 ngày sau tuần'),
  time: z.string().regex(REPORT_DEADLINE_TIME, 'Giờ dạng HH:MM, ví dụ 17:00'),
});

export const targetView = z
  .object({
    code: z.string(),
    measure: z.enum(CAMPAIGN_MEASURES).describe('target_lines_verified: thuê bao thuộc nhóm đối tượng đã xác thực; citizens_14plus_signed: công dân từ 14 tuổi có chữ ký số công cộng; staff_selfchecked: CBCCVC-NLĐ đã tự kiểm tra'),
    goalShare: z.number().describe('Tỷ lệ phải đạt (0,7 là 70%)'),
    label: z.string(),
    carrier: z.enum(CARRIERS).nullable().describe('Chỉ thuê bao của nhà mạng này; null: mọi nhà mạng'),
    communeType: z.enum(ADMIN_UNIT_TYPES).nullable().describe('Chỉ các đơn vị loại này (xã, phường, đặc khu); null: mọi đơn vị'),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: 'CampaignTarget' });

export const campaignAnswer = z
  .object({
    code: z.string(),
    name: z.string(),
    provinceCode: z.string(),
    legalBasis: z.string().describe('Văn bản làm căn cứ của chiến dịch'),
    startsOn: isoDay,
    endsOn: isoDay,
    weeks: z
      .array(z.object({ week: z.number().int(), startsOn: isoDay, endsOn: isoDay, partial: z.boolean().describe('Tuần chưa đủ 7 ngày: chiến dịch kết thúc trong tuần') }))
      .describe('Các tuần của chiến dịch: 7 ngày kể từ thứ của ngày đầu tiên (28/4/2026 là thứ Ba: thứ Ba đến thứ Hai)'),
    reportDeadline: reportDeadline.describe('Hạn nộp báo cáo tuần của nhà mạng: số ngày sau ngày cuối của tuần, lúc mấy giờ (giờ Việt Nam)'),
    targets: z.array(targetView),
  })
  .meta({ id: 'Campaign' });

export const targetParams = z.object({
  code: z.string().regex(TARGET_CODE_PATTERN, 'Mã mục tiêu gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa 40 ký tự)'),
});

export const targetBody = z
  .object({
    measure: z.enum(CAMPAIGN_MEASURES),
    goalShare: z.number().gt(0, 'Tỷ lệ phải lớn hơn 0').lte(1, 'Tỷ lệ tối đa là 1 (100%)'),
    label: z.string().trim().min(1, 'Cần tên mục tiêu').max(200, 'Tên mục tiêu tối đa 200 ký tự'),
    carrier: z.enum(CARRIERS).nullable().default(null),
    communeType: z.enum(ADMIN_UNIT_TYPES).nullable().default(null),
  })
  .strict()
  .meta({ id: 'CampaignTargetRequest' });
export type TargetInput = z.infer<typeof targetBody>;

export const campaignParams = z.object({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'Mã chiến dịch gồm chữ in hoa không dấu, chữ số và dấu gạch ngang (tối đa 40 ký tự), ví dụ AG-2026'),
});

export const campaignBody = z
  .object({
    name: z.string().trim().min(1, 'Cần tên chiến dịch').max(200, 'Tên chiến dịch tối đa 200 ký tự'),
    provinceCode: z.string().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số'),
    legalBasis: z.string().trim().min(1, 'Cần văn bản làm căn cứ').max(500, 'Căn cứ tối đa 500 ký tự'),
    startsOn: calendarDayParam(),
    endsOn: calendarDayParam(),
    reportDeadline: reportDeadline.default(DEFAULT_REPORT_DEADLINE).describe('Hạn nộp báo cáo tuần; mặc định 17:00 ngày sau ngày cuối của tuần'),
  })
  .strict()
  .refine((c) => c.startsOn <= c.endsOn, { message: 'Ngày kết thúc không được trước ngày bắt đầu', path: ['endsOn'] })
  .meta({ id: 'CampaignRequest' });
export type CampaignInput = z.infer<typeof campaignBody>;

export const campaignSaved = z.object({ code: z.string(), created: z.boolean() }).meta({ id: 'CampaignSaved' });
