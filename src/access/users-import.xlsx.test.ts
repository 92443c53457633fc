import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { OFFICERS_HEADER, writeSheet } from './users-import.testing.ts';
import { readFirstSheet } from './users-import.xlsx.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

async function refusal(file: string): Promise<string> {
  const error = await readFirstSheet(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('IMPORT_FILE_INVALID');
  return (error as AppError).message;
}

describe('readFirstSheet', () => {
  it('reads text, numbers, rich text, links and formulas’ saved results; says why a cell cannot be read', async () => {
    const file = await writeSheet(at('cells.xlsx'), [
      OFFICERS_HEADER,
      ['an.nguyen', { richText: [{ text: 'Nguyễn ' }, { text: 'Văn An', font: { bold: true } }] }, 'commune_officer', 30292],
      [],
      [{ formula: 'LOWER("BINH")', result: 'binh' }, { text: 'Trần Bình', hyperlink: 'mailto:binh@example.vn' }, 'auditor', null],
      [new Date('2020-01-01T00:00:00Z'), true, { error: '#N/A' }, { formula: 'A1' }],
    ]);
    expect(await readFirstSheet(file)).toEqual([
      { number: 1, cells: OFFICERS_HEADER },
      { number: 2, cells: ['an.nguyen', 'Nguyễn Văn An', 'commune_officer', 30292] },
      { number: 4, cells: ['binh', 'Trần Bình', 'auditor'] },
      {
        number: 5,
        cells: [
          { unreadable: 'Ô chứa ngày tháng, cần chữ hoặc số.' },
          { unreadable: 'Ô chứa giá trị đúng/sai (TRUE/FALSE), cần chữ.' },
          { unreadable: 'Ô có lỗi #N/A: sửa công thức hoặc nhập giá trị.' },
          { unreadable: 'Ô chứa công thức chưa có kết quả: nhập giá trị thay cho công thức.' },
        ],
      },
    ]);
  });

  it('reads an empty sheet as no rows (the parser says it is empty)', async () => {
    expect(await readFirstSheet(await writeSheet(at('empty-sheet.xlsx'), []))).toEqual([]);
  });

  it('refuses what is not an .xlsx, saying what it is', async () => {
    expect(await refusal(at('missing.xlsx'))).toMatch(/không có tệp/);
    expect(await refusal(dir)).toMatch(/không phải một tệp/);
    fs.writeFileSync(at('empty.xlsx'), '');
    expect(await refusal(at('empty.xlsx'))).toMatch(/rỗng/);
    fs.writeFileSync(at('list.xlsx'), 'Tên đăng nhập,Họ và tên\nan,An\n');
    expect(await refusal(at('list.xlsx'))).toMatch(/không phải tệp Excel \.xlsx/);
    fs.writeFileSync(at('old.xls'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]));
    expect(await refusal(at('old.xls'))).toMatch(/Excel cũ \(\.xls\)/);
    const whole = fs.readFileSync(await writeSheet(at('whole.xlsx'), [OFFICERS_HEADER, ['an', 'An', 'auditor', '']]));
    fs.writeFileSync(at('cut.xlsx'), whole.subarray(0, whole.length / 3));
    expect(await refusal(at('cut.xlsx'))).toMatch(/bị hỏng/);
  });

  it('reads a 10,000-row sheet (the parser then says how many accounts one import takes)', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [`user${i}`, `Người ${i}`, 'auditor', '']);
    expect(await readFirstSheet(await writeSheet(at('long.xlsx'), [OFFICERS_HEADER, ...rows]))).toHaveLength(10_001);
  });

  it('refuses a zip that would inflate past what a list of officers can be, before inflating it', async () => {
    // 20 MB of one letter in a cell: some twenty kilobytes on disk.
    const bomb = await writeSheet(at('bomb.xlsx'), [OFFICERS_HEADER, ['an', 'An', 'auditor', 'x'.repeat(20 * 1024 * 1024)]]);
    expect(fs.statSync(bomb).size).toBeLessThan(2 * 1024 * 1024);
    expect(await refusal(bomb)).toMatch(/giải nén ra hơn 16 MB/);
  });

  it('answers rows or IMPORT_FILE_INVALID for any damage to the bytes, never another error', async () => {
    const good = fs.readFileSync(await writeSheet(at('good.xlsx'), [OFFICERS_HEADER, ...Array.from({ length: 30 }, (_, i) => [`user${i}`, `Người ${i}`, 'auditor', 30292])]));
    const damaged = at('damaged.xlsx');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }), async (changes) => {
        const bytes = Buffer.from(good);
        for (const [offset, value] of changes) bytes[offset] = value;
        fs.writeFileSync(damaged, bytes);
        await readFirstSheet(damaged).catch((error: unknown) => {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('IMPORT_FILE_INVALID');
        });
      }),
      { numRuns: 60 },
    );
  });
});
