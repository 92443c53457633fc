import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAdminUnits, loadReferenceData } from '../../reference/index.ts';
import { layoutColumns, SUBSCRIBER_FILE_COLUMNS, type SubscriberColumnCode } from './subscriber-columns.ts';
import { checkSubscriberRow, type RowContext, type RowProblem } from './subscriber-row.ts';

const ctx: RowContext = {
  reference: loadReferenceData(),
  communeCodes: new Set(loadAdminUnits().map((u) => u.code)),
  // The old-address rules have tests of their own (src/domain/old-address.test.ts): here one old
  // commune maps, one is split, anything else is unknown.
  resolveOldAddress: ({ commune }) =>
    commune === 'Phường Mỹ Bình'
      ? { kind: 'mapped', code: '30307' }
      : commune === 'Xã Vĩnh Châu'
        ? { kind: 'split', code: 'OLD_COMMUNE_SPLIT', message: 'chia' }
        : { kind: 'unknown', code: 'OLD_COMMUNE_UNKNOWN', message: 'không có' },
  asOf: new Date('2026-04-28T03:00:00Z'),
};

const header = SUBSCRIBER_FILE_COLUMNS.map((c) => c.code);
const layout = layoutColumns(header);

const GOOD: Partial<Record<SubscriberColumnCode, string>> = {
  msisdn: '+84 912 345 678',
  line_class: 'H2H',
  holder_kind: 'citizen',
  document_type: 'personal_id',
  document_number: '089090001234',
  full_name: '  Nguyễn   Văn An ',
  birth_date: '05/09/1990',
  sex: 'Nam',
  commune_code: '30307',
  imei: '356938035643809',
  registered_at: '15/03/2021 09:30',
};

const rowOf = (cells: Partial<Record<SubscriberColumnCode, string>>) => header.map((c) => cells[c] ?? '');
const check = (changes: Partial<Record<SubscriberColumnCode, string>>) => checkSubscriberRow(rowOf({ ...GOOD, ...changes }), layout, ctx);
const problemsOf = (changes: Partial<Record<SubscriberColumnCode, string>>): Pick<RowProblem, 'column' | 'code'>[] => {
  const result = check(changes);
  return (result.line ? result.warnings : result.problems).map(({ column, code }) => ({ column, code }));
};

