import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERSON_ROLES, ROLE_NAMES_VI, ROLES, type Role } from '../domain/index.ts';
import { AppError } from '../errors.ts';
import { cellText, columnLetter, fieldOfHeader, IMPORT_COLUMNS, MAX_IMPORT_ACCOUNTS, parseUserRows, roleOfLabel, splitScopeValues, type SheetCell, type SheetRow } from './users-import.rows.ts';

const COMMUNES = new Set(['30292', '30301', '30307', '00004']);
const known = { communes: COMMUNES, takenUsernames: new Set(['da.co']) };
const HEADER = ['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Phạm vi'];
const sheet = (...rows: SheetCell[][]): SheetRow[] => rows.map((cells, i) => ({ number: i + 1, cells }));

function fileError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('IMPORT_FILE_INVALID');
    return (error as AppError).message;
  }
  throw new Error('expected IMPORT_FILE_INVALID');
}

describe('parseUserRows', () => {
  it('reads each row into an account, whatever the form of the role and the scope', () => {
    const { users, problems } = parseUserRows(
      sheet(
        ['DANH SÁCH CÁN BỘ XÃ, PHƯỜNG'],
        [],
        ['STT', ...HEADER, 'Ghi chú'],
        [1, ' An.Nguyen ', 'Nguyễn  Văn\u00a0An', 'commune_officer', '30292; 30301,30292'],
        [2, 'binh.tran', 'Trần Thị Bình', 'cán bộ xã, phường', 30307],
        [3, 'cuong', 'Lê Cường', 'Nhân viên nhà mạng', 'Viettel'],
        [4, 'dung', 'Phạm Dung', 'Quản trị cấp tỉnh', 'Toàn tỉnh'],
        [5, 'em.vo', 'Võ Em', 'AUDITOR', null],
        [6],
        [7, null, null, null, null, 'hàng trống có số thứ tự'],
      ),
      known,
    );
    expect(problems).toEqual([]);
    expect(users).toEqual([
      { row: 4, user: { username: 'an.nguyen', displayName: 'Nguyễn Văn An', role: 'commune_officer', scopes: [{ kind: 'commune', value: '30292' }, { kind: 'commune', value: '30301' }] } },
      { row: 5, user: { username: 'binh.tran', displayName: 'Trần Thị Bình', role: 'commune_officer', scopes: [{ kind: 'commune', value: '30307' }] } },
      { row: 6, user: { username: 'cuong', displayName: 'Lê Cường', role: 'carrier_operator', scopes: [{ kind: 'carrier', value: 'viettel' }] } },
      { row: 7, user: { username: 'dung', displayName: 'Phạm Dung', role: 'province_admin', scopes: [] } },
      { row: 8, user: { username: 'em.vo', displayName: 'Võ Em', role: 'auditor', scopes: [] } },
    ]);
  });

  it('reports every bad cell with its row, cell and column, and keeps no account of a bad row', () => {
    const { users, problems } = parseUserRows(
      sheet(
        HEADER,
        ['ok.one', 'Người Một', 'province_viewer', ''],
        ['Xấu Tên', '', 'admin', '30292'],
        ['hai', 'Người Hai', 'commune_officer', '99999, 30301'],
        ['ba.le', 'Người Ba', 'carrier_system', 'viettel'],
        ['bon', { unreadable: 'Ô có lỗi #N/A: sửa công thức hoặc nhập giá trị.' }, 'auditor', '30292'],
        ['ok.one', 'Người Một Lần Nữa', 'auditor', ''],
        ['da.co', 'Đã Có', 'auditor', ''],
      ),
      known,
    );
    expect(users).toEqual([]);
    expect(problems.map((p) => [p.row, p.cell, p.column])).toEqual([
      [2, 'A2', 'Tên đăng nhập'],
      [3, 'A3', 'Tên đăng nhập'],
      [3, 'B3', 'Họ và tên'],
      [3, 'C3', 'Vai trò'],
      [4, 'D4', 'Phạm vi'],
      [5, 'C5', 'Vai trò'],
      [6, 'B6', 'Họ và tên'],
      [6, 'D6', 'Phạm vi'],
      [7, 'A7', 'Tên đăng nhập'],
      [8, 'A8', 'Tên đăng nhập'],
    ]);
    const messages = problems.map((p) => p.message);
    expect(messages[0]).toBe('Tên đăng nhập "ok.one" có ở nhiều dòng: 2, 7.');
    expect(messages[3]).toMatch(/^Không có vai trò "admin": dùng mã hoặc tên vai trò: province_admin \(Quản trị cấp tỉnh/);
    expect(messages[4]).toContain('99999');
    expect(messages[5]).toMatch(/khoá API/);
    expect(messages[7]).toMatch(/cấp tỉnh không có phạm vi/);
    expect(messages[9]).toBe('Tên đăng nhập "da.co" đã có trong hệ thống.');
  });

  it('refuses a sheet that is not a list of accounts, saying why', () => {
    expect(fileError(() => parseUserRows([], known))).toMatch(/trống/);
    expect(fileError(() => parseUserRows(sheet(['a', 'b'], ['c', 'd']), known))).toMatch(/không thấy hàng tiêu đề/);
    expect(fileError(() => parseUserRows(sheet(['Tên đăng nhập', 'Họ và tên', 'Vai trò']), known))).toMatch(/thiếu cột "Phạm vi"/);
    expect(fileError(() => parseUserRows(sheet([...HEADER, 'Vai tro']), known))).toMatch(/"Vai trò" có ở nhiều cột \(C, E\)/);
    expect(fileError(() => parseUserRows(sheet(HEADER, [null, '', null]), known))).toMatch(/không có tài khoản nào/);
    const many = sheet(HEADER, ...Array.from({ length: MAX_IMPORT_ACCOUNTS + 1 }, (_, i) => [`u${i}00`, 'Tên', 'auditor', '']));
    expect(fileError(() => parseUserRows(many, known))).toMatch(/1\.001 tài khoản, mỗi lần nhập tối đa 1\.000/);
  });

  it('reads a commune code stored as a number with its leading zeros', () => {
    const { users } = parseUserRows(sheet(HEADER, ['a.b.c', 'Tên', 'commune_officer', 4]), known);
    expect(users[0]?.user.scopes).toEqual([{ kind: 'commune', value: '00004' }]);
  });
});

/** A label as a person may type it: any case per letter, diacritics dropped or not, odd spaces and marks around. */
function typedLike(label: string): fc.Arbitrary<string> {
  const chars = [...label.normalize('NFC')].map((ch) =>
    ch === ' '
      ? fc.constantFrom(' ', '  ', '\u00a0', ' - ')
      : fc.tuple(fc.boolean(), fc.boolean()).map(([upper, plain]) => {
          const base = plain ? ch.normalize('NFD').replace(/\p{M}/gu, '').replace('đ', 'd').replace('Đ', 'D') : ch;
          return upper ? base.toUpperCase() : base.toLowerCase();
        }),
  );
  const around = fc.constantFrom('', ' ', '  ', '*', ' :', '\u00a0');
  return fc.tuple(around, fc.tuple(...chars), around).map(([before, typed, after]) => before + typed.join('') + after);
}

describe('the normalisers (properties)', () => {
  it('a header is recognised however it is cased, accented or padded', () => {
    const headers = Object.entries(IMPORT_COLUMNS).map(([field, column]) => [field, column.header] as const);
    fc.assert(
      fc.property(
        fc.constantFrom(...headers).chain(([field, header]) => typedLike(header).map((typed) => [field, typed] as const)),
        ([field, typed]) => fieldOfHeader(typed) === field,
      ),
    );
  });

  it('a role is recognised by its code or its Vietnamese name, however typed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES).chain((role) => fc.constantFrom(role, ROLE_NAMES_VI[role]).chain(typedLike).map((typed) => [role, typed] as const)),
        ([role, typed]) => roleOfLabel(typed) === role,
      ),
    );
  });

  it('no two roles share a label', () => {
    const labels = ROLES.flatMap((role: Role) => [role, ROLE_NAMES_VI[role]]).map((label) => roleOfLabel(label));
    expect(labels).toEqual(ROLES.flatMap((role) => [role, role]));
  });

  it('scope values come back whatever separators and spaces join them', () => {
    const code = fc.stringMatching(/^\d{5}$/);
    const separator = fc.constantFrom(',', ';', ', ', ' ; ', '\n', ',,', '; ');
    fc.assert(
      fc.property(fc.array(fc.tuple(code, separator), { minLength: 1, maxLength: 10 }), fc.constantFrom('', ' ', ';'), (parts, trailing) => {
        const text = parts.map(([c, sep], i) => (i === 0 ? c : sep + c)).join('') + trailing;
        expect(splitScopeValues(text)).toEqual(parts.map(([c]) => c));
      }),
    );
  });

  it('an integer cell reads as the digits typed', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 15 }), (n) => {
      expect(cellText(n)).toEqual({ text: String(n) });
    }));
  });

  it('never throws, whatever the cells: every data row gives an account or a problem of its own', () => {
    const cell: fc.Arbitrary<SheetCell> = fc.oneof(
      fc.string(),
      fc.constantFrom(...PERSON_ROLES, 'carrier_system', 'Cán bộ xã, phường', '30292', '30292;30301', 'viettel', 'a.b.c', 'Nguyễn Văn A'),
      fc.double(),
      fc.integer(),
      fc.constant(null),
      fc.constant({ unreadable: 'Ô chứa ngày tháng, cần chữ hoặc số.' }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { minLength: 1, maxLength: 30 }), (rows) => {
        const blank = (c: SheetCell) => {
          const read = cellText(c);
          return 'text' in read && read.text === '';
        };
        const dataRows = rows.flatMap((cells, i) => (cells.slice(0, 4).some((c) => !blank(c)) ? [i + 2] : []));
        let parsed: ReturnType<typeof parseUserRows>;
        try {
          parsed = parseUserRows(sheet(HEADER, ...rows), known);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect(dataRows).toEqual([]);
          return;
        }
        const accountRows = parsed.users.map((u) => u.row);
        const problemRows = [...new Set(parsed.problems.map((p) => p.row))];
        expect([...accountRows, ...problemRows].sort((a, b) => a - b)).toEqual(dataRows);
        for (const p of parsed.problems) expect(p.cell).toMatch(new RegExp(`^[A-D]${p.row}$`));
      }),
      { numRuns: 300 },
    );
  });

  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
