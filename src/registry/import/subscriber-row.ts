/**
 * One row of a carrier's subscriber file checked with the domain rules: either a line ready to
 * stage, or the problems that keep it out, each with its column, stable code and Vietnamese
 * message. Warnings (a number only one source knows, an ID number whose digits disagree with the
 * declared birth year or sex) travel with an accepted line: the campaign exists to find and fix such
 * records, so they are loaded and reported, not refused.
 *
 * The rules here are about what can be stored at all. Whether the record matches the National
 * Population Database is reconciliation's question, not the import's.
 */
import {
  BIRTH_DATE_REASON_MESSAGES_VI,
  checkDocumentNumber,
  DATE_PRECISIONS,
  formatBirthDate,
  ID_REASON_MESSAGES_VI,
  MSISDN_REASON_MESSAGES_VI,
  MSISDN_SOURCE_NOTES_VI,
  normalizeMsisdn,
  canonicalName,
  parseBirthDate,
  tidyName,
  type DatePrecision,
  type DocumentType,
  type HolderKind,
  type LineClass,
  type ReferenceData,
  type Sex,
} from '../../domain/index.ts';
import { INSTANT_REASON_MESSAGES_VI, parseInstant } from '../../domain/instant-text.ts';
import { isLuhnValid } from '../../domain/luhn.ts';
import type { ImportRowTable } from '../../db/schema.ts';
import { layoutColumns, type ColumnLayout, type SubscriberColumnCode } from './subscriber-columns.ts';

/** A line as it is staged (`import_rows`) and then written to the registry. */
export type StagedLine = Omit<ImportRowTable, 'import_id' | 'row'>;

export interface RowProblem {
  column: SubscriberColumnCode | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

/** A rejected row keeps its number when that could be read (see import_problems.msisdn). */
export type RowCheck = { line: StagedLine; warnings: RowProblem[] } | { line: null; problems: RowProblem[]; msisdn: string | null };

/** How an old address (before 1/7/2025) turned out: see src/domain/old-address.ts. */
export type OldAddressOutcome =
  | { kind: 'mapped'; code: string }
  | { kind: 'split' | 'ambiguous' | 'unknown'; code: string; message: string };

export interface RowContext {
  reference: ReferenceData;
  /** The codes of the communes of the province. */
  communeCodes: ReadonlySet<string>;
  resolveOldAddress(address: { commune: string; district: string; province: string }): OldAddressOutcome;
  /** The service clock's now: nothing in a file may have happened after it. */
  asOf: Date;
}

/** What a row is checked against besides the clock. */
export type RowReferences = Omit<RowContext, 'asOf'>;

/** Mobile service in Vietnam began in 1993: an earlier registration is a typing error. */
const EARLIEST_REGISTRATION_MS = Date.UTC(1993, 0, 1);

const LINE_CLASS_WORDS: Readonly<Record<string, LineClass>> = { h2h: 'h2h', non_h2h: 'non_h2h', nonh2h: 'non_h2h', m2m: 'non_h2h' };
const HOLDER_KIND_WORDS: Readonly<Record<string, HolderKind>> = {
  citizen: 'citizen', cong_dan: 'citizen', ca_nhan: 'citizen',
  foreigner: 'foreigner', nguoi_nuoc_ngoai: 'foreigner',
  organisation: 'organisation', organization: 'organisation', to_chuc: 'organisation', doanh_nghiep: 'organisation',
};
const DOCUMENT_TYPE_WORDS: Readonly<Record<string, DocumentType>> = {
  personal_id: 'personal_id', cccd: 'personal_id', can_cuoc: 'personal_id', dinh_danh: 'personal_id', so_dinh_danh: 'personal_id',
  cmnd9: 'cmnd9', cmnd: 'cmnd9',
  passport: 'passport', ho_chieu: 'passport',
};
const SEX_WORDS: Readonly<Record<string, Sex>> = { male: 'male', nam: 'male', m: 'male', female: 'female', nu: 'female', f: 'female' };
const STATUS_WORDS: Readonly<Record<string, 0 | 1>> = { active: 0, hoat_dong: 0, dang_hoat_dong: 0, closed: 1, da_dong: 1, dong: 1 };
const YES_NO_WORDS: Readonly<Record<string, 0 | 1>> = { yes: 1, y: 1, co: 1, true: 1, '1': 1, no: 0, n: 0, khong: 0, false: 0, '0': 0 };
const PRECISION_WORDS: Readonly<Record<string, DatePrecision>> = Object.fromEntries(DATE_PRECISIONS.map((p) => [p, p]));
const PASSPORT = /^[A-Z0-9]{6,12}$/;
const NAME_LETTERS = /^[\p{L}\p{M}' .-]+$/u;

/**
 * A bounded memo for the per-row normalisations: a file repeats the same few words in its coded
 * columns, and a person's name on the consecutive rows of their lines; normalising each anew was a
 * third of a row's cost. Small on purpose: a memo of 50,000 names, emptied when full, left its
 * entries to die in the old generation, and a 1 M-line import's heap swung by 300 MB.
 */
function memoised<T>(compute: (text: string) => T, limit = 4_096): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) {
      if (memo.size >= limit) memo.clear();
      memo.set(text, (value = compute(text)));
    }
    return value;
  };
}

