/** Requests and answers of sign-in, the session, users and the audit log (zod → validation, types, OpenAPI). */
import { z } from 'zod';
import { ACTIONS, PERSON_ROLES, ROLES, SCOPE_KINDS } from '../domain/index.ts';

export const scopeEntry = z.object({ kind: z.enum(SCOPE_KINDS), value: z.string().min(1).max(40) }).meta({ id: 'ScopeEntry' });

export const principalView = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    scopes: z.array(scopeEntry),
    mustChangePassword: z.boolean(),
    totpRequired: z.boolean().describe('Vai trò cần xác thực hai lớp'),
    totpEnabled: z.boolean(),
    actions: z.array(z.enum(ACTIONS)).describe('Các việc tài khoản được làm lúc này (để dựng trình đơn)'),
  })
  .meta({ id: 'Principal' });

export const sessionAnswer = z
  .object({ principal: principalView, csrfToken: z.string().describe('Gửi lại trong header X-CSRF-Token ở mọi yêu cầu ghi') })
  .meta({ id: 'SessionAnswer' });

export const signInRequest = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
  totp: z.string().max(10).optional().describe('Mã 6 số của ứng dụng xác thực, khi vai trò cần'),
});

export const passwordChange = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) });
export const totpSetupAnswer = z.object({ secret: z.string(), otpauthUri: z.string() });
export const totpConfirm = z.object({ code: z.string().max(10) });

export const userView = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    roleName: z.string(),
    scopes: z.array(scopeEntry),
    mustChangePassword: z.boolean(),
    totpEnabled: z.boolean(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'User' });

export const newUserRequest = z.object({
  username: z.string().max(40),
  displayName: z.string().max(100),
  role: z.enum(PERSON_ROLES),
  scopes: z.array(scopeEntry).max(200).default([]),
});
export const userWithPassword = z.object({ user: userView, initialPassword: z.string().describe('Mật khẩu dùng một lần: chỉ hiện lần này') });
export const userIdParam = z.object({ id: z.coerce.number().int().positive() });
export const scopesRequest = z.object({ scopes: z.array(scopeEntry).max(200) });

export const auditQuery = z.object({
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('Từ thời điểm (ISO 8601)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Đến trước thời điểm (ISO 8601)'),
  before: z.coerce.number().int().positive().optional().describe('Trang sau: các dòng có id nhỏ hơn'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const auditExportQuery = auditQuery.omit({ before: true, limit: true }).extend({ reason: z.string().trim().min(5).max(500).describe('Lý do xuất nhật ký') });

export const auditEntryView = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    reason: z.string().nullable(),
    requestId: z.string().nullable(),
    clientAddress: z.string().nullable(),
    details: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export const auditPage = z.object({ entries: z.array(auditEntryView), nextBefore: z.number().int().nullable() });
