/**
 * The catalogue of reason codes a verification answer carries, each with the Vietnamese
 * instruction shown to the person or the counter staff. Codes are stable (stored in
 * `verification_attempts.reasons`, read by apps); messages may be reworded.
 */
export const REASON_MESSAGES_VI = {
  // Personal ID number, as the National Population Database judged it.
  'document.match': 'Số định danh cá nhân khớp với Cơ sở dữ liệu quốc gia về dân cư.',
  'document.legacy_cmnd':
    'CMND 9 số đã hết giá trị từ 31/12/2024: dùng số định danh cá nhân 12 số (CCCD) để xác thực; nếu hồ sơ nhà mạng còn ghi CMND, mang CCCD đến cửa hàng hoặc điểm xác thực để cập nhật.',
  'document.unknown': 'Số giấy tờ không có trong Cơ sở dữ liệu quốc gia về dân cư: kiểm tra lại số trên CCCD.',
  'document.not_checked': 'Chưa đối chiếu số định danh.',
  'document.passport_not_supported':
    'Thuê bao của người nước ngoài: hộ chiếu cần được đối chiếu với cơ sở dữ liệu xuất nhập cảnh, hệ thống chưa kết nối; nhân viên xử lý theo quy trình của nhà mạng.',
  // Full name.
  'name.match': 'Họ tên khớp.',
  'name.diacritics_missing':
    'Họ tên trên hồ sơ nhà mạng thiếu dấu: mang CCCD đến cửa hàng hoặc điểm xác thực để cập nhật họ tên đúng như trên CCCD.',
  'name.different': 'Họ tên không khớp với Cơ sở dữ liệu quốc gia về dân cư: kiểm tra lại họ tên đúng như trên CCCD.',
  'name.not_checked': 'Chưa đối chiếu họ tên.',
  // Date of birth.
  'birth_date.match': 'Ngày sinh khớp.',
  'birth_date.day_month_swapped':
    'Ngày sinh bị đảo ngày và tháng (ví dụ 05/09 thành 09/05): nhập lại đúng ngày/tháng/năm như trên CCCD.',
  'birth_date.precision_differs':
    'Ngày sinh chỉ khớp đến năm (hoặc tháng): nhập ngày sinh đúng như trên CCCD.',
  'birth_date.different': 'Ngày sinh không khớp với Cơ sở dữ liệu quốc gia về dân cư: kiểm tra lại ngày sinh trên CCCD.',
  'birth_date.not_checked': 'Chưa đối chiếu ngày sinh.',
  // Face biometrics.
  'face.match': 'Khuôn mặt khớp với ảnh trong Cơ sở dữ liệu quốc gia.',
  'face.no_match':
    'Khuôn mặt không khớp: chụp lại ở nơi đủ sáng, nhìn thẳng, không đeo kính râm hay khẩu trang; nếu vẫn không được, đến cửa hàng hoặc điểm xác thực.',
  'face.missing': 'Thuê bao này cần xác thực khuôn mặt: chụp ảnh khuôn mặt trong ứng dụng hoặc tại điểm xác thực.',
  'face.not_required': 'Không cần xác thực khuôn mặt cho thuê bao này.',
  'face.not_checked': 'Chưa đối chiếu khuôn mặt.',
  'face.in_person_only':
    'Khuôn mặt không khớp nhiều lần liên tiếp: để bảo vệ thuê bao, bước khuôn mặt chỉ còn làm được trực tiếp; chủ thuê bao mang CCCD đến cửa hàng hoặc điểm xác thực.',
  // Liveness (presentation-attack detection).
  'liveness.pass': 'Đã xác nhận người thật.',
  'liveness.fail':
    'Không xác nhận được người thật (kiểm tra chống giả mạo không đạt): đến cửa hàng hoặc điểm xác thực để xác thực trực tiếp.',
  'liveness.missing':
    'Cần kiểm tra người thật (thuê bao thứ hai trở lên của một người, hoặc thuê bao vừa đổi máy): thực hiện bước quay khuôn mặt trong ứng dụng hoặc tại điểm xác thực.',
  'liveness.not_required': 'Không cần kiểm tra người thật cho thuê bao này.',
  'liveness.not_checked': 'Chưa kiểm tra người thật.',
  // The person on record.
  'person.deceased':
    'Cơ sở dữ liệu quốc gia ghi nhận người này đã mất: thân nhân liên hệ nhà mạng để chấm dứt hoặc chuyển quyền sử dụng thuê bao.',
  // The identity submitted against the line's registration at the carrier.
  'registration.document_differs':
    'Số giấy tờ không phải số đã đăng ký cho thuê bao này: chủ thuê bao mang CCCD đến cửa hàng của nhà mạng để làm thủ tục.',
  'registration.legacy_cmnd':
    'Hồ sơ nhà mạng còn ghi CMND 9 số: mang CCCD đến cửa hàng hoặc điểm xác thực để cập nhật số định danh cá nhân.',
  'registration.name_no_diacritics':
    'Họ tên trên hồ sơ nhà mạng thiếu dấu: mang CCCD đến cửa hàng hoặc điểm xác thực để cập nhật họ tên đúng như trên CCCD.',
  'registration.name_differs':
    'Họ tên khai báo khác họ tên trên hồ sơ nhà mạng: mang CCCD đến cửa hàng hoặc điểm xác thực để cập nhật.',
  'registration.birth_date_swapped':
    'Ngày sinh trên hồ sơ nhà mạng bị đảo ngày và tháng: mang CCCD đến cửa hàng hoặc điểm xác thực để cập nhật.',
  'registration.birth_date_differs':
    'Ngày sinh khai báo khác ngày sinh trên hồ sơ nhà mạng: mang CCCD đến cửa hàng hoặc điểm xác thực để cập nhật.',
  'registration.update_document': 'Nhân viên cập nhật số định danh cá nhân 12 số vào hồ sơ thuê bao.',
  'registration.update_full_name': 'Nhân viên cập nhật họ tên theo CCCD vào hồ sơ thuê bao.',
  'registration.update_birth_date': 'Nhân viên cập nhật ngày sinh theo CCCD vào hồ sơ thuê bao.',
  // Channel rules.
  'channel.foreigner_in_person':
    'Thuê bao của người nước ngoài chỉ xác thực trực tiếp: mang hộ chiếu đến cửa hàng hoặc điểm xác thực của nhà mạng.',
  'channel.two_way_lock_in_person':
    'Thuê bao đã bị khoá hai chiều chỉ xác thực trực tiếp: mang CCCD đến cửa hàng hoặc điểm xác thực.',
  'line.terminated': 'Thuê bao đã bị chấm dứt hợp đồng và thu hồi số: không thể xác thực.',
  // OTP to a person's single line.
  'otp.sent': 'Đã gửi mã OTP đến số thuê bao: nhập mã để tiếp tục xác thực.',
  'otp.already_sent': 'Mã OTP vừa được gửi: nhập mã đã nhận, hoặc chờ một phút để nhận mã mới.',
  'otp.invalid': 'Mã OTP không đúng: nhập lại mã đã nhận.',
  'otp.expired': 'Mã OTP đã hết hạn: gửi lại yêu cầu để nhận mã mới.',
  'otp.too_many_tries': 'Nhập sai mã OTP quá số lần cho phép: gửi lại yêu cầu để nhận mã mới.',
  'otp.verified': 'Mã OTP đúng.',
  // The national service and retries.
  'service.unavailable':
    'Cơ sở dữ liệu quốc gia tạm thời không trả lời: yêu cầu được giữ và tự động gửi lại, kết quả sẽ được báo qua tin nhắn.',
  'pending.face_redo':
    'Thông tin giấy tờ đã khớp; ảnh khuôn mặt không được lưu nên cần chụp lại khuôn mặt để hoàn tất xác thực.',
  'pending.expired': 'Không nhận được kết quả từ Cơ sở dữ liệu quốc gia trong thời hạn: vui lòng xác thực lại.',
  // Results verified elsewhere (VNeID, a carrier's app or stores) and pushed to tttb.
  'pushed.superseded':
    'Kết quả xác thực có thời điểm trước một thay đổi sau đó của thuê bao (đổi máy, đổi thông tin đăng ký, đóng hoặc chuyển mạng): cần xác thực lại.',
  'pushed.already_verified_later': 'Thuê bao đã được xác thực sau thời điểm của kết quả này: kết quả được ghi nhận, trạng thái giữ nguyên.',
  verified: 'Xác thực thành công.',
} as const;

