/**
 * The files an import hands out: the template carriers fill in (CSV or xlsx, with the documented
 * columns and an instructions sheet) and a run's row report as xlsx, streamed row by row so a
 * report of millions of rows stays flat in memory.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { columnLabel, SUBSCRIBER_FILE_COLUMNS } from './subscriber-columns.ts';

const BOM = '\uFEFF';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The sheet carriers' rows go in; an instructions sheet follows it. */
export const TEMPLATE_SHEET = 'thue_bao';

/** The CSV template: a BOM (Excel opens it as UTF-8), the header of codes and one example row. */
export function csvTemplate(): string {
  return BOM + stringify([SUBSCRIBER_FILE_COLUMNS.map((c) => c.code), SUBSCRIBER_FILE_COLUMNS.map((c) => c.example)]);
}

/** The xlsx template: the rows sheet (header, example, cells as text) and the instructions sheet. */
export async function xlsxTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const rows = workbook.addWorksheet(TEMPLATE_SHEET);
  rows.columns = SUBSCRIBER_FILE_COLUMNS.map((c) => ({ header: c.code, key: c.code, width: Math.max(14, c.code.length + 4), style: { numFmt: '@' } }));
  rows.addRow(Object.fromEntries(SUBSCRIBER_FILE_COLUMNS.map((c) => [c.code, c.example])));
  rows.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet('huong_dan');
  help.columns = [
    { header: 'Cột', key: 'code', width: 18 },
    { header: 'Tên cột', key: 'label', width: 26 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Cách ghi', key: 'help', width: 90 },
  ];
  for (const c of SUBSCRIBER_FILE_COLUMNS) help.addRow({ code: c.code, label: c.label, required: c.required ? 'có' : '', help: c.help });
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ReportRow {
  row: number;
  column_name: string | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

/** A run's row report as an xlsx stream: row, column (code and name), kind, code, message. */
export function problemsWorkbook(rows: AsyncIterable<readonly ReportRow[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('bao_cao_dong');
  sheet.columns = [
    { header: 'Dòng', key: 'row', width: 8 },
    { header: 'Cột', key: 'column', width: 18 },
    { header: 'Tên cột', key: 'label', width: 24 },
    { header: 'Loại', key: 'severity', width: 10 },
    { header: 'Mã', key: 'code', width: 30 },
    { header: 'Nội dung', key: 'message', width: 90 },
  ];
  void (async () => {
    try {
      for await (const page of rows) {
        for (const p of page) {
          sheet
            .addRow({
              row: p.row,
              column: p.column_name ?? '',
              label: p.column_name ? columnLabel(p.column_name) : '',
              severity: p.severity === 'error' ? 'lỗi' : 'cảnh báo',
              code: p.code,
              message: p.message,
            })
            .commit();
        }
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
