import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAdminUnits } from './admin-units.repository.ts';
import { ADMIN_UNIT_TYPES } from '../domain/index.ts';

const adminUnit = z
  .object({
    code: z.string().describe('Mã đơn vị hành chính chính thức'),
    name: z.string(),
    type: z.enum(ADMIN_UNIT_TYPES),
    provinceCode: z.string(),
    population: z.number().int().nullable().describe('Dân số (số liệu thống kê chính thức)'),
    population14plus: z.number().int().nullable().describe('Dân số từ 14 tuổi trở lên'),
  })
  .meta({ id: 'AdminUnit' });

/** `GET /api/v1/admin-units`: the province's commune-level units with their population figures. */
export const adminUnitRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    '/',
    {
      config: { access: 'public' },
      schema: {
        tags: ['registry'],
        summary: 'Danh sách đơn vị hành chính cấp xã',
        response: { 200: z.object({ items: z.array(adminUnit), total: z.number().int() }) },
      },
    },
    async () => {
      const rows = await listAdminUnits(app.db);
      const items = rows.map((r) => ({
        code: r.code,
        name: r.name,
        type: r.type,
        provinceCode: r.province_code,
        population: r.population,
        population14plus: r.population_14plus,
      }));
      return { items, total: items.length };
    },
  );
  return Promise.resolve();
};
