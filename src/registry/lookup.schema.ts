/** Answers of `GET /api/v1/lines/:msisdn` and `GET /api/v1/persons/:document`. */
import { z } from 'zod';
import { DOCUMENT_TYPES, HOLDER_KINDS, LINE_CLASSES, LOCK_LEVELS, VERIFICATION_STATES } from '../domain/index.ts';

const lineView = z
  .object({
    msisdn: z.string().describe('Đã che trừ khi reveal=true'),
    carrier: z.string(),
    lineClass: z.enum(LINE_CLASSES),
    holderKind: z.enum(HOLDER_KINDS),
    holder: z.object({
      documentType: z.enum(DOCUMENT_TYPES),
      documentNumber: z.string(),
      fullName: z.string().describe('Chỉ chữ cái đầu trừ khi reveal=true'),
      birthDate: z.string().describe('Chỉ năm sinh trừ khi reveal=true'),
    }),
    communeCode: z.string().nullable(),
    registeredAt: z.string(),
    state: z.object({
      verification: z.enum(VERIFICATION_STATES),
      verifiedAt: z.string().nullable(),
      requiredSince: z.string().nullable(),
      requiredReason: z.string().nullable(),
    }),
    lock: z.object({ level: z.enum(LOCK_LEVELS), reason: z.string().nullable(), lockedAt: z.string().nullable() }),
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

export const lookupQuery = z.object({
  reveal: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Hiện dữ liệu cá nhân (ghi nhật ký; cần header X-Actor)'),
});

export const actorHeaders = z.object({
  'x-actor': z.string().max(100).optional().describe('Người xem (tạm thời, đến khi có phân quyền)'),
});
