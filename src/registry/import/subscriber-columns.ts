/**
 * The documented columns of a carrier's subscriber file (docs/imports.md): their codes, the
 * Vietnamese headings the template writes, and how a file's header row maps onto them.
 */
import { stripDiacritics } from '../../domain/index.ts';

/** One column of the subscriber file. */
export interface SubscriberColumn {
  /** The column's code, the header the template writes. */
  code: string;
  /** Vietnamese name, accepted as a header too, and shown in row reports. */
  label: string;
  required: boolean;
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

/** A header written as a code or as its Vietnamese name, in any case, with or without diacritics. */
function headerKey(text: string): string {
  return stripDiacritics(text.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Where each known column sits in a file, and what the header held that the file's columns do not know. */
export interface Layout<C extends string> {
  index: Readonly<Partial<Record<C, number>>>;
  unknown: string[];
  missing: C[];
  duplicated: C[];
}

export type ColumnLayout = Layout<SubscriberColumnCode>;

/** Maps a header row onto documented columns (each known by its code or its Vietnamese name). */
export function layoutOf<C extends string>(columns: readonly { code: C; label: string; required: boolean }[], header: readonly string[]): Layout<C> {
  const byHeader = new Map<string, C>(columns.flatMap((c) => [[headerKey(c.code), c.code] as const, [headerKey(c.label), c.code] as const]));
  const index: Partial<Record<C, number>> = {};
  const unknown: string[] = [];
  const duplicated: C[] = [];
  header.forEach((heading, i) => {
    const code = byHeader.get(headerKey(heading));
    if (code === undefined) {
      if (heading.trim() !== '') unknown.push(heading);
    } else if (index[code] !== undefined) duplicated.push(code);
    else index[code] = i;
  });
  const missing = columns.filter((c) => c.required && index[c.code] === undefined).map((c) => c.code);
  return { index, unknown, missing, duplicated };
}

/** Maps a header row onto the subscriber file's columns. */
export function layoutColumns(header: readonly string[]): ColumnLayout {
  return layoutOf(SUBSCRIBER_FILE_COLUMNS, header);
}

/** The Vietnamese name of a column, for reports. */
export function columnLabel(code: string): string {
  return SUBSCRIBER_FILE_COLUMNS.find((c) => c.code === code)?.label ?? code;
}