// Words typed into a coded column: case, diacritics and separators do not matter.
/** A word as files write it: lower case, no diacritics, words joined by `_` (`Đã đóng` → `da_dong`). */
export const wordKey = memoised((text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, ''),
);

/** A name as stored: tidied, and its canonical key. */
const storedName = memoised((text: string) => {
  const fullName = tidyName(text);
  return { fullName, nameKey: canonicalName(fullName), letters: fullName !== '' && NAME_LETTERS.test(fullName) };
});

/** Row-level codes and their Vietnamese messages (those that carry no domain reason of their own). */
export const ROW_MESSAGES_VI = {
  ROW_VALUE_REQUIRED: 'Cột bắt buộc nhưng đang để trống.',
  ROW_LINE_CLASS_INVALID: 'Loại thuê bao phải là h2h hoặc non_h2h.',
  ROW_HOLDER_KIND_INVALID: 'Chủ thuê bao phải là citizen, foreigner hoặc organisation.',
  ROW_DOCUMENT_TYPE_INVALID: 'Loại giấy tờ phải là personal_id, cmnd9 hoặc passport.',
  ROW_DOCUMENT_HOLDER_MISMATCH: 'Loại giấy tờ không hợp với chủ thuê bao: người nước ngoài dùng hộ chiếu, công dân dùng số định danh hoặc CMND.',
  ROW_PASSPORT_INVALID: 'Số hộ chiếu phải gồm 6–12 chữ hoặc số.',
  ROW_NAME_INVALID: 'Họ và tên chỉ được gồm chữ cái, dấu cách và dấu nối.',
  ROW_BIRTH_PRECISION_INVALID: 'Độ chính xác ngày sinh phải là day, month hoặc year.',
  ROW_BIRTH_PRECISION_MISMATCH: 'Độ chính xác ngày sinh không khớp với cách ghi ngày sinh.',
  ROW_SEX_INVALID: 'Giới tính phải là male/Nam hoặc female/Nữ.',
  ROW_COMMUNE_UNKNOWN: 'Mã xã không có trong danh mục đơn vị hành chính của tỉnh.',
  ROW_IMEI_INVALID: 'IMEI phải gồm 15 chữ số với số kiểm tra đúng (thuật toán Luhn).',
  ROW_REGISTERED_AT_FUTURE: 'Thời điểm đăng ký nằm trong tương lai.',
  ROW_REGISTERED_AT_TOO_OLD: 'Thời điểm đăng ký trước năm 1993, khi chưa có mạng di động.',
  ROW_VERIFIED_AT_OUT_OF_RANGE: 'Thời điểm chuẩn hoá phải sau thời điểm đăng ký và không ở tương lai.',
  ROW_STATUS_INVALID: 'Trạng thái phải là active hoặc closed.',
  ROW_PORTED_IN_INVALID: 'Cột chuyển mạng đến phải là yes hoặc no.',
  ROW_DOCUMENT_DIGITS_DISAGREE: 'Năm sinh hoặc giới tính suy ra từ số định danh không khớp với hồ sơ; thuê bao sẽ được đối soát.',
} as const;

type RowCode = keyof typeof ROW_MESSAGES_VI;

/** Checks one data row; `values` are the file's cells, placed by `layout`. */
export function checkSubscriberRow(values: readonly string[], layout: ColumnLayout, ctx: RowContext): RowCheck {
  return new SubscriberRowChecker(layout, ctx).check(values);
}

/**
 * The row check for many rows of one file: made once for its layout, then `check` per row. Its
 * helpers are methods rather than closures made for each row (a sixth of a row's cost went on
 * making and naming them).
 */
export class SubscriberRowChecker {
  private values: readonly string[] = [];
  private problems: RowProblem[] = [];

  constructor(
    private readonly layout: ColumnLayout,
    private readonly ctx: RowContext,
  ) {}

