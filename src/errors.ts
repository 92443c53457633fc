/**
 * One catalogue of error codes. Services throw {@link AppError}; the HTTP layer turns it into
 * problem+json and the CLI into a one-line message, both with the stable code and the Vietnamese title.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, title: 'Dữ liệu gửi lên không hợp lệ' },
  NOT_FOUND: { status: 404, title: 'Không tìm thấy' },
  ROUTE_NOT_FOUND: { status: 404, title: 'Không có đường dẫn API này' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Phương thức không được hỗ trợ' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Dữ liệu gửi lên quá lớn' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Định dạng dữ liệu không được hỗ trợ' },
  DEMO_DATA_EXISTS: { status: 409, title: 'Cơ sở dữ liệu đã có dữ liệu' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'Không kết nối được cơ sở dữ liệu' },
  INTERNAL: { status: 500, title: 'Lỗi hệ thống, vui lòng thử lại sau' },
  // What the HTTP layer answers for a request it could not read (Fastify's and Node's own errors).
  BAD_REQUEST: { status: 400, title: 'Yêu cầu HTTP không hợp lệ' },
  URL_INVALID: { status: 400, title: 'Đường dẫn không hợp lệ' },
  URL_TOO_LONG: { status: 414, title: 'Đường dẫn quá dài' },
  REQUEST_TIMEOUT: { status: 408, title: 'Hết thời gian chờ gửi yêu cầu' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Phần tiêu đề (header) của yêu cầu quá lớn' },
  SUBSCRIBER_NOT_FOUND: { status: 404, title: 'Không tìm thấy thuê bao' },
  MSISDN_INVALID: { status: 400, title: 'Số điện thoại không hợp lệ' },
  IDENTITY_INVALID: { status: 400, title: 'Thông tin giấy tờ tùy thân không hợp lệ' },
  OTP_INVALID: { status: 400, title: 'Mã OTP không đúng' },
  OTP_EXPIRED: { status: 400, title: 'Mã OTP đã hết hạn hoặc chưa được gửi' },
  OTP_TOO_MANY_ATTEMPTS: { status: 429, title: 'Nhập sai mã OTP quá số lần cho phép' },
  CHANNEL_NOT_ALLOWED: { status: 409, title: 'Thuê bao này không xác thực được qua kênh đã chọn' },
  LINE_TERMINATED: { status: 409, title: 'Thuê bao đã bị chấm dứt hợp đồng' },
  LINE_CLOSED: { status: 409, title: 'Nhà mạng đã đóng thuê bao này trước thời điểm đó' },
  RESULT_IN_FUTURE: { status: 400, title: 'Thời điểm xác thực ở tương lai' },
  RESULT_REFERENCE_REUSED: { status: 409, title: 'Mã tham chiếu đã dùng cho một kết quả xác thực khác' },
  // Carriers' events (src/carriers): each event of a batch is answered on its own.
  EVENT_IN_FUTURE: { status: 400, title: 'Thời điểm của sự kiện ở tương lai' },
  EVENT_REFERENCE_REUSED: { status: 409, title: 'Mã tham chiếu đã dùng cho một sự kiện khác' },
  EVENT_BEFORE_REGISTRATION: { status: 400, title: 'Thời điểm của sự kiện trước khi thuê bao được đăng ký' },
  HOLDER_INVALID: { status: 400, title: 'Thông tin chủ thuê bao mới không hợp lệ' },
  PORT_TO_SAME_CARRIER: { status: 400, title: 'Số không thể chuyển sang chính nhà mạng đang giữ số' },
  LOCK_ORDER_NOT_FOUND: { status: 404, title: 'Không tìm thấy lệnh khóa hoặc mở khóa' },
  CONFIRMATION_BEFORE_ORDER: { status: 400, title: 'Thời điểm xác nhận sớm hơn thời điểm ra lệnh' },
  CARRIER_EVENTS_FILE_COLUMNS: { status: 400, title: 'Tệp sự kiện thuê bao thiếu cột bắt buộc hoặc có cột trùng tên' },
  // Verification attempts: limits against guessing and the face step closed online (issue 9.2).
  VERIFICATION_LINE_LIMIT: { status: 429, title: 'Thuê bao này đã được thử xác thực quá số lần cho phép, vui lòng thử lại sau' },
  VERIFICATION_CLIENT_LIMIT: { status: 429, title: 'Quá nhiều yêu cầu xác thực từ một địa chỉ, vui lòng thử lại sau' },
  CONSENT_REQUIRED: { status: 400, title: 'Chưa có sự đồng ý của người đến xác thực' },
  FACE_STEP_CLOSED: { status: 409, title: 'Khuôn mặt không khớp nhiều lần: thuê bao cần xác thực trực tiếp tại cửa hàng hoặc điểm xác thực' },
  // Access (src/access, docs/access.md).
  NOT_SIGNED_IN: { status: 401, title: 'Cần đăng nhập' },
  FORBIDDEN: { status: 403, title: 'Tài khoản không có quyền thực hiện việc này' },
  CHANNEL_NOT_PERMITTED: { status: 403, title: 'Tài khoản này không được xác thực qua kênh đã chọn' },
  CSRF_REFUSED: { status: 403, title: 'Yêu cầu thiếu mã chống giả mạo (CSRF): tải lại trang rồi thử lại' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: 'Cần đổi mật khẩu trước khi tiếp tục' },
  SECOND_FACTOR_SETUP_REQUIRED: { status: 403, title: 'Cần thiết lập xác thực hai lớp (mã TOTP) trước khi tiếp tục' },
  SIGN_IN_FAILED: { status: 401, title: 'Tên đăng nhập hoặc mật khẩu không đúng' },
  SIGN_IN_SLOWED: { status: 429, title: 'Đăng nhập sai nhiều lần: hệ thống đang làm chậm việc đăng nhập, vui lòng chờ' },
  TOTP_REQUIRED: { status: 401, title: 'Nhập mã xác thực hai lớp (6 số trong ứng dụng xác thực)' },
  TOTP_INVALID: { status: 401, title: 'Mã xác thực hai lớp không đúng hoặc đã hết hạn' },
  PASSWORD_WRONG: { status: 401, title: 'Mật khẩu hiện tại không đúng' },
  PASSWORD_WEAK: { status: 400, title: 'Mật khẩu mới chưa đủ mạnh' },
  REASON_REQUIRED: { status: 400, title: 'Cần nêu lý do xem dữ liệu cá nhân' },
  USER_EXISTS: { status: 409, title: 'Tên đăng nhập đã có' },
  USER_NOT_FOUND: { status: 404, title: 'Không tìm thấy tài khoản' },
  SCOPE_INVALID: { status: 400, title: 'Phạm vi của tài khoản không hợp lệ' },
  TOKEN_EXISTS: { status: 409, title: 'Tên khoá API đã có' },
  TOKEN_NOT_FOUND: { status: 404, title: 'Không tìm thấy khoá API' },
  TOTP_NOT_ENABLED: { status: 409, title: 'Tài khoản này chưa bật xác thực hai lớp' },
  // Importing accounts from a sheet (tttb user import): nothing is created while a row is wrong.
  IMPORT_FILE_INVALID: { status: 400, title: 'Không đọc được danh sách tài khoản (tệp Excel .xlsx)' },
  IMPORT_ROWS_INVALID: { status: 400, title: 'Danh sách tài khoản có dòng không hợp lệ, chưa tạo tài khoản nào' },
  // Carriers' subscriber files (src/registry/import, docs/imports.md).
  SUBSCRIBER_FILE_COLUMNS: { status: 400, title: 'Tệp thuê bao thiếu cột bắt buộc hoặc có cột trùng tên' },
  SUBSCRIBER_ROWS_INVALID: { status: 422, title: 'Tệp thuê bao có dòng không hợp lệ: chưa nạp dòng nào (chọn "nạp các dòng hợp lệ" để nạp phần còn lại)' },
  IMPORT_CLOSURES_NEED_CONFIRMATION: { status: 409, title: 'Tệp đầy đủ này sẽ đóng quá nhiều thuê bao của nhà mạng: cần xác nhận trước khi nạp' },
  // Reading a table file, a carrier's subscriber file or the statistics office's table (registry/import/table-file.ts): the file as a whole is refused.
  TABLE_FILE_UNREADABLE: { status: 400, title: 'Không mở được tệp dữ liệu' },
  TABLE_FILE_EMPTY: { status: 400, title: 'Tệp dữ liệu rỗng' },
  TABLE_NO_HEADER: { status: 422, title: 'Tệp không có dòng tiêu đề (tên các cột)' },
  CSV_HEADER_BROKEN: { status: 422, title: 'Dòng tiêu đề của tệp CSV sai dấu ngoặc kép' },
  ENCODING_TCVN3: { status: 422, title: 'Tệp dùng bảng mã TCVN3 (ABC), không phải Unicode' },
  ENCODING_VNI: { status: 422, title: 'Tệp dùng bảng mã VNI, không phải Unicode' },
  ENCODING_UTF16: { status: 422, title: 'Tệp là văn bản Unicode UTF-16, không phải CSV UTF-8' },
  ENCODING_UNKNOWN: { status: 422, title: 'Tệp không dùng bảng mã UTF-8 hay Windows-1258' },
  ENCODING_INVALID: { status: 422, title: 'Tệp có đoạn không đúng bảng mã UTF-8' },
  XLS_OLD_FORMAT: { status: 400, title: 'Tệp Excel cũ (.xls) không đọc được: hãy lưu lại dưới dạng .xlsx' },
  XLSX_PASSWORD_PROTECTED: { status: 400, title: 'Tệp Excel có đặt mật khẩu' },
  XLSX_INVALID: { status: 400, title: 'Tệp Excel (.xlsx) bị hỏng hoặc không phải tệp .xlsx' },
  XLSX_NO_SHEET: { status: 422, title: 'Tệp Excel không có trang tính nào' },
  // Official statistics (src/registry/statistics, docs/imports.md): a version is loaded whole or not at all.
  STATISTICS_FILE_COLUMNS: { status: 400, title: 'Bảng số liệu thống kê thiếu cột bắt buộc hoặc có cột trùng tên' },
  STATISTICS_ROWS_INVALID: { status: 422, title: 'Bảng số liệu thống kê có dòng không hợp lệ hoặc thiếu xã: chưa nạp phiên bản nào' },
  STATISTICS_FILE_TOO_LONG: { status: 422, title: 'Bảng số liệu thống kê có quá nhiều dòng' },
  STATISTICS_DATES_INVALID: { status: 400, title: 'Ngày công bố hoặc ngày áp dụng của số liệu thống kê không hợp lệ' },
  STATISTICS_PAST_DAYS_SETTLED: { status: 409, title: 'Số liệu mới không được thay đổi số liệu của những ngày đã qua' },
  FILE_EXISTS: { status: 409, title: 'Tệp đã có, không ghi đè' },
  FILE_NOT_WRITABLE: { status: 400, title: 'Không ghi được tệp' },
  RECONCILIATION_BUSY: { status: 409, title: 'Một lần đối soát khác đang chạy' },
  SMSC_NOT_RUNNING: { status: 503, title: 'Không có SMSC (trình mô phỏng) nào đang chạy' },
  SMSC_BIND_REFUSED: { status: 502, title: 'SMSC từ chối đăng nhập (sai system_id hoặc mật khẩu)' },
  SMSC_SUBMIT_REFUSED: { status: 502, title: 'SMSC từ chối tin nhắn' },
  SMS_REPLY_TIMEOUT: { status: 504, title: 'Không nhận được tin trả lời trong thời gian chờ' },
  SELFCHECK_OTP_LIMIT: { status: 429, title: 'Số này đã nhận quá số mã tra cứu cho phép trong một giờ' },
  SELFCHECK_OTP_TOO_SOON: { status: 429, title: 'Số này vừa được gửi mã tra cứu, vui lòng chờ một lát' },
  SELFCHECK_RATE_LIMITED: { status: 429, title: 'Quá nhiều yêu cầu tra cứu, vui lòng thử lại sau ít phút' },
  SELFCHECK_SESSION_INVALID: { status: 401, title: 'Phiên tra cứu không hợp lệ hoặc đã hết hạn' },
  // Deployment mode and clock (src/clock): the CLI exits 2 on each.
  PORT_IN_USE: { status: 409, title: 'Cổng HTTP đang được một chương trình khác dùng' },
  PRODUCTION_SETTINGS_MISSING: { status: 409, title: 'Hệ thống thật (production) thiếu cấu hình bắt buộc' },
  DEMO_ONLY: { status: 409, title: 'Lệnh này chỉ dùng cho cơ sở dữ liệu mẫu (demo)' },
  TIME_IN_FUTURE: { status: 400, title: 'Thời điểm còn ở tương lai: không ghi dữ liệu sau thời điểm hiện tại' },
  CLOCK_BACKWARDS: { status: 409, title: 'Không lùi đồng hồ của bản demo' },
  CAMPAIGN_NOT_FOUND: { status: 404, title: 'Chưa có chiến dịch nào trong hệ thống' },
  CAMPAIGN_TARGET_NOT_FOUND: { status: 404, title: 'Chiến dịch không có mục tiêu này' },
  DEMO_PLAY_DAY_PASSED: { status: 409, title: 'Ngày này của bản demo đã qua: đồng hồ demo không lùi được' },
  COMMUNE_NOT_FOUND: { status: 404, title: 'Không tìm thấy xã, phường, đặc khu này trong phạm vi được xem' },
  PROJECTION_NO_MOBILE_POINT_YIELD: { status: 409, title: 'Chưa có lượt xác thực nào tại điểm hỗ trợ lưu động để ước tính năng suất' },
  CAMPAIGN_TARGET_SCOPE_INVALID: { status: 400, title: 'Chỉ mục tiêu về thuê bao mới giới hạn theo nhà mạng được' },
  // Carriers' weekly reports (src/reports, docs/reports.md).
  REPORT_WEEK_NOT_FOUND: { status: 404, title: 'Chiến dịch không có tuần này, hoặc nhà mạng không thuộc phạm vi được xem' },
  REPORT_NOT_FOUND: { status: 404, title: 'Chưa có báo cáo (hoặc lần nộp) này' },
  REPORT_WEEK_NOT_ENDED: { status: 409, title: 'Tuần chưa kết thúc: báo cáo tuần nộp sau ngày cuối của tuần' },
  REPORT_ACCEPTED_LOCKED: { status: 409, title: 'Báo cáo tuần này đã được Sở chấp nhận và đã khoá: chỉ nộp được bản đính chính, kèm lý do' },
  REPORT_NOT_REVIEWABLE: { status: 409, title: 'Lần nộp này không còn chờ duyệt (đã duyệt, đã trả lại hoặc đã có lần nộp mới hơn)' },
  REPORT_FILE_INVALID: { status: 400, title: 'Tệp báo cáo tuần không đọc được' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A failure the user can act on: a stable code, a Vietnamese title and optional details. */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    const entry = ERROR_CATALOGUE[code];
    super(detail ? `${entry.title}: ${detail}` : entry.title);
    this.name = 'AppError';
    this.status = entry.status;
    this.title = entry.title;
  }
}

/** A VALIDATION_FAILED naming the one field at fault, with its message (the web app shows it beside the field). */
export function fieldInvalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { errors: [{ field, message }] });
}