export type ReasonCode = keyof typeof REASON_MESSAGES_VI;

/** A reason with its Vietnamese instruction, as answers carry it. */
export interface ExplainedReason {
  code: ReasonCode;
  message: string;
}

export function explain(code: ReasonCode): ExplainedReason {
  return { code, message: REASON_MESSAGES_VI[code] };
}

/**
 * Codes that only state a result, a step the line did not need or what staff did: nothing for the
 * person to do afterwards. An OTP's "sent" asks for the code only while the attempt is open.
 */
const STATEMENTS: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'document.match',
  'document.not_checked',
  'name.match',
  'name.not_checked',
  'birth_date.match',
  'birth_date.not_checked',
  'face.match',
  'face.not_required',
  'face.not_checked',
  'liveness.pass',
  'liveness.not_required',
  'liveness.not_checked',
  'registration.update_document',
  'registration.update_full_name',
  'registration.update_birth_date',
  'otp.sent',
  'otp.already_sent',
  'otp.verified',
  'verified',
]);

/** Whether a stored reason code tells the person what to do (codes no longer in the catalogue: no). */
export function isInstruction(code: string): code is ReasonCode {
  return Object.hasOwn(REASON_MESSAGES_VI, code) && !STATEMENTS.has(code as ReasonCode);
}
