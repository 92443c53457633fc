import { z } from 'zod';

/** RFC 9457 problem details, with the stable `code` every tttb error carries. */
export const problemSchema = z
  .object({
    type: z.string().describe('URI định danh loại lỗi'),
    title: z.string().describe('Tiêu đề lỗi (tiếng Việt)'),
    status: z.number().int(),
    code: z.string().describe('Mã lỗi ổn định, dùng cho máy đọc'),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    retryAfter: z.number().int().optional().describe('Số giây cần chờ trước khi thử lại (khi bị giới hạn)'),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('Lỗi theo từng trường'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;
