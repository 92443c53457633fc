/** `POST /api/v1/carrier-events`: what carriers' systems report about their lines, in batches (zod → validation, types and OpenAPI). */
import { z } from 'zod';
import { CARRIERS } from '../domain/index.ts';
import { isLuhnValid } from '../domain/luhn.ts';

/** The most events one batch carries: a batch answers within a request's time. */
export const MAX_CARRIER_EVENTS = 1_000;

export const CARRIER_EVENT_KINDS = ['notice_sent', 'device_changed', 'line_closed', 'holder_transferred', 'ported_out'] as const;
export type CarrierEventKind = (typeof CARRIER_EVENT_KINDS)[number];

const common = {
  reference: z.string().min(1).max(100).describe('Mã tham chiếu của nhà mạng: gửi lại cùng mã không ghi thêm gì'),
  msisdn: z.string().max(32).describe('Số thuê bao ở bất kỳ dạng nào (0…, 84…, +84…)'),
  at: z.iso.datetime({ offset: true }).describe('Thời điểm xảy ra ở nhà mạng, ISO 8601 có múi giờ'),
};

const text = (max: number) => z.string().max(max);

/** The new holder, in the subscriber file's columns and words (docs/imports.md), checked with the same rules. */
export const newHolder = z
  .object({
    holder_kind: text(32).describe('citizen, foreigner hoặc organisation'),
    document_type: text(32).describe('personal_id, cmnd9 hoặc passport'),
    document_number: text(32),
    full_name: text(200),
    birth_date: text(32).describe('dd/mm/yyyy, yyyy-mm-dd, mm/yyyy hoặc yyyy'),
    birth_precision: text(16).optional(),
    sex: text(16).optional(),
    commune_code: text(16).optional(),
  })
  .describe('Chủ thuê bao mới, theo các cột của tệp thuê bao');

export const carrierEvent = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('notice_sent').describe('Nhà mạng đã nhắn tin yêu cầu chuẩn hoá thông tin (nhóm đối tượng 2)') }),
  z.object({
    ...common,
    kind: z.literal('device_changed').describe('SIM được lắp vào máy khác'),
    imei: z.string().regex(/^\d{15}$/).refine(isLuhnValid, 'IMEI sai chữ số kiểm tra').describe('IMEI 15 số của máy mới'),
  }),
  z.object({ ...common, kind: z.literal('line_closed').describe('Nhà mạng đã đóng thuê bao') }),
  z.object({ ...common, kind: z.literal('holder_transferred').describe('Thuê bao chuyển quyền sử dụng cho chủ mới'), holder: newHolder }),
  z.object({
    ...common,
    kind: z.literal('ported_out').describe('Số chuyển sang nhà mạng khác'),
    toCarrier: z.enum(CARRIERS).describe('Nhà mạng nhận số'),
  }),
]);

export const carrierEventsRequest = z
  .object({ events: z.array(carrierEvent).min(1).max(MAX_CARRIER_EVENTS) })
  .meta({ id: 'CarrierEvents' });

export const CARRIER_EVENT_STATUSES = ['applied', 'unchanged', 'superseded', 'duplicate', 'refused'] as const;

export const carrierEventAnswer = z.object({
  reference: z.string(),
  status: z
    .enum(CARRIER_EVENT_STATUSES)
    .describe(
      'applied: đã ghi nhận và cập nhật thuê bao; unchanged: đã ghi nhận, thuê bao đã như vậy; superseded: đã ghi nhận, nhưng sau thời điểm đó thuê bao đã có thay đổi muộn hơn (xác thực, đổi máy, đổi chủ, đóng) nên không thay đổi gì; duplicate: mã tham chiếu đã nhận, không ghi thêm; refused: không ghi nhận (xem error)',
    ),
  error: z
    .object({
      code: z.string(),
      title: z.string(),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
    })
    .nullable(),
});

export const carrierEventsAnswer = z.object({ events: z.array(carrierEventAnswer) }).meta({ id: 'CarrierEventsAnswer' });

export type CarrierEvent = z.output<typeof carrierEvent>;
export type CarrierEventAnswer = z.output<typeof carrierEventAnswer>;
