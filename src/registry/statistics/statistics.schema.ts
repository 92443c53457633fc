/** Requests and answers of the statistics API and the version a figure comes from (zod → validation, types, OpenAPI). */
import { z } from 'zod';
import { calendarDayParam } from '../../schemas/calendar-day-param.ts';
import { MAX_SOURCE_LENGTH } from './statistics-import.service.ts';

const versionFields = z.object({
    id: z.number().int(),
    source: z.string().describe('Nguồn số liệu, ví dụ "Cục Thống kê tỉnh An Giang, Niên giám 2025"'),
    publishedOn: z.string().describe('Ngày công bố (YYYY-MM-DD)'),
    effectiveFrom: z.string().describe('Ngày bắt đầu áp dụng trong chiến dịch (YYYY-MM-DD)'),
    loadedAt: z.string(),
    loadedBy: z.string(),
    fileName: z.string(),
    fileSha256: z.string(),
    isDemo: z.boolean().describe('Số liệu mô phỏng của bản demo, không phải số liệu thống kê thật'),
});

export const statisticsVersionView = versionFields.meta({ id: 'StatisticsVersion' });

const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

export const statisticsUploadQuery = z.object({
  source: z.string().trim().min(1).max(MAX_SOURCE_LENGTH).describe('Nguồn số liệu: cơ quan công bố và ấn phẩm, ví dụ "Cục Thống kê tỉnh An Giang, Niên giám 2025"'),
  published: calendarDayParam().describe('Ngày công bố (YYYY-MM-DD)'),
  effective: calendarDayParam().optional().describe('Ngày bắt đầu áp dụng (YYYY-MM-DD); mặc định là ngày công bố'),
  dryRun: flag.describe('Chỉ kiểm tra bảng, không nạp'),
  fileName: z.string().max(255).optional().describe('Tên tệp gốc, để ghi vào phiên bản'),
});

export const statisticsImportReport = z
  .object({
    state: z.enum(['loaded', 'already_loaded', 'dry_run', 'refused']),
    version: versionFields
      .extend({ id: z.number().int().nullable().describe('null khi chạy thử') })
      .nullable()
      .describe('Phiên bản đã nạp (hoặc đã có từ cùng tệp này, hoặc sẽ nạp khi chạy thử); null khi bị từ chối'),
    communes: z.number().int(),
    totals: z.object({ population: z.number().int(), population14plus: z.number().int() }).nullable(),
    problems: z.array(
      z.object({
        row: z.number().int().nullable().describe('Dòng trong tệp; null cho lỗi của cả bảng (thiếu xã)'),
        column: z.string().nullable(),
        code: z.string(),
        message: z.string(),
        value: z.string().nullable().describe('Nội dung ô, khi lỗi nằm ở một ô'),
      }),
    ),
    outcomeCode: z.string().nullable(),
  })
  .meta({ id: 'StatisticsImportReport' });

export const versionsQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });
export const versionList = z.object({ versions: z.array(statisticsVersionView) });

export const asOfQuery = z.object({
  asOf: calendarDayParam().optional().describe('Ngày (YYYY-MM-DD) cần số liệu: dùng phiên bản có hiệu lực ngày đó; mặc định hôm nay'),
});