  check(values: readonly string[]): RowCheck {
    this.values = values;
    this.problems = [];
    const warnings: RowProblem[] = [];
    const ctx = this.ctx;

    const msisdnText = this.required('msisdn');
    const number = msisdnText === null ? null : normalizeMsisdn(msisdnText, ctx.reference);
    if (number && !number.valid) this.fail('msisdn', 'ROW_MSISDN_INVALID', MSISDN_REASON_MESSAGES_VI[number.reasons[0] ?? 'wrong_length']);
    // A real number is never refused because one source is behind the other: loaded, for the carrier to confirm.
    if (number?.knownBy === 'carrier_table' || number?.knownBy === 'numbering_plan') {
      warnings.push({ column: 'msisdn', severity: 'warning', code: 'ROW_MSISDN_ONE_SOURCE', message: MSISDN_SOURCE_NOTES_VI[number.knownBy] });
    }

    const lineClass = this.coded('line_class', LINE_CLASS_WORDS, 'ROW_LINE_CLASS_INVALID');
    const holderKind = this.coded('holder_kind', HOLDER_KIND_WORDS, 'ROW_HOLDER_KIND_INVALID');
    const documentType = this.coded('document_type', DOCUMENT_TYPE_WORDS, 'ROW_DOCUMENT_TYPE_INVALID');
    // An organisation's line carries its representative's document, Vietnamese or foreign.
    if (holderKind && holderKind !== 'organisation' && documentType && (holderKind === 'foreigner') !== (documentType === 'passport')) {
      this.failWith('document_type', 'ROW_DOCUMENT_HOLDER_MISMATCH');
    }

    const nameText = this.required('full_name');
    const name = nameText === null ? null : storedName(nameText);
    if (name !== null && !name.letters) this.failWith('full_name', 'ROW_NAME_INVALID');

    const birth = this.birth();
    const sex = this.coded<Sex | null>('sex', SEX_WORDS, 'ROW_SEX_INVALID', null);
    const document = this.document(documentType, birth, sex, warnings);
    const communeCode = this.commune();

    const imei = this.cell('imei');
    if (imei !== '' && !(imei.length === 15 && isLuhnValid(imei))) this.failWith('imei', 'ROW_IMEI_INVALID');

    const registeredAt = this.instant('registered_at', this.required('registered_at'));
    if (registeredAt !== null) {
      if (registeredAt.ms > ctx.asOf.getTime()) this.failWith('registered_at', 'ROW_REGISTERED_AT_FUTURE');
      else if (registeredAt.ms < EARLIEST_REGISTRATION_MS) this.failWith('registered_at', 'ROW_REGISTERED_AT_TOO_OLD');
    }
    const verifiedText = this.cell('verified_at');
    const verifiedAt = verifiedText === '' ? null : this.instant('verified_at', verifiedText);
    if (verifiedAt && registeredAt && (verifiedAt.ms < registeredAt.ms || verifiedAt.ms > ctx.asOf.getTime())) {
      this.failWith('verified_at', 'ROW_VERIFIED_AT_OUT_OF_RANGE');
    }
    const closed = this.coded<0 | 1>('status', STATUS_WORDS, 'ROW_STATUS_INVALID', 0);
    const portedFlag = this.coded<0 | 1>('ported_in', YES_NO_WORDS, 'ROW_PORTED_IN_INVALID', 0);
    const portedAtText = this.cell('ported_at');
    const portedAt = portedAtText === '' ? null : this.instant('ported_at', portedAtText);

    const problems = this.problems;
    this.values = [];
    if (problems.length > 0) return { line: null, problems: [...problems, ...warnings], msisdn: number?.msisdn ?? null };
    return {
      line: {
        msisdn: number?.msisdn as string,
        line_class: lineClass as LineClass,
        holder_kind: holderKind as HolderKind,
        document_type: document?.type as DocumentType,
        document_number: document?.number as string,
        full_name: (name as { fullName: string }).fullName,
        name_key: (name as { nameKey: string }).nameKey,
        birth_date: (birth as { date: string }).date,
        birth_precision: (birth as { precision: DatePrecision }).precision,
        sex,
        commune_code: communeCode,
        imei: imei === '' ? null : imei,
        registered_at: (registeredAt as { iso: string }).iso,
        verified_at: verifiedAt?.iso ?? null,
        closed: closed ?? 0,
        ported_in: portedFlag === 1 || portedAt !== null ? 1 : 0,
      },
      warnings,
    };
  }

  private cell(column: SubscriberColumnCode): string {
    const at = this.layout.index[column];
    return at === undefined ? '' : (this.values[at] ?? '').trim();
  }

  private fail(column: SubscriberColumnCode, code: string, message: string): void {
    this.problems.push({ column, severity: 'error', code, message });
  }

  private failWith(column: SubscriberColumnCode, code: RowCode): void {
    this.fail(column, code, ROW_MESSAGES_VI[code]);
  }

  private required(column: SubscriberColumnCode): string | null {
    const value = this.cell(column);
    if (value === '') this.failWith(column, 'ROW_VALUE_REQUIRED');
    return value === '' ? null : value;
  }

