import { z } from 'zod';
import { LOCK_LEVELS, LOCK_STEPS } from '../domain/index.ts';

const at = z
  .string()
  .max(40)
  .optional()
  .describe('Mốc thời gian: ISO 8601 (có múi giờ), hoặc giờ Việt Nam YYYY-MM-DD HH:mm, YYYY-MM-DD (hết ngày), dd/mm/yyyy; mặc định: bây giờ');
const communeCode = z.string().regex(/^\d{5}$/).describe('Mã đơn vị hành chính cấp xã');

export const previewQuery = z.object({ at, commune: communeCode.optional() });

const counts = {
  oneWay: z.number().int().describe('Số thuê bao sẽ bị khoá một chiều'),
  twoWay: z.number().int().describe('Số thuê bao sẽ bị khoá hai chiều'),
  terminated: z.number().int().describe('Số thuê bao sẽ bị chấm dứt hợp đồng, thu hồi số'),
};

export const previewResponse = z
  .object({
    at: z.string().describe('Mốc thời gian đã dùng (UTC)'),
    rows: z.array(
      z.object({
        communeCode: z.string().nullable(),
        communeName: z.string().nullable(),
        carrier: z.string(),
        ...counts,
      }),
    ),
    totals: z.object(counts),
  })
  .meta({ id: 'RoadmapPreview' });

export const dueLinesQuery = z.object({
  at,
  commune: communeCode,
  afterId: z.coerce.number().int().min(0).optional().describe('Trang tiếp theo: id cuối của trang trước'),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

const lockLevel = z.enum(LOCK_LEVELS);

export const dueLinesResponse = z
  .object({
    at: z.string(),
    communeCode: z.string(),
    items: z.array(
      z.object({
        id: z.number().int(),
        msisdn: z.string().describe('Số thuê bao đã che'),
        carrier: z.string(),
        lockLevel,
        nextStep: z.enum(LOCK_STEPS),
        dueAt: z.string().describe('Thời điểm bước tiếp theo (UTC)'),
        levelAt: lockLevel.describe('Mức khoá tại mốc thời gian nếu không xác thực'),
      }),
    ),
    nextAfterId: z.number().int().nullable(),
  })
  .meta({ id: 'RoadmapDueLines' });
