/** The lock orders' feed, its confirmations and their timeliness (zod → validation, types and OpenAPI). */
import { z } from 'zod';

export const MAX_FEED_ORDERS = 1_000;
export const MAX_CONFIRMATIONS = 1_000;

const action = z.enum(['one_way', 'two_way', 'terminate', 'unlock']).describe('one_way: khóa một chiều; two_way: khóa hai chiều; terminate: chấm dứt hợp đồng, thu hồi số; unlock: mở khóa');

export const lockOrderFeedQuery = z.object({
  after: z.coerce.number().int().min(0).default(0).describe('Con trỏ: lệnh có mã lớn hơn số này (lần đầu: 0; sau đó: next của lần đọc trước)'),
  limit: z.coerce.number().int().min(1).max(MAX_FEED_ORDERS).default(500),
});

export const lockOrder = z.object({
  id: z.number().int(),
  msisdn: z.string().describe('Số thuê bao của chính nhà mạng đọc, đầy đủ: nhà mạng cần số để thực hiện lệnh'),
  action,
  reason: z.string().nullable().describe('Lý do khóa (campaign_mismatch, campaign_device_change …)'),
  dueAt: z.string().describe('Thời điểm lệnh đến hạn: quy định 2 giờ tính từ đây'),
  orderedAt: z.string(),
  confirmedAt: z.string().nullable(),
});

export const lockOrderFeed = z
  .object({ orders: z.array(lockOrder), next: z.number().int().describe('Con trỏ cho lần đọc sau (bằng after khi chưa có lệnh mới)') })
  .meta({ id: 'LockOrderFeed' });

export const lockConfirmationsRequest = z
  .object({
    confirmations: z
      .array(z.object({ orderId: z.number().int().positive(), at: z.iso.datetime({ offset: true }).describe('Thời điểm mạng đã thực hiện lệnh') }))
      .min(1)
      .max(MAX_CONFIRMATIONS),
  })
  .meta({ id: 'LockConfirmations' });

export const lockConfirmationAnswer = z.object({
  orderId: z.number().int(),
  status: z.enum(['confirmed', 'duplicate', 'refused']).describe('confirmed: đã ghi nhận; duplicate: lệnh đã được xác nhận trước đó (giữ lần đầu); refused: xem error'),
  error: z.object({ code: z.string(), title: z.string(), message: z.string() }).nullable(),
});

export const lockConfirmationsAnswer = z.object({ confirmations: z.array(lockConfirmationAnswer) }).meta({ id: 'LockConfirmationsAnswer' });

export const lockTimelinessAnswer = z
  .object({
    limitMinutes: z.number().describe('Thời hạn thực hiện lệnh (Thông tư 08: 2 giờ)'),
    flagAfterMinutes: z.number().describe('Lệnh chưa được xác nhận quá thời gian này thì bị đánh dấu'),
    carriers: z.array(
      z.object({
        carrier: z.string(),
        orders: z.number().int(),
        confirmed: z.number().int(),
        withinLimit: z.number().int().describe('Xác nhận trong thời hạn'),
        late: z.number().int().describe('Xác nhận quá thời hạn'),
        open: z.number().int().describe('Chưa xác nhận'),
        flagged: z.number().int().describe('Chưa xác nhận, quá thời gian đánh dấu'),
        medianMinutes: z.number().nullable(),
        p95Minutes: z.number().nullable(),
      }),
    ),
    flagged: z
      .array(z.object({ id: z.number().int(), carrier: z.string(), msisdn: z.string().describe('Che một phần'), action, dueAt: z.string(), minutesOpen: z.number() }))
      .describe('Các lệnh bị đánh dấu, lâu nhất trước (tối đa 100)'),
  })
  .meta({ id: 'LockOrderTimeliness' });

export type LockConfirmationAnswer = z.output<typeof lockConfirmationAnswer>;
export type LockTimeliness = z.output<typeof lockTimelinessAnswer>;
export type LockOrderView = z.output<typeof lockOrder>;
