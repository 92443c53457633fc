/** Request and response schemas of the target-group API (zod → validation, types, OpenAPI). */
import { z } from 'zod';
import { dimensionListParam, readDimensions } from '../../schemas/count-query.ts';
import { COUNT_DIMENSIONS, type CountDimension } from './target-groups.repository.ts';
import { TARGET_GROUPS } from '../../domain/index.ts';

const DEFAULT_DIMENSIONS: readonly CountDimension[] = ['group'];

export const targetGroupCountsQuery = z.object({ by: dimensionListParam(COUNT_DIMENSIONS, DEFAULT_DIMENSIONS) });

/** The dimensions asked for, each once, in the order given (default: by group). */
export function dimensionsOf(query: z.infer<typeof targetGroupCountsQuery>): CountDimension[] {
  return readDimensions(query.by, DEFAULT_DIMENSIONS);
}

const targetGroupCount = z
  .object({
    communeCode: z.string().nullable().optional().describe('Mã đơn vị hành chính cấp xã của thuê bao'),
    communeName: z.string().nullable().optional(),
    carrier: z.string().optional().describe('Nhà mạng'),
    group: z.enum(TARGET_GROUPS).optional().describe('Nhóm đối tượng'),
    members: z.number().int().describe('Số thuê bao đã thuộc nhóm (mỗi thuê bao đếm một lần)'),
    open: z.number().int().describe('Trong đó: chưa xác thực xong'),
  })
  .meta({ id: 'TargetGroupCount' });

export const targetGroupCountsResponse = z.object({
  by: z.array(z.enum(COUNT_DIMENSIONS)),
  items: z.array(targetGroupCount),
});