  private coded<T>(column: SubscriberColumnCode, words: Readonly<Record<string, T>>, code: RowCode, fallback?: T): T | null {
    const value = this.cell(column);
    if (value === '') {
      if (fallback !== undefined) return fallback;
      this.failWith(column, 'ROW_VALUE_REQUIRED');
      return null;
    }
    const found = words[wordKey(value)];
    if (found === undefined) this.failWith(column, code);
    return found ?? null;
  }

  private birth(): { date: string; precision: DatePrecision; year: number } | null {
    const text = this.cell('birth_date');
    if (text === '') {
      this.failWith('birth_date', 'ROW_VALUE_REQUIRED');
      return null;
    }
    const parsed = parseBirthDate(text, { asOf: this.ctx.asOf });
    if (!parsed.ok) {
      this.fail('birth_date', 'ROW_BIRTH_DATE_INVALID', BIRTH_DATE_REASON_MESSAGES_VI[parsed.reason]);
      return null;
    }
    const precisionText = this.cell('birth_precision');
    if (precisionText !== '') {
      const precision = PRECISION_WORDS[wordKey(precisionText)];
      if (precision === undefined) this.failWith('birth_precision', 'ROW_BIRTH_PRECISION_INVALID');
      else if (precision !== parsed.value.precision) this.failWith('birth_precision', 'ROW_BIRTH_PRECISION_MISMATCH');
    }
    return { date: formatBirthDate(parsed.value), precision: parsed.value.precision, year: parsed.value.year };
  }

  private document(
    type: DocumentType | null,
    birth: { date: string; precision: DatePrecision; year: number } | null,
    sex: Sex | null,
    warnings: RowProblem[],
  ): { number: string; type: DocumentType } | null {
    const text = this.required('document_number');
    if (text === null || type === null) return null;
    if (type === 'passport') {
      const passport = text.replace(/\s+/g, '').toUpperCase();
      if (!PASSPORT.test(passport)) this.failWith('document_number', 'ROW_PASSPORT_INVALID');
      return { number: passport, type };
    }
    const check = checkDocumentNumber(text, this.ctx.reference, { asOf: this.ctx.asOf });
    // A 9-digit CMND is stored as it is (it is target group 1); a 12-digit number is a personal ID
    // number whatever the column says, since 12-digit CMNDs already were (docs/domain.md).
    if (check.kind === 'cmnd9' && check.number !== null) return { number: check.number, type: 'cmnd9' };
    if (check.kind !== 'personal_id' || !check.valid || check.number === null) {
      const reason = check.reasons.find((r) => r !== 'cmnd9_legacy') ?? 'wrong_length';
      this.fail('document_number', 'ROW_DOCUMENT_INVALID', ID_REASON_MESSAGES_VI[reason]);
      return null;
    }
    // The digits encode a birth year and a sex; a record that disagrees is loaded, to be reconciled.
    if (check.birthYear !== undefined && ((birth && birth.year !== check.birthYear) || (sex && sex !== check.sex))) {
      warnings.push({ column: 'document_number', severity: 'warning', code: 'ROW_DOCUMENT_DIGITS_DISAGREE', message: ROW_MESSAGES_VI.ROW_DOCUMENT_DIGITS_DISAGREE });
    }
    return { number: check.number, type: 'personal_id' };
  }

  private commune(): string | null {
    const code = this.cell('commune_code');
    if (code !== '') {
      if (!this.ctx.communeCodes.has(code)) this.failWith('commune_code', 'ROW_COMMUNE_UNKNOWN');
      return code;
    }
    const address = { commune: this.cell('old_commune'), district: this.cell('old_district'), province: this.cell('old_province') };
    if (address.commune === '') return null;
    const outcome = this.ctx.resolveOldAddress(address);
    if (outcome.kind === 'mapped') return outcome.code;
    this.fail('old_commune', outcome.code, outcome.message);
    return null;
  }

  private instant(column: SubscriberColumnCode, text: string | null): { iso: string; ms: number } | null {
    if (text === null) return null;
    const parsed = parseInstant(text);
    if (parsed.ok) return parsed;
    this.fail(column, `ROW_${column.toUpperCase()}_INVALID`, INSTANT_REASON_MESSAGES_VI[parsed.reason]);
    return null;
  }
}

/**
 * A registration given field by field (an API's object rather than a file's row), checked with the
 * same rules: a field left out is an empty cell.
 */
export function checkRegistration(fields: Readonly<Partial<Record<SubscriberColumnCode, string>>>, ctx: RowContext): RowCheck {
  const codes = Object.keys(fields) as SubscriberColumnCode[];
  return checkSubscriberRow(codes.map((code) => fields[code] ?? ''), layoutColumns(codes), ctx);
}
