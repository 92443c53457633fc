/** Requests and answers of `POST /api/v1/verifications` and the demo desk's simulated capture (zod → validation, types and OpenAPI). */
import { z } from 'zod';
import { FACE_TEMPLATE_DIMENSIONS } from '../national-id/index.ts';
import { REASON_MESSAGES_VI, type ReasonCode } from './verification.reasons.ts';
import { ATTEMPT_OUTCOMES, LIVENESS_METHODS, PRESENTATIONS, SIMULATED_STAND_INS, VERIFICATION_CHANNELS } from '../../domain/index.ts';

export { VERIFICATION_CHANNELS };

const reasonCode = z.enum(Object.keys(REASON_MESSAGES_VI) as [ReasonCode, ...ReasonCode[]]).describe('Mã lý do ổn định');
const explained = z.object({ code: reasonCode, message: z.string().describe('Hướng dẫn tiếng Việt') });

const faceSample = z.object({ template: z.array(z.number().finite()).length(FACE_TEMPLATE_DIMENSIONS) });
const liveness = z.object({ method: z.enum(LIVENESS_METHODS), presentation: z.enum(PRESENTATIONS) });

export const verificationRequest = z
  .object({
    msisdn: z.string().max(32).describe('Số thuê bao ở bất kỳ dạng nào (0…, 84…, +84…)'),
    channel: z.enum(VERIFICATION_CHANNELS).describe('Kênh xác thực'),
    place: z.string().max(100).optional().describe('Mã điểm / mã xã, hoặc mô tả nơi xác thực'),
    identity: z.object({
      documentNumber: z.string().max(32).describe('Số định danh cá nhân 12 số (CMND 9 số, hộ chiếu với người nước ngoài)'),
      fullName: z.string().max(200),
      birthDate: z.string().max(32).describe('dd/mm/yyyy, yyyy-mm-dd, mm/yyyy hoặc yyyy'),
    }),
    faceSample: faceSample.nullable().default(null).describe('Mẫu khuôn mặt do thiết bị tính; chuyển tiếp, không lưu'),
    liveness: liveness.nullable().default(null).describe('Bằng chứng kiểm tra người thật'),
    otp: z.string().max(12).optional().describe('Mã OTP đã gửi đến thuê bao (lần gửi thứ hai)'),
    handsetImei: z.string().regex(/^\d{14,16}$/).optional().describe('IMEI của máy đang dùng'),
    consent: z
      .boolean()
      .optional()
      .describe(
        'Tại quầy (tài khoản cán bộ, nhân viên): bắt buộc `true`, người đến quầy đã đồng ý rõ ràng cho việc xử lý mẫu khuôn mặt và thông tin cá nhân; thiếu hoặc `false` → 400 CONSENT_REQUIRED. Hệ thống gửi đến (VNeID, ứng dụng nhà mạng) không gửi trường này: sự đồng ý do ứng dụng của họ thu nhận.',
      ),
  })
  .meta({ id: 'VerificationRequest' });

const fieldExplanation = z.object({
  required: z.boolean(),
  result: z.enum(['match', 'no_match', 'not_checked', 'pass', 'fail']),
  code: reasonCode,
  message: z.string(),
});

export const verificationAnswer = z
  .object({
    attemptId: z.number().int(),
    outcome: z.enum(ATTEMPT_OUTCOMES),
    at: z.string(),
    msisdn: z.string().describe('Đã che'),
    channel: z.enum(VERIFICATION_CHANNELS),
    requirements: z.object({ face: z.boolean(), liveness: z.boolean(), otp: z.boolean(), inPerson: z.boolean() }),
    fields: z
      .object({
        documentNumber: fieldExplanation,
        fullName: fieldExplanation,
        birthDate: fieldExplanation,
        face: fieldExplanation,
        liveness: fieldExplanation,
      })
      .describe('Theo từng trường chỉ có khớp / không khớp / chưa kiểm tra: không có điểm số hay khoảng cách'),
    reasons: z.array(explained),
    corrections: z.array(explained).describe('Tại quầy: các thông tin nhân viên cập nhật vào hồ sơ nhà mạng'),
    unlocked: z.boolean().describe('Đã gỡ khoá của chiến dịch'),
    otp: z.object({ expiresAt: z.string(), attemptsLeft: z.number().int() }).nullable(),
  })
  .meta({ id: 'VerificationAnswer' });

export type VerificationAnswer = z.infer<typeof verificationAnswer>;

export const simulatedCaptureRequest = z
  .object({
    msisdn: z.string().max(32).describe('Số thuê bao đang xác thực tại quầy'),
    documentNumber: z.string().max(32).describe('Số định danh cá nhân trên CCCD của người đến quầy'),
    standIn: z.enum(SIMULATED_STAND_INS).describe('Ai đứng trước camera: chính người đó, người khác, hay ảnh in của người đó'),
  })
  .meta({ id: 'SimulatedCaptureRequest' });

export const simulatedCaptureAnswer = z
  .object({
    faceSample: faceSample.describe('Mẫu khuôn mặt mô phỏng: gửi kèm POST /verifications'),
    liveness: liveness.describe('Kết quả chụp mô phỏng để kiểm tra người thật'),
  })
  .meta({ id: 'SimulatedCapture' });