describe('checkSubscriberRow', () => {
  it('gives a good row as the line tttb stores: national number, tidy name, ISO dates, UTC instants', () => {
    const result = check({});
    expect(result).toEqual({
      line: {
        msisdn: '0912345678',
        line_class: 'h2h',
        holder_kind: 'citizen',
        document_type: 'personal_id',
        document_number: '089090001234',
        full_name: 'Nguyễn Văn An',
        name_key: 'nguyễn văn an',
        birth_date: '1990-09-05',
        birth_precision: 'day',
        sex: 'male',
        commune_code: '30307',
        imei: '356938035643809',
        registered_at: '2021-03-15T02:30:00.000Z',
        verified_at: null,
        closed: 0,
        ported_in: 0,
      },
      warnings: [],
    });
  });

  it('names the column and the code of every broken field', () => {
    expect(problemsOf({ msisdn: '02438253123' })).toEqual([{ column: 'msisdn', code: 'ROW_MSISDN_INVALID' }]);
    expect(problemsOf({ msisdn: '' })).toEqual([{ column: 'msisdn', code: 'ROW_VALUE_REQUIRED' }]);
    expect(problemsOf({ line_class: 'vip' })).toEqual([{ column: 'line_class', code: 'ROW_LINE_CLASS_INVALID' }]);
    expect(problemsOf({ holder_kind: 'foreigner' })).toEqual([{ column: 'document_type', code: 'ROW_DOCUMENT_HOLDER_MISMATCH' }]);
    expect(problemsOf({ document_number: '08919000123' })).toEqual([{ column: 'document_number', code: 'ROW_DOCUMENT_INVALID' }]);
    expect(problemsOf({ document_number: '999090001234' })).toEqual([{ column: 'document_number', code: 'ROW_DOCUMENT_INVALID' }]);
    expect(problemsOf({ full_name: 'Nguyễn Văn 4n' })).toEqual([{ column: 'full_name', code: 'ROW_NAME_INVALID' }]);
    expect(problemsOf({ birth_date: '31/02/1990' })).toEqual([{ column: 'birth_date', code: 'ROW_BIRTH_DATE_INVALID' }]);
    expect(problemsOf({ birth_date: '05/09/2030' })).toEqual([{ column: 'birth_date', code: 'ROW_BIRTH_DATE_INVALID' }]);
    expect(problemsOf({ birth_precision: 'year' })).toEqual([{ column: 'birth_precision', code: 'ROW_BIRTH_PRECISION_MISMATCH' }]);
    expect(problemsOf({ sex: 'x' })).toEqual([{ column: 'sex', code: 'ROW_SEX_INVALID' }]);
    expect(problemsOf({ commune_code: '99999' })).toEqual([{ column: 'commune_code', code: 'ROW_COMMUNE_UNKNOWN' }]);
    expect(problemsOf({ imei: '356938035643808' })).toEqual([{ column: 'imei', code: 'ROW_IMEI_INVALID' }]);
    expect(problemsOf({ registered_at: '2026-05-01 08:00' })).toEqual([{ column: 'registered_at', code: 'ROW_REGISTERED_AT_FUTURE' }]);
    expect(problemsOf({ registered_at: '1990-05-01' })).toEqual([{ column: 'registered_at', code: 'ROW_REGISTERED_AT_TOO_OLD' }]);
    expect(problemsOf({ registered_at: '30/02/2021' })).toEqual([{ column: 'registered_at', code: 'ROW_REGISTERED_AT_INVALID' }]);
    expect(problemsOf({ verified_at: '2020-01-01T00:00:00Z' })).toEqual([{ column: 'verified_at', code: 'ROW_VERIFIED_AT_OUT_OF_RANGE' }]);
    expect(problemsOf({ status: 'paused' })).toEqual([{ column: 'status', code: 'ROW_STATUS_INVALID' }]);
  });

  it('loads a number only one source knows, with a warning for the carrier to confirm', () => {
    expect(problemsOf({ msisdn: '0951234567' })).toEqual([{ column: 'msisdn', code: 'ROW_MSISDN_ONE_SOURCE' }]);
    expect(problemsOf({ msisdn: '0521234567' })).toEqual([{ column: 'msisdn', code: 'ROW_MSISDN_ONE_SOURCE' }]);
    expect(check({ msisdn: '0951234567' }).line?.msisdn).toBe('0951234567');
  });

  it('keeps the number of a rejected row when it could be read', () => {
    expect(check({ full_name: '' })).toMatchObject({ line: null, msisdn: '0912345678' });
    expect(check({ msisdn: 'abc' })).toMatchObject({ line: null, msisdn: null });
  });

  it('loads a record whose ID digits disagree with the declared birth year or sex, with a warning', () => {
    expect(problemsOf({ birth_date: '1991' })).toEqual([{ column: 'document_number', code: 'ROW_DOCUMENT_DIGITS_DISAGREE' }]);
    expect(problemsOf({ sex: 'Nữ' })).toEqual([{ column: 'document_number', code: 'ROW_DOCUMENT_DIGITS_DISAGREE' }]);
    expect(check({ birth_date: '1991' }).line).toMatchObject({ birth_date: '1991', birth_precision: 'year' });
  });

  it('stores a 9-digit CMND as it is (target group 1) and a foreigner by passport', () => {
    expect(check({ document_number: '351234567', document_type: 'CMND' }).line).toMatchObject({ document_type: 'cmnd9', document_number: '351234567' });
    expect(check({ holder_kind: 'Người nước ngoài', document_type: 'hộ chiếu', document_number: 'b 1234567' }).line).toMatchObject({
      holder_kind: 'foreigner',
      document_type: 'passport',
      document_number: 'B1234567',
    });
  });

  it('maps an old address to the new commune and reports what it cannot map', () => {
    const old = { commune_code: '', old_commune: 'Phường Mỹ Bình', old_district: 'Thành phố Long Xuyên', old_province: 'An Giang' };
    expect(check(old).line?.commune_code).toBe('30307');
    expect(problemsOf({ ...old, old_commune: 'Xã Vĩnh Châu' })).toEqual([{ column: 'old_commune', code: 'OLD_COMMUNE_SPLIT' }]);
    expect(check({ commune_code: '' }).line?.commune_code).toBeNull();
  });

  it('marks a port when the row says so, by flag or by date, and a closed line by its status', () => {
    expect(check({ ported_in: 'yes' }).line?.ported_in).toBe(1);
    expect(check({ ported_at: '01/03/2026' }).line?.ported_in).toBe(1);
    expect(check({ status: 'closed' }).line?.closed).toBe(1);
  });

  it('never throws, and a line it accepts always has a national mobile number and ISO dates', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(...Object.values(GOOD))), { minLength: header.length, maxLength: header.length + 2 }), (cells) => {
        const result = checkSubscriberRow(cells, layout, ctx);
        if (result.line) {
          expect(result.line.msisdn).toMatch(/^0\d{9}$/);
          expect(result.line.registered_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        } else expect(result.problems.some((p) => p.severity === 'error')).toBe(true);
      }),
    );
  });
});

describe('layoutColumns', () => {
  it('takes codes and Vietnamese names in any case and order, and says what is missing or twice', () => {
    const found = layoutColumns(['SỐ THUÊ BAO', 'loai thue bao', 'Ngày sinh', 'msisdn', 'ghi chú']);
    expect(found.index).toEqual({ msisdn: 0, line_class: 1, birth_date: 2 });
    expect(found.duplicated).toEqual(['msisdn']);
    expect(found.unknown).toEqual(['ghi chú']);
    expect(found.missing).toEqual(['holder_kind', 'document_type', 'document_number', 'full_name', 'registered_at']);
  });
});
