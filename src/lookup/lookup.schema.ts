/**
 * Requests and answers of the look-up (`/api/v1/lines/…`, `/api/v1/persons/search`). Personal
 * numbers travel in bodies only, never in a URL (browser history on shared computers, proxy logs).
 */
import { z } from 'zod';
import { DOCUMENT_TYPES, HOLDER_KINDS, LINE_CLASSES, LOCK_LEVELS, LOCK_STEPS, VERIFICATION_STATES } from '../domain/index.ts';

const lineView = z
  .object({
    id: z.number().int().describe('Mã thuê bao trong hệ thống (không phải thông tin cá nhân): dùng cho GET /lines/{id} và hiện thông tin'),
    msisdn: z.string().describe('Đã che, trừ khi hiện thông tin'),
    carrier: z.string(),
    lineClass: z.enum(LINE_CLASSES),
    holderKind: z.enum(HOLDER_KINDS),
    holder: z.object({
      documentType: z.enum(DOCUMENT_TYPES),
      documentNumber: z.string(),
      fullName: z.string().describe('Chỉ chữ cái đầu, trừ khi hiện thông tin'),
      birthDate: z.string().describe('Chỉ năm sinh, trừ khi hiện thông tin'),
    }),
    communeCode: z.string().nullable(),
    registeredAt: z.string(),
    state: z.object({
      verification: z.enum(VERIFICATION_STATES),
      verifiedAt: z.string().nullable(),
      requiredSince: z.string().nullable(),
      requiredReason: z.string().nullable(),
    }),
    lock: z.object({
      level: z.enum(LOCK_LEVELS),
      reason: z.string().nullable(),
      lockedAt: z.string().nullable(),
      state: z.enum(['ordered', 'confirmed']).describe('ordered: đã ra lệnh, nhà mạng chưa xác nhận đã thực hiện; confirmed: nhà mạng đã xác nhận'),
    }),
    roadmap: z
      .object({
        lockLevel: z.enum(LOCK_LEVELS),
        next: z
          .object({ step: z.enum(LOCK_STEPS), at: z.string().describe('Thời hạn: bước khoá xảy ra lúc này nếu chưa xác thực') })
          .nullable()
          .describe('Bước tiếp theo của lộ trình tạm dừng dịch vụ; null: lộ trình không áp dụng'),
        mustDo: z
          .array(z.object({ code: z.string().describe('Mã ổn định'), message: z.string().describe('Hướng dẫn tiếng Việt') }))
          .describe('Việc chủ thuê bao cần làm, từng việc một'),
      })
      .describe('Lộ trình tạm dừng dịch vụ của thuê bao và việc cần làm'),
    targetGroups: z.array(
      z.object({ group: z.string(), source: z.string(), detail: z.string(), since: z.string(), endedAt: z.string().nullable() }),
    ),
    history: z.array(
      z.object({
        at: z.string(),
        kind: z.string(),
        fromState: z.string().nullable(),
        toState: z.string().nullable(),
        actor: z.string(),
        channel: z.string().nullable(),
        reason: z.string().nullable(),
      }),
    ),
    attempts: z.object({
      total: z.number().int(),
      byOutcome: z.record(z.string(), z.number().int()),
      last: z
        .object({ at: z.string(), channel: z.string(), place: z.string().nullable(), outcome: z.string(), reasons: z.array(z.string()) })
        .nullable(),
    }),
  })
  .meta({ id: 'LineView' });

export const lookupAnswer = z.object({ revealed: z.boolean(), lines: z.array(lineView) }).meta({ id: 'LookupAnswer' });

export type LineView = z.infer<typeof lineView>;
export type LookupAnswer = z.infer<typeof lookupAnswer>;

export const lineSearch = z.object({ msisdn: z.string().max(32).describe('Số thuê bao ở bất kỳ dạng nào (0…, 84…, +84…)') });

export const personSearch = z.object({
  document: z.string().max(32).describe('Số định danh cá nhân (CCCD), CMND 9 số hoặc số hộ chiếu'),
});

export const lineParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/)
    .transform(Number)
    .describe('Mã thuê bao (trường id của câu trả lời tra cứu)'),
});

export const revealBody = z.object({
  // Checked by the service (REASON_REQUIRED), so a missing reason is answered like a short one.
  reason: z.string().optional().describe('Lý do hiện thông tin cá nhân (5–500 ký tự), ghi vào nhật ký truy cập'),
});
