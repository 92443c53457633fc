/** Requests and answers of the figures' routes (zod → validation, types and OpenAPI). */
import { z } from 'zod';
import { CAMPAIGN_PHASES, FLOW_MEASURES, STOCK_MEASURES } from '../domain/index.ts';
import { calendarDayParam } from '../schemas/calendar-day-param.ts';
import { dimensionListParam } from '../schemas/count-query.ts';
import { FIGURE_DIMENSIONS } from './figures.service.ts';
import { MAX_EXTRA_POINT_DAYS } from './projection.service.ts';

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

const communeCode = z.string().regex(/^\d{5}$/, 'mã xã, phường gồm 5 chữ số');
const share = z.number().nullable();

export const projectionQuery = z
  .object({
    commune: communeCode.optional().describe('Chỉ một xã, phường trong phạm vi của người xem'),
    extraPointCommune: communeCode.optional().describe('Giả định: thêm điểm hỗ trợ lưu động ở xã này'),
    extraPointDays: z.coerce.number().int().min(1).max(MAX_EXTRA_POINT_DAYS).optional().describe('Giả định: số ngày điểm lưu động làm việc thêm, từ ngày mai'),
  })
  .strict()
  .refine((q) => (q.extraPointCommune === undefined) === (q.extraPointDays === undefined), {
    message: 'giả định cần cả xã và số ngày',
    path: ['extraPointDays'],
  });

const projectionFigures = {
  target: count.describe('Thuê bao đối tượng hiện nay'),
  verified: count,
  remaining: count,
  share: share.describe('verified / target; null khi không có thuê bao đối tượng (không rõ, không phải 0%)'),
  pacePerDay: z.number().nullable().describe('Số thuê bao đối tượng xác thực thêm mỗi ngày, bình quân các ngày trọn vẹn gần nhất (tối đa 7); null khi chưa có ngày trọn vẹn'),
  shareOnEnd: share.describe('Tỷ lệ dự kiến vào ngày cuối theo tốc độ đó (dự báo)'),
  reachesFullOn: z.string().nullable().describe('Ngày dự kiến đạt 100%; null khi với tốc độ này không đạt'),
  onTrack: z.boolean().nullable().describe('Đạt 100% trước hoặc vào ngày cuối; null khi chưa biết tốc độ'),
  neededPerDay: count.describe('Số thuê bao cần xác thực mỗi ngày, từ ngày mai đến ngày cuối, để đạt 100%'),
};

export const projectionAnswer = z
  .object({
    asOf: z.string(),
    today: z.string(),
    campaign: z.object({ code: z.string(), startsOn: z.string(), endsOn: z.string(), phase: z.enum(CAMPAIGN_PHASES), daysLeft: count }),
    window: z.object({ from: z.string(), to: z.string(), days: count }).nullable().describe('Các ngày trọn vẹn dùng để tính tốc độ'),
    whatIf: z
      .object({
        communeCode: z.string(),
        communeName: z.string().nullable(),
        days: count,
        verificationsPerDay: z.number(),
        source: z.enum(['commune', 'province']).describe('Năng suất lấy từ chính xã đó hay bình quân của tỉnh (khi xã chưa có điểm lưu động)'),
        targetShare: z.number().describe('Tỷ lệ lượt xác thực rơi vào thuê bao đối tượng'),
        targetLinesPerDay: z.number(),
      })
      .nullable(),
    overall: z.object({
      ...projectionFigures,
      series: z.array(z.object({ day: z.string(), verified: count, share })).describe('Dự báo cuối mỗi ngày từ ngày mai đến ngày cuối'),
    }),
    communes: z.array(z.object({ communeCode: z.string().describe("'' khi thuê bao chưa có xã, phường"), communeName: z.string().nullable(), ...projectionFigures })),
  })
  .meta({ id: 'Projection' });
