import { z } from 'zod';

const reasons = z.array(z.string()).describe('Mã lý do ổn định');
const messages = z.array(z.string()).describe('Giải thích tiếng Việt cho từng lý do');

export const idCheckRequest = z.object({
  number: z.string().max(64).describe('Số định danh cá nhân (12 số) hoặc CMND (9 số)'),
  birthDate: z.string().max(32).optional().describe('Ngày sinh để đối chiếu (dd/mm/yyyy, yyyy-mm-dd, mm/yyyy, yyyy)'),
  sex: z.enum(['male', 'female']).optional(),
});
export const idCheckResponse = z.object({
  valid: z.boolean(),
  kind: z.enum(['personal_id', 'cmnd9']).nullable(),
  reasons,
  messages,
});

export const phoneCheckRequest = z.object({ number: z.string().max(64).describe('Số điện thoại ở bất kỳ dạng nào') });
export const phoneCheckResponse = z.object({
  valid: z.boolean(),
  msisdn: z.string().nullable().describe('Dạng quốc gia 10 số 0xxxxxxxxx'),
  carrier: z.string().nullable().describe('Nhà mạng theo đầu số (chỉ là gợi ý: có chuyển mạng giữ số)'),
  reasons,
  messages,
  convertedFrom: z.string().optional().describe('Số 11 số cũ đã được chuyển đổi'),
});

export const nameCheckRequest = z.object({ a: z.string().max(200), b: z.string().max(200) });
export const nameCheckResponse = z.object({
  result: z.enum(['exact', 'same', 'diacritics_missing', 'different']),
  canonical: z.tuple([z.string(), z.string()]),
});

export const dateCheckRequest = z.object({ text: z.string().max(64) });
export const dateCheckResponse = z.object({
  valid: z.boolean(),
  date: z.string().nullable(),
  precision: z.enum(['day', 'month', 'year']).nullable(),
  reasons,
  messages,
});

export const smsCheckRequest = z.object({ text: z.string().max(5000) });
export const smsCheckResponse = z.object({
  encoding: z.enum(['gsm7', 'ucs2']),
  units: z.number().int(),
  parts: z.number().int(),
});
