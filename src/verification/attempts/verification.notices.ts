/**
 * The texts of the SMS a verification sends, written in Vietnamese and sent without diacritics
 * (GSM-7: 160 characters a part instead of 70, docs/domain.md, "SMS").
 */
import { maskMsisdn, toGsm7Text } from '../../domain/index.ts';

/** The one-time code. The SMSC simulator "shows" it: the code is readable in the queued text. */
export function otpNoticeText(code: string, ttlSeconds: number): string {
  const minutes = Math.max(1, Math.round(ttlSeconds / 60));
  return toGsm7Text(`TTTB: Mã xác thực của Quý khách là ${code}, hiệu lực ${minutes} phút. Không cung cấp mã này cho bất kỳ ai.`);
}

export function confirmationNoticeText(msisdn: string): string {
  return toGsm7Text(`Thuê bao ${maskMsisdn(msisdn)} đã được xác thực thông tin thành công. Cảm ơn Quý khách.`);
}

/** After an outage: the documents matched but the face must be captured again (it was not kept). */
export function faceRedoNoticeText(msisdn: string): string {
  return toGsm7Text(
    `Thông tin giấy tờ của thuê bao ${maskMsisdn(msisdn)} đã khớp. Vui lòng chụp lại khuôn mặt trên ứng dụng hoặc tại điểm xác thực để hoàn tất.`,
  );
}

/** After an outage: the retry did not verify the line. */
export function retryRejectedNoticeText(msisdn: string): string {
  return toGsm7Text(
    `Thông tin thuê bao ${maskMsisdn(msisdn)} chưa xác thực được. Vui lòng kiểm tra lại trên ứng dụng hoặc mang CCCD đến cửa hàng, điểm xác thực.`,
  );
}
