import { z } from 'zod';
import { DATE_PRECISIONS, MSISDN_KNOWN_BY, NAME_COMPARISONS, PERSONAL_DOCUMENT_KINDS, SEXES, SMS_ENCODINGS } from '../domain/index.ts';

const reasons = z.array(z.string()).describe('Mã lý do ổn định');
const messages = z.array(z.string()).describe('Giải thích tiếng Việt cho từng lý do');

export const idCheckRequest = z.object({
  number: z.string().max(64).describe('Số định danh cá nhân (12 số) hoặc CMND (9 số)'),
  birthDate: z.string().max(32).optional().describe('Ngày sinh để đối chiếu (dd/mm/yyyy, yyyy-mm-dd, mm/yyyy, yyyy)'),
  sex: z.enum(SEXES).optional(),
});
export const idCheckResponse = z.object({
  valid: z.boolean(),
  kind: z.enum(PERSONAL_DOCUMENT_KINDS).nullable(),
  reasons,
  messages,
});

export const phoneCheckRequest = z.object({ number: z.string().max(64).describe('Số điện thoại ở bất kỳ dạng nào') });
export const phoneCheckResponse = z.object({
  valid: z.boolean(),
  msisdn: z.string().nullable().describe('Dạng quốc gia 10 số 0xxxxxxxxx'),
  carrier: z.string().nullable().describe('Nhà mạng theo bảng đầu số của tttb (chỉ là gợi ý: có chuyển mạng giữ số); null khi bảng không có đầu số'),
  knownBy: z
    .enum(MSISDN_KNOWN_BY)
    .nullable()
    .describe('Nguồn biết số này: both (cả hai), carrier_table (chỉ bảng đầu số của tttb), numbering_plan (chỉ kế hoạch đánh số quốc gia); null khi số không hợp lệ'),
  note: z.string().nullable().describe('Khi chỉ một nguồn biết số này: ghi chú cần nhà mạng xác nhận'),
  reasons,
  messages,
  convertedFrom: z.string().optional().describe('Số 11 số cũ đã được chuyển đổi'),
});

export const nameCheckRequest = z.object({ a: z.string().max(200), b: z.string().max(200) });
export const nameCheckResponse = z.object({
  result: z.enum(NAME_COMPARISONS),
  canonical: z.tuple([z.string(), z.string()]),
});

export const dateCheckRequest = z.object({ text: z.string().max(64) });
export const dateCheckResponse = z.object({
  valid: z.boolean(),
  date: z.string().nullable(),
  precision: z.enum(DATE_PRECISIONS).nullable(),
  reasons,
  messages,
});

export const smsCheckRequest = z.object({ text: z.string().max(5000) });
export const smsCheckResponse = z.object({
  encoding: z.enum(SMS_ENCODINGS),
  units: z.number().int(),
  parts: z.number().int(),
});
