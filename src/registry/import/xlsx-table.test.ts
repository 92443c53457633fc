import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableFileError } from './table-file-errors.ts';
import { openTable, type OpenedTable, type TableItem } from './table-file.ts';
import { temporaryFolder, VIETNAMESE_SAMPLES } from './table-file.testing.ts';
import { isoDateTime, plainDecimal } from './xlsx-table.ts';

let files: Awaited<ReturnType<typeof temporaryFolder>>;
let count = 0;

beforeAll(async () => {
  files = await temporaryFolder();
});
afterAll(async () => {
  await files.remove();
});

async function workbookFile(build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return files.file(`w${count++}.xlsx`, Buffer.from(await workbook.xlsx.writeBuffer()));
}

async function items(table: OpenedTable): Promise<TableItem[]> {
  const all: TableItem[] = [];
  for await (const item of table.rows()) all.push(item);
  return all;
}

const rows = (all: TableItem[]) => all.flatMap((i) => (i.kind === 'row' ? [i.row] : []));

/** The subscriber sheet most tests read: a merged title, the header on row 3, then rows. */
function subscriberSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet('Thuê bao');
  sheet.getCell('A1').value = 'DANH SÁCH THUÊ BAO CẦN XÁC THỰC';
  sheet.mergeCells('A1:D1');
  sheet.getRow(3).values = ['Số thuê bao', ' Họ tên ', 'Ngày sinh', 'Ghi chú'];
  return sheet;
}

