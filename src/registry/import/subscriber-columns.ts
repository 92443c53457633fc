/**
 * The documented columns of a carrier's subscriber file (docs/imports.md): their codes, the
 * Vietnamese headings the template writes, and how a file's header row maps onto them.
 */
import { headerLayout, type HeaderLayout, type TableColumn } from './table-columns.ts';

/** One column of the subscriber file. */
export interface SubscriberColumn extends TableColumn {
  /** What to write, in Vietnamese: the template's instructions sheet and docs/imports.md. */
  help: string;
  /** A value for the template's example row. */
  example: string;
}

export const SUBSCRIBER_FILE_COLUMNS = [
  { code: 'msisdn', label: 'Số thuê bao', required: true, help: 'Số di động, dạng 0xxxxxxxxx (chấp nhận +84, 84, số 11 chữ số cũ).', example: '0912345678' },
  { code: 'line_class', label: 'Loại thuê bao', required: true, help: 'h2h (người dùng) hoặc non_h2h (máy, thiết bị).', example: 'h2h' },
  { code: 'holder_kind', label: 'Chủ thuê bao', required: true, help: 'citizen (công dân), foreigner (người nước ngoài) hoặc organisation (tổ chức).', example: 'citizen' },
  { code: 'document_type', label: 'Loại giấy tờ', required: true, help: 'personal_id (số định danh cá nhân 12 số), cmnd9 (CMND 9 số) hoặc passport (hộ chiếu).', example: 'personal_id' },
  { code: 'document_number', label: 'Số giấy tờ', required: true, help: 'Số định danh cá nhân 12 số, CMND 9 số hoặc số hộ chiếu.', example: '089190001234' },
  { code: 'full_name', label: 'Họ và tên', required: true, help: 'Họ và tên đầy đủ, có dấu, như trên giấy tờ.', example: 'Nguyễn Văn An' },
  { code: 'birth_date', label: 'Ngày sinh', required: true, help: 'dd/mm/yyyy, yyyy-mm-dd; chỉ tháng và năm (mm/yyyy) hoặc chỉ năm (yyyy) khi giấy tờ chỉ ghi vậy.', example: '05/09/1990' },
  { code: 'birth_precision', label: 'Độ chính xác ngày sinh', required: false, help: 'day, month hoặc year; để trống thì suy ra từ cách ghi ngày sinh.', example: 'day' },
  { code: 'sex', label: 'Giới tính', required: false, help: 'male/Nam hoặc female/Nữ; có thể để trống.', example: 'male' },
  { code: 'commune_code', label: 'Mã xã', required: false, help: 'Mã xã, phường, đặc khu (từ 1/7/2025). Để trống khi ghi địa chỉ cũ ở ba cột sau.', example: '30307' },
  { code: 'old_commune', label: 'Xã cũ', required: false, help: 'Địa chỉ cũ trước 1/7/2025: xã, phường, thị trấn.', example: '' },
  { code: 'old_district', label: 'Huyện cũ', required: false, help: 'Địa chỉ cũ: huyện, thị xã, thành phố.', example: '' },
  { code: 'old_province', label: 'Tỉnh cũ', required: false, help: 'Địa chỉ cũ: An Giang hoặc Kiên Giang.', example: '' },
  { code: 'imei', label: 'IMEI', required: false, help: 'IMEI 15 số của máy đang dùng SIM; có thể để trống.', example: '356938035643809' },
  { code: 'registered_at', label: 'Thời điểm đăng ký', required: true, help: 'yyyy-mm-ddThh:mm:ssZ, hoặc dd/mm/yyyy hh:mm (giờ Việt Nam).', example: '2021-03-15T02:30:00Z' },
  { code: 'verified_at', label: 'Thời điểm chuẩn hoá', required: false, help: 'Khi nhà mạng đã chuẩn hoá thông tin thuê bao đủ bốn trường; để trống nếu chưa.', example: '' },
  { code: 'status', label: 'Trạng thái', required: false, help: 'active (đang hoạt động, mặc định) hoặc closed (đã đóng).', example: 'active' },
  { code: 'ported_in', label: 'Chuyển mạng đến', required: false, help: 'yes khi số chuyển từ nhà mạng khác sang nhà mạng gửi tệp.', example: '' },
  { code: 'ported_at', label: 'Ngày chuyển mạng', required: false, help: 'Ngày số chuyển đến nhà mạng gửi tệp (dd/mm/yyyy hoặc yyyy-mm-dd).', example: '' },
] as const satisfies readonly SubscriberColumn[];

export type SubscriberColumnCode = (typeof SUBSCRIBER_FILE_COLUMNS)[number]['code'];

/** Where each known column sits in the file, and what the header held that tttb does not know. */
export type ColumnLayout = HeaderLayout<SubscriberColumnCode>;

/** Maps a header row onto the documented columns. */
export const layoutColumns: (header: readonly string[]) => ColumnLayout = headerLayout<SubscriberColumnCode>(SUBSCRIBER_FILE_COLUMNS);

/** The Vietnamese name of a column, for reports. */
export function columnLabel(code: string): string {
  return SUBSCRIBER_FILE_COLUMNS.find((c) => c.code === code)?.label ?? code;
}
