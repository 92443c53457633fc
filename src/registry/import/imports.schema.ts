/** Requests and answers of the import API (zod → validation, types, OpenAPI). */
import { z } from 'zod';
import { CARRIERS } from '../../domain/index.ts';
import { IMPORT_PHASES } from './subscriber-import.service.ts';

const flag = z.enum(['true', 'false']).default('false').transform((v) => v === 'true');

export const importQuery = z.object({
  carrier: z.enum(CARRIERS).optional().describe('Nhà mạng của tệp: bắt buộc với tài khoản Sở; tài khoản nhà mạng chỉ nạp tệp của mình'),
  mode: z.enum(['snapshot', 'delta']).default('delta').describe('snapshot: tệp đầy đủ (đóng thuê bao không có trong tệp); delta: chỉ các dòng trong tệp'),
  policy: z.enum(['all_or_nothing', 'valid_rows']).default('all_or_nothing').describe('Có dòng sai thì không nạp gì, hoặc nạp các dòng hợp lệ và báo cáo phần còn lại'),
  dryRun: flag.describe('Chỉ kiểm tra và đếm, không ghi vào danh sách thuê bao'),
  confirmClosures: flag.describe('Đồng ý đóng số thuê bao vượt ngưỡng của tệp đầy đủ'),
  fileName: z.string().max(255).optional().describe('Tên tệp gốc, để ghi vào lịch sử nạp tệp'),
});

const counts = z.object({
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  closed: z.number().int(),
  portedIn: z.number().int(),
  conflicts: z.number().int(),
});

export const importReport = z
  .object({
    importId: z.number().int(),
    state: z.enum(['staging', 'staged', 'applied', 'refused', 'needs_confirmation', 'dry_run']),
    alreadyApplied: z.boolean().describe('Tệp này đã được nạp trước đó: lần này không thay đổi gì'),
    resumedAfterRow: z.number().int().describe('Lần chạy trước bị ngắt: đọc tiếp từ sau dòng này'),
    rowsRead: z.number().int(),
    rowsStaged: z.number().int(),
    rowsRejected: z.number().int(),
    rowsWarned: z.number().int(),
    counts: counts.nullable(),
    outcomeCode: z.string().nullable(),
  })
  .meta({ id: 'ImportReport' });

export const importRunView = z
  .object({
    id: z.number().int(),
    carrier: z.string(),
    mode: z.string(),
    policy: z.string(),
    fileName: z.string(),
    fileSha256: z.string(),
    fileBytes: z.number().int(),
    format: z.string(),
    encoding: z.string().nullable(),
    actor: z.string(),
    state: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    rowsRead: z.number().int(),
    rowsStaged: z.number().int(),
    rowsRejected: z.number().int(),
    rowsWarned: z.number().int(),
    counts,
    outcomeCode: z.string().nullable(),
    progress: z
      .object({
        phase: z.enum(IMPORT_PHASES),
        rowsCommitted: z.number().int().describe('Số dòng dữ liệu đã đọc và ghi nhận'),
        bytesRead: z.number().int(),
        totalBytes: z.number().int(),
      })
      .nullable()
      .describe('Tiến độ khi tệp đang được nạp trên máy chủ này; null khi đã xong'),
  })
  .meta({ id: 'ImportRun' });

export const importProblemView = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
});

export const importList = z.object({ imports: z.array(importRunView) });
export const importDetail = z.object({ import: importRunView, problems: z.array(importProblemView), problemsShown: z.number().int() });
export const importIdParam = z.object({ id: z.coerce.number().int().positive() });
export const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });
export const templateQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
