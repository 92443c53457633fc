import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { loadAdminUnits } from '../../reference/index.ts';
import { seedReferenceData } from '../index.ts';
import { importStatisticsFile, type StatisticsImportRequest } from './statistics-import.service.ts';
import { figuresAsOf, listVersions } from './statistics.repository.ts';

const UNITS = loadAdminUnits();
const SOURCE = 'Cục Thống kê tỉnh An Giang, Niên giám 2025';
/** A day of the campaign, Vietnam time: the import's "today". */
const NOW = new Date('2026-05-10T03:00:00Z');

/** Every commune once: population 10,000 + i × step, 14+ four fifths of it. */
function tableRows(step = 1): string[][] {
  return UNITS.map((u, i) => [u.code, u.name, String(10_000 + i * step), String(8_000 + i * step)]);
}
const csvOf = (rows: readonly (readonly string[])[], header = 'Mã xã,Tên xã,Dân số,Dân số từ 14 tuổi trở lên') =>
  [header, ...rows.map((r) => r.map((v) => (v.includes(',') ? `"${v}"` : v)).join(','))].join('\n') + '\n';

describeEachDatabase('importStatisticsFile', ({ db }) => {
  let dir: string;
  let fileNo = 0;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-statistics-'));
    await seedReferenceData(db());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    await db().kysely.deleteFrom('statistics_figures').execute();
    await db().kysely.deleteFrom('statistics_versions').execute();
  });

  const write = (text: string, ext = 'csv') => {
    const file = path.join(dir, `table-${++fileNo}.${ext}`);
    fs.writeFileSync(file, text);
    return file;
  };
  const load = (file: string, options: Partial<StatisticsImportRequest> = {}) =>
    importStatisticsFile(db(), { path: file, fileName: path.basename(file), source: SOURCE, publishedOn: '2026-03-01', dryRun: false, actor: 'test', now: NOW, ...options });
  const count = async (table: 'statistics_versions' | 'statistics_figures') =>
    Number((await db().kysely.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

  it('loads a complete table as a version in force from its effective day', async () => {
    const report = await load(write(csvOf(tableRows())), { effectiveFrom: '2026-04-28' });
    expect(report).toMatchObject({ state: 'loaded', communes: 102, problems: [], outcomeCode: null });
    expect(report.version).toMatchObject({ source: SOURCE, publishedOn: '2026-03-01', effectiveFrom: '2026-04-28', loadedBy: 'test', isDemo: false });
    expect(report.totals?.population).toBe(102 * 10_000 + (101 * 102) / 2);
    expect(await figuresAsOf(db(), '2026-04-27')).toBeNull();
    const inForce = await figuresAsOf(db(), '2026-05-01');
    expect(inForce?.version.id).toBe(report.version?.id);
    expect(inForce?.figures.find((f) => f.communeCode === UNITS[3]!.code)).toEqual({ communeCode: UNITS[3]!.code, population: 10_003, population14plus: 8_003 });
    expect(inForce?.figures).toHaveLength(102);
  });

  it('makes no second version of the same file', async () => {
    const file = write(csvOf(tableRows()));
    const first = await load(file);
    const again = await load(file, { source: 'Tên khác', publishedOn: '2026-04-01' });
    expect(again).toMatchObject({ state: 'already_loaded', communes: 102 });
    expect(again.version).toEqual(first.version);
    expect(await count('statistics_versions')).toBe(1);
  });

  it('keeps the figures of earlier days when a later version comes into force', async () => {
    const first = await load(write(csvOf(tableRows(1))), { effectiveFrom: '2026-04-28' });
    const second = await load(write(csvOf(tableRows(2))), { publishedOn: '2026-05-09', effectiveFrom: '2026-05-11' });
    expect(second.state).toBe('loaded');
    for (const day of ['2026-04-28', '2026-05-05', '2026-05-10']) expect((await figuresAsOf(db(), day))?.version.id, day).toBe(first.version?.id);
    const later = await figuresAsOf(db(), '2026-05-20');
    expect(later?.version.id).toBe(second.version?.id);
    expect(later?.figures.find((f) => f.communeCode === UNITS[5]!.code)?.population).toBe(10_010);
    expect((await figuresAsOf(db(), '2026-05-05'))?.figures.find((f) => f.communeCode === UNITS[5]!.code)?.population).toBe(10_005);
    expect((await listVersions(db(), 10)).map((v) => v.id)).toEqual([second.version?.id, first.version?.id]);
  });

  it('takes the later loaded of two versions effective the same day', async () => {
    await load(write(csvOf(tableRows(1))), { effectiveFrom: '2026-05-12' });
    const later = await load(write(csvOf(tableRows(3))), { effectiveFrom: '2026-05-12', now: new Date('2026-05-10T04:00:00Z') });
    expect((await figuresAsOf(db(), '2026-05-12'))?.version.id).toBe(later.version?.id);
  });

  it('refuses a version that would change the figures of days already past', async () => {
    await load(write(csvOf(tableRows(1))), { effectiveFrom: '2026-04-28' });
    await expect(load(write(csvOf(tableRows(2))), { publishedOn: '2026-05-01' })).rejects.toMatchObject({ code: 'STATISTICS_PAST_DAYS_SETTLED' });
    await expect(load(write(csvOf(tableRows(4))), { publishedOn: '2026-05-01', effectiveFrom: '2026-05-10' })).resolves.toMatchObject({ state: 'loaded' });
  });

  it('refuses dates that cannot be', async () => {
    const file = write(csvOf(tableRows()));
    await expect(load(file, { publishedOn: '2026-05-11' })).rejects.toMatchObject({ code: 'STATISTICS_DATES_INVALID' });
    await expect(load(file, { effectiveFrom: '2026-02-01' })).rejects.toMatchObject({ code: 'STATISTICS_DATES_INVALID' });
    await expect(load(file, { publishedOn: '2026-02-30' })).rejects.toMatchObject({ code: 'STATISTICS_DATES_INVALID' });
    await expect(load(file, { source: '  ' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await count('statistics_versions')).toBe(0);
  });

  it('checks everything in a dry run and writes nothing', async () => {
    const report = await load(write(csvOf(tableRows())), { dryRun: true });
    expect(report).toMatchObject({ state: 'dry_run', communes: 102, problems: [] });
    expect(report.version).toMatchObject({ id: null, source: SOURCE });
    expect([await count('statistics_versions'), await count('statistics_figures')]).toEqual([0, 0]);
  });

  it('refuses a table with bad rows or missing communes, reporting each by row and column, and loads nothing', async () => {
    const rows = tableRows();
    rows[0] = ['30999', '', '100', '50']; // file row 2: unknown code; the first unit goes missing
    rows[1] = [rows[1]![0]!, rows[1]![1]!, '12.5', '-3']; // row 3
    rows[2] = [rows[2]![0]!, rows[2]![1]!, '100', '101']; // row 4
    rows[3] = ['', 'Xã Không Có', '100', '50']; // row 5: the fourth unit goes missing
    rows[4] = [rows[5]![0]!, '', '100', '50']; // row 6: the sixth unit, twice (row 7 too); the fifth goes missing
    const report = await load(write(csvOf(rows)));
    const [u0, u3, u4, u5] = [UNITS[0]!, UNITS[3]!, UNITS[4]!, UNITS[5]!];
    expect(report).toMatchObject({ state: 'refused', version: null, outcomeCode: 'STATISTICS_ROWS_INVALID' });
    expect(report.problems).toEqual([
      { row: 2, column: 'commune_code', code: 'ROW_COMMUNE_UNKNOWN', message: 'Mã xã không có trong danh mục đơn vị hành chính của tỉnh.', value: '30999' },
      { row: 3, column: 'population', code: 'ROW_COUNT_INVALID', message: 'Phải là một số nguyên không âm (số người).', value: '12.5' },
      { row: 3, column: 'population_14plus', code: 'ROW_COUNT_INVALID', message: 'Phải là một số nguyên không âm (số người).', value: '-3' },
      { row: 4, column: 'population_14plus', code: 'ROW_14PLUS_ABOVE_POPULATION', message: 'Dân số từ 14 tuổi trở lên lớn hơn dân số.', value: '101' },
      { row: 5, column: 'commune_name', code: 'ROW_COMMUNE_NAME_UNKNOWN', message: 'Tên xã không khớp với xã, phường, đặc khu nào của tỉnh.', value: 'Xã Không Có' },
      { row: 6, column: null, code: 'ROW_DUPLICATE_COMMUNE', message: `${u5.name} (mã ${u5.code}) có ở nhiều dòng: 6, 7.`, value: null },
      { row: 7, column: null, code: 'ROW_DUPLICATE_COMMUNE', message: `${u5.name} (mã ${u5.code}) có ở nhiều dòng: 6, 7.`, value: null },
      ...[u0, u3, u4].map((u) => ({ row: null, column: null, code: 'STATISTICS_COMMUNE_MISSING', message: `Bảng không có số liệu của ${u.name} (mã ${u.code}).`, value: null })),
    ]);
    expect(await count('statistics_versions')).toBe(0);
  });

  it('reports a broken CSV record on its line, and refuses a table without its columns', async () => {
    const text = csvOf(tableRows()).replace(`\n${UNITS[10]!.code},`, `\n"${UNITS[10]!.code},`);
    const report = await load(write(text));
    expect(report.problems.map((p) => [p.row, p.code])).toEqual([[12, 'CSV_BROKEN_QUOTES'], [null, 'STATISTICS_COMMUNE_MISSING']]);
    await expect(load(write('Tên xã,Dân số\nXã A,5\n'))).rejects.toMatchObject({ code: 'STATISTICS_FILE_COLUMNS', extra: { missing: ['population_14plus'] } });
    await expect(load(path.join(dir, 'khong-co.csv'))).rejects.toMatchObject({ code: 'TABLE_FILE_UNREADABLE' });
  });

  it('reads the statistics office’s xlsx: a title above the header, communes by name, numbers as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Dân số');
    sheet.addRow(['DÂN SỐ TRUNG BÌNH PHÂN THEO XÃ, PHƯỜNG, ĐẶC KHU NĂM 2025']);
    sheet.addRow(['Xã, phường, đặc khu', 'Dân số (người)', 'Từ 14 tuổi trở lên']);
    UNITS.forEach((u, i) => sheet.addRow([u.name.replace(/^(Xã|Phường|Đặc khu) /u, ''), 20_000 + i, 15_000 + i]));
    const file = path.join(dir, 'nien-giam.xlsx');
    await workbook.xlsx.writeFile(file);
    const report = await load(file);
    expect(report).toMatchObject({ state: 'loaded', communes: 102, problems: [] });
    expect((await figuresAsOf(db(), '2026-05-10'))?.figures.find((f) => f.communeCode === UNITS[7]!.code)).toEqual({ communeCode: UNITS[7]!.code, population: 20_007, population14plus: 15_007 });
  });

  it('refuses an xlsx whose counts are formulas or merged, on their rows and columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Dân số');
    sheet.addRow(['Mã xã', 'Dân số', 'Dân số từ 14 tuổi trở lên']);
    UNITS.forEach((u, i) => sheet.addRow([u.code, 20_000 + i, 15_000 + i]));
    sheet.getCell('B3').value = { formula: 'B2+1', result: 20_002 };
    sheet.mergeCells('C5:C6');
    const file = path.join(dir, 'cong-thuc.xlsx');
    await workbook.xlsx.writeFile(file);
    const report = await load(file);
    expect(report.state).toBe('refused');
    expect(report.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'population', 'XLSX_FORMULA'],
      [5, 'population_14plus', 'XLSX_MERGED_CELL'],
      [6, 'population_14plus', 'XLSX_MERGED_CELL'],
      // The merged block's lower cell reads empty.
      [6, 'population_14plus', 'ROW_VALUE_REQUIRED'],
    ]);
    expect(await count('statistics_versions')).toBe(0);
  });
});
