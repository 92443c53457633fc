/** Requests and answers of the figures' routes (zod → validation, types and OpenAPI). */
import { z } from 'zod';
import { FLOW_MEASURES, STOCK_MEASURES } from '../domain/index.ts';
import { calendarDayParam } from '../schemas/calendar-day-param.ts';
import { dimensionListParam } from '../schemas/count-query.ts';
import { FIGURE_DIMENSIONS } from './figures.service.ts';

const count = z.number().int();

export const figuresQuery = z
  .object({
    by: dimensionListParam(FIGURE_DIMENSIONS, []),
    from: calendarDayParam().optional().describe('Ngày đầu (YYYY-MM-DD, giờ Việt Nam); theo ngày hoặc tuần mặc định là ngày đầu chiến dịch'),
    to: calendarDayParam().optional().describe('Ngày cuối (YYYY-MM-DD); mặc định và tối đa là hôm nay'),
  })
  .strict();

const stocks = z
  .object({ ...Object.fromEntries(STOCK_MEASURES.map((m) => [m, count])), remaining: count.describe('target − target_verified') } as Record<(typeof STOCK_MEASURES)[number] | 'remaining', typeof count>)
  .describe(
    'Trạng thái cuối ngày, cuối tuần (hôm nay với tuần đang chạy) hoặc hiện tại. Thuê bao H2H: lines (đang hoạt động), lines_verified; target: thuộc ít nhất một nhóm đối tượng (mỗi thuê bao một lần), target_verified, target_<nhóm>; target_closed: thuê bao đối tượng đã bị nhà mạng đóng (ra khỏi mẫu số); locked_one_way, locked_two_way, terminated: khoá theo lộ trình của chiến dịch (không tính khoá vì lý do khác)',
  );

const flows = z
  .object(Object.fromEntries(FLOW_MEASURES.map((m) => [m, count])) as Record<(typeof FLOW_MEASURES)[number], typeof count>)
  .describe('Sự việc trong ngày, trong tuần, trong khoảng đã chọn hoặc đến nay: lượt xác thực theo kênh (verified_<kênh>), mở khoá, lượt tự kiểm tra, thông báo đã gửi và đã đến máy');

export const figuresAnswer = z
  .object({
    asOf: z.string().describe('Thời điểm số liệu đúng (ISO-8601): số liệu được ghi cùng giao dịch với thay đổi'),
    today: z.string(),
    by: z.array(z.enum(FIGURE_DIMENSIONS)),
    from: z.string().nullable(),
    to: z.string().nullable(),
    items: z.array(
      z.object({
        communeCode: z.string().optional().describe("'' khi thuê bao chưa có xã, phường"),
        communeName: z.string().nullable().optional(),
        carrier: z.string().optional(),
        day: z.string().optional(),
        week: z.object({ week: count, startsOn: z.string(), endsOn: z.string(), partial: z.boolean() }).optional(),
        stocks,
        flows,
      }),
    ),
  })
  .meta({ id: 'Figures' });
