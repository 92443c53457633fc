import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAdminUnits } from './admin-units.repository.ts';
import { ADMIN_UNIT_TYPES, formatCalendarDay, vietnamCalendarDate } from '../domain/index.ts';
import { figuresAsOf, versionView } from './statistics/statistics.repository.ts';
import { asOfQuery, statisticsVersionView } from './statistics/statistics.schema.ts';

const adminUnit = z
  .object({
    code: z.string().describe('Mã đơn vị hành chính chính thức'),
    name: z.string(),
    type: z.enum(ADMIN_UNIT_TYPES),
    provinceCode: z.string(),
    population: z.number().int().nullable().describe('Dân số (số liệu thống kê chính thức của phiên bản có hiệu lực); null khi chưa có phiên bản nào'),
    population14plus: z.number().int().nullable().describe('Dân số từ 14 tuổi trở lên'),
  })
  .meta({ id: 'AdminUnit' });

/**
 * `GET /api/v1/admin-units?asOf=YYYY-MM-DD`: the province's commune-level units with the population
 * figures of the statistics version in force that day (today by the service's clock when not
 * asked), and which version that is: its source, dates and whether it is the demo's.
 */
export const adminUnitRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    '/',
    {
      config: { access: 'public' },
      schema: {
        tags: ['registry'],
        summary: 'Danh sách đơn vị hành chính cấp xã, với số liệu dân số có hiệu lực vào một ngày',
        querystring: asOfQuery,
        response: {
          200: z.object({
            items: z.array(adminUnit),
            total: z.number().int(),
            asOf: z.string().describe('Ngày của số liệu (YYYY-MM-DD)'),
            statistics: statisticsVersionView.nullable().describe('Phiên bản số liệu thống kê có hiệu lực ngày đó; null khi chưa có'),
          }),
        },
      },
    },
    async (req) => {
      const asOf = req.query.asOf ?? formatCalendarDay(vietnamCalendarDate(app.clock.now()));
      const [rows, inForce] = await Promise.all([listAdminUnits(app.db), figuresAsOf(app.db, asOf)]);
      const figures = new Map((inForce?.figures ?? []).map((f) => [f.communeCode, f]));
      const items = rows.map((r) => ({
        code: r.code,
        name: r.name,
        type: r.type,
        provinceCode: r.province_code,
        population: figures.get(r.code)?.population ?? null,
        population14plus: figures.get(r.code)?.population14plus ?? null,
      }));
      return { items, total: items.length, asOf, statistics: inForce ? versionView(inForce.version) : null };
    },
  );
  return Promise.resolve();
};