describe('openTable: xlsx', () => {
  it('reads the first visible sheet: title passed over, each kind of value as text', async () => {
    const path = await workbookFile((workbook) => {
      workbook.addWorksheet('Ẩn').state = 'hidden';
      const sheet = subscriberSheet(workbook);
      sheet.getRow(4).values = [912345678, { richText: [{ text: 'Nguyễn ' }, { text: 'Thị Hồng Nhung', font: { bold: true } }] }, new Date(Date.UTC(1990, 4, 17)), true];
      sheet.getRow(5).values = ['0912345679', 'Nguye\u0302\u0303n Văn B', new Date(Date.UTC(1985, 0, 2, 8, 30, 15)), 0.00015];
      sheet.getRow(6).values = [84912345678901, 'Lê Thị Ánh Tuyết', null, false, 'ngoài tiêu đề'];
    });
    const table = await openTable(path);
    expect(table).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, header: ['Số thuê bao', 'Họ tên', 'Ngày sinh', 'Ghi chú'] });
    expect(rows(await items(table))).toEqual([
      { row: 4, values: ['912345678', 'Nguyễn Thị Hồng Nhung', '1990-05-17', 'TRUE'], problems: [] },
      { row: 5, values: ['0912345679', 'Nguyễn Văn B', '1985-01-02T08:30:15', '0.00015'], problems: [] },
      { row: 6, values: ['84912345678901', 'Lê Thị Ánh Tuyết', '', 'FALSE'], problems: [] },
    ]);
    expect(table.progress().bytesRead).toBe(table.progress().totalBytes);
  });

  it('reports a formula, with or without a saved result, and an error value, on their cells', async () => {
    const path = await workbookFile((workbook) => {
      const sheet = subscriberSheet(workbook);
      sheet.getRow(4).values = ['0912345678', { formula: 'UPPER("an")', result: 'AN' }, { formula: 'DATE(1990,1,1)' }, { error: '#N/A' }];
    });
    const [row] = rows(await items(await openTable(path)));
    expect(row!.values).toEqual(['0912345678', 'AN', '', '']);
    expect(row!.problems).toEqual([
      { column: 1, code: 'XLSX_FORMULA', message: 'Ô B4 chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức.' },
      { column: 2, code: 'XLSX_FORMULA', message: 'Ô C4 chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức.' },
      { column: 3, code: 'XLSX_ERROR_VALUE', message: 'Ô D4 có giá trị lỗi #N/A của Excel; hãy sửa lại hoặc nhập giá trị.' },
    ]);
  });

  it('reports every row of a merged range, its first row included, for each column it covers', async () => {
    const path = await workbookFile((workbook) => {
      const sheet = subscriberSheet(workbook);
      sheet.getRow(4).values = ['0912345678', 'An', '1990-01-01', 'Ấp 1'];
      sheet.getRow(5).values = ['0912345679', 'Bình'];
      sheet.mergeCells('D4:D6');
      sheet.getRow(8).values = ['0912345670', 'Chi', 'x', 'y'];
      sheet.mergeCells('B8:C8');
    });
    const read = rows(await items(await openTable(path)));
    // Row 6 holds nothing but the merge: it is given all the same, with its problem.
    expect(read.map((r) => [r.row, r.problems.map((p) => `${p.column}:${p.code}`)])).toEqual([
      [4, ['3:XLSX_MERGED_CELL']],
      [5, ['3:XLSX_MERGED_CELL']],
      [6, ['3:XLSX_MERGED_CELL']],
      [8, ['1:XLSX_MERGED_CELL', '2:XLSX_MERGED_CELL']],
    ]);
    expect(read[1]!.problems[0]!.message).toContain('Ô D5 nằm trong vùng ô gộp D4:D6');
    expect(read[2]!.values).toEqual(['', '', '', '']);
  });

  it('reads the sheet asked for by name when the workbook has it', async () => {
    const path = await workbookFile((workbook) => {
      workbook.addWorksheet('Hướng dẫn').getRow(1).values = ['Đọc kỹ', 'trước khi điền'];
      subscriberSheet(workbook).getRow(4).values = ['0912345678', 'An'];
    });
    expect((await openTable(path)).header).toEqual(['Đọc kỹ', 'trước khi điền']);
    expect((await openTable(path, { sheet: 'thuê bao' })).header).toEqual(['Số thuê bao', 'Họ tên', 'Ngày sinh', 'Ghi chú']);
    expect((await openTable(path, { sheet: 'không có' })).header).toEqual(['Đọc kỹ', 'trước khi điền']);
  });

  it('reads Vietnamese text intact across the reader\'s chunks (shared strings far over 64 KB)', async () => {
    const names = Array.from({ length: 6000 }, (_, i) => `${VIETNAMESE_SAMPLES[i % VIETNAMESE_SAMPLES.length]} ${i}`);
    const path = await workbookFile((workbook) => {
      const sheet = workbook.addWorksheet('Thuê bao');
      sheet.addRow(['Số', 'Họ tên']);
      names.forEach((name, i) => sheet.addRow([i, name]));
    });
    const read = rows(await items(await openTable(path)));
    expect(read.map((r) => r.values[1])).toEqual(names);
  });

  it('refuses a workbook with no sheet to read, and a sheet with nothing in it', async () => {
    const hiddenOnly = await workbookFile((workbook) => {
      workbook.addWorksheet('Ẩn').state = 'hidden';
    });
    expect(await openTable(hiddenOnly).catch((e: unknown) => (e as TableFileError).code)).toBe('XLSX_NO_SHEET');
    const empty = await workbookFile((workbook) => {
      workbook.addWorksheet('Trống');
    });
    expect(await openTable(empty).catch((e: unknown) => (e as TableFileError).code)).toBe('TABLE_NO_HEADER');
  });

  it('answers damaged bytes with rows or XLSX_INVALID, never anything else and never a hang (property)', async () => {
    const path = await workbookFile((workbook) => {
      const sheet = subscriberSheet(workbook);
      for (let i = 0; i < 50; i++) sheet.addRow([`09${i}`, VIETNAMESE_SAMPLES[i % VIETNAMESE_SAMPLES.length], new Date(Date.UTC(1990, 0, i + 1)), i]);
    });
    const bytes = await import('node:fs/promises').then((fs) => fs.readFile(path));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat(bytes.length), async (changes, cut) => {
        const damaged = Buffer.from(bytes.subarray(0, Math.max(cut, bytes.length / 2)));
        for (const [at, value] of changes) if (at < damaged.length) damaged[at] = value;
        const outcome = await openTable(await files.file(`d${count++}.xlsx`, damaged)).then(
          async (table) => (await items(table)).length >= 0,
          (error: unknown) => error instanceof TableFileError && ['XLSX_INVALID', 'XLSX_NO_SHEET', 'TABLE_NO_HEADER', 'XLSX_PASSWORD_PROTECTED'].includes(error.code),
        );
        expect(outcome).toBe(true);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});

describe('plainDecimal', () => {
  it('writes any number in plain digits that read back as the same number (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = plainDecimal(n);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(n === 0 ? 0 : n);
      }),
    );
    expect(plainDecimal(912345678)).toBe('912345678');
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(-1.5e-7)).toBe('-0.00000015');
  });
});

describe('isoDateTime', () => {
  it('gives the day alone at midnight and the time to the second otherwise', () => {
    expect(isoDateTime(new Date(Date.UTC(2026, 3, 28)))).toBe('2026-04-28');
    expect(isoDateTime(new Date(Date.UTC(2026, 3, 28, 23, 59, 59, 600)))).toBe('2026-04-29');
    expect(isoDateTime(new Date(Date.UTC(1899, 11, 30, 7, 5)))).toBe('1899-12-30T07:05:00');
  });
});
