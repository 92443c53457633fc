import fs from 'node:fs/promises';
import os from 'node:os';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ERROR_CATALOGUE } from '../../errors.ts';
import { CHUNK_BYTES } from './file-encoding.ts';
import { TABLE_FILE_ERROR_CODES, TABLE_FILE_ERRORS, TableFileError } from './table-file-errors.ts';
import { openTable, openTableStream, type OpenedTable, type TableItem } from './table-file.ts';
import { cleanValue } from './table-row.ts';
import { encodeCp1258, encodeTcvn3, encodeVni, temporaryFolder } from './table-file.testing.ts';

let files: Awaited<ReturnType<typeof temporaryFolder>>;
let count = 0;
const file = (content: string | Uint8Array, extension = '.csv') => files.file(`f${count++}${extension}`, content);

beforeAll(async () => {
  files = await temporaryFolder();
});
afterAll(async () => {
  await files.remove();
});

async function items(table: OpenedTable): Promise<TableItem[]> {
  const all: TableItem[] = [];
  for await (const item of table.rows()) all.push(item);
  return all;
}

const brief = (all: TableItem[]) => all.map((i) => (i.kind === 'row' ? `${i.row.row}:${i.row.values.join('|')}` : `${i.problem.row}:${i.problem.code}`));

async function refusal(open: Promise<unknown>): Promise<TableFileError> {
  const error = await open.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TableFileError);
  return error as TableFileError;
}

const BOM = '\ufeff';
const HEADER = 'so_thue_bao,ho_ten,dia_chi\n';

describe('openTable: CSV in UTF-8', () => {
  it('reads a header and rows, with or without BOM, comma or semicolon, values trimmed and NFC', async () => {
    for (const [bom, d] of [['', ','], [BOM, ','], ['', ';'], [BOM, ';']] as const) {
      const table = await openTable(await file(`${bom}so_thue_bao${d} ho_ten ${d}dia_chi\r\n0912345678${d} Nguye\u0302\u0303n Thị Hồng Nhung${d}"Ấp 1${d} Xã Mỹ Hòa Hưng"\r\n`));
      expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: d, header: ['so_thue_bao', 'ho_ten', 'dia_chi'] });
      expect(brief(await items(table))).toEqual([`2:0912345678|Nguyễn Thị Hồng Nhung|Ấp 1${d} Xã Mỹ Hòa Hưng`]);
    }
  });

  it('keeps leading zeros and every value as the file writes it', async () => {
    const table = await openTable(await file(`${HEADER}0091234,001234567890,"  =1+1 "\n`));
    expect(brief(await items(table))).toEqual(['2:0091234|001234567890|=1+1']);
  });

  it('passes over a title row above the header and skips blank lines, keeping the line numbers true', async () => {
    const table = await openTable(await file('DANH SÁCH THUÊ BAO;;\n;;\n\nso;ten;xa\n1;An;X\n\n2;"Bình\nĐông";Y\n3;Chi;Z\n'));
    expect(table.header).toEqual(['so', 'ten', 'xa']);
    expect(brief(await items(table))).toEqual(['5:1|An|X', '7:2|Bình\nĐông|Y', '9:3|Chi|Z']);
  });

  it('reports broken records with their line and reads on, one broken quote not swallowing the rest', async () => {
    const table = await openTable(await file(`${HEADER}1,"Lê,X\n2,Trần,Y\n3,"Võ"x,Z\n4,Phạm\n5,Đặng,W\n`));
    const all = await items(table);
    expect(brief(all)).toEqual(['2:CSV_BROKEN_QUOTES', '3:2|Trần|Y', '4:CSV_BROKEN_QUOTES', '5:CSV_FIELD_COUNT', '6:5|Đặng|W']);
    const problems = all.flatMap((i) => (i.kind === 'broken' ? [i.problem.message] : []));
    expect(problems[0]).toContain('dòng 2');
    expect(problems[2]).toBe('Dòng có số ô khác số cột của dòng tiêu đề: dòng 5 có 2 ô, dòng tiêu đề có 3 cột.');
  });

  it('reads a file whose lines end in CR alone (Excel for Mac)', async () => {
    const table = await openTable(await file('a;b\r1;"x\ry"\r2;z\r'));
    expect(brief(await items(table))).toEqual(['2:1|x\ny', '4:2|z']);
  });

  it('reads a one-column file', async () => {
    const table = await openTable(await file('so_thue_bao\n0912345678\n0987654321\n'));
    expect(table).toMatchObject({ delimiter: ',', header: ['so_thue_bao'] });
    expect(brief(await items(table))).toEqual(['2:0912345678', '3:0987654321']);
  });

  it('reads the rows again on each call, and tells the bytes read', async () => {
    const content = `${HEADER}1,a,b\n2,c,d\n`;
    const table = await openTable(await file(content));
    expect(table.progress()).toEqual({ bytesRead: 0, totalBytes: content.length });
    expect(await items(table)).toEqual(await items(table));
    expect(table.progress()).toEqual({ bytesRead: content.length, totalBytes: content.length });
  });
});

describe('openTable: encodings', () => {
  const names = 'Nguyễn Thị Hồng Nhung;Phường Long Xuyên\nTrần Văn Đức;Xã Mỹ Hòa Hưng\nLê Thị Ánh Tuyết;Xã Vĩnh Tế\n';

  it('reads Windows-1258 (tone marks as combining characters) and gives NFC', async () => {
    const table = await openTable(await file(encodeCp1258(`ho_ten;dia_chi\n${names}`)));
    expect(table.encoding).toBe('windows-1258');
    expect(brief(await items(table))).toEqual(['2:Nguyễn Thị Hồng Nhung|Phường Long Xuyên', '3:Trần Văn Đức|Xã Mỹ Hòa Hưng', '4:Lê Thị Ánh Tuyết|Xã Vĩnh Tế']);
  });

  it('decides Windows-1258 from its first non-ASCII byte even far into the file', async () => {
    const ascii = Array.from({ length: 3000 }, (_, i) => `09${String(i).padStart(8, '0')};Nguyen Van A\n`).join('');
    expect(ascii.length).toBeGreaterThan(CHUNK_BYTES);
    const table = await openTable(await file(Buffer.concat([Buffer.from(`so;ten\n${ascii}`), encodeCp1258('0900000000;Trần Văn Đức\n')])));
    expect(table.encoding).toBe('windows-1258');
    expect(brief(await items(table)).at(-1)).toBe('3002:0900000000|Trần Văn Đức');
  });

  it('refuses TCVN3 and VNI, naming the encoding and how to convert it', async () => {
    const tcvn3 = await refusal(openTable(await file(encodeTcvn3(`ho_ten;dia_chi\n${names}`))));
    expect(tcvn3.code).toBe('ENCODING_TCVN3');
    expect(tcvn3.message).toContain('TCVN3 (ABC)');
    expect(tcvn3.message).toContain('Unikey: Công cụ chuyển mã');
    const vni = await refusal(openTable(await file(encodeVni(`ho_ten;dia_chi\n${names}`))));
    expect(vni.code).toBe('ENCODING_VNI');
    expect(vni.message).toContain('CSV UTF-8');
  });

  it('never takes UTF-8 or Windows-1258 for a legacy encoding (property)', async () => {
    const text = fc.array(fc.constantFrom('Nguyễn', 'Thị', 'Hồng', 'Đức', 'Ánh', 'Tuyết', 'Phường', 'Hòa', 'Hưng', 'x', '0912', 'Ỷ'), { minLength: 1, maxLength: 30 }).map((w) => w.join(' '));
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), async (body, bom) => {
        const utf8 = await openTable(await file(`${bom ? BOM : ''}a;b\n${body};1\n`));
        expect(utf8.encoding).toBe('utf-8');
        const cp1258 = await openTable(await file(encodeCp1258(`a;b\n${body};1\n`)));
        expect(cp1258.encoding).toBe(body === body.replace(/[^a-z0-9 ]/gi, '') ? 'utf-8' : 'windows-1258');
        const [row] = await items(cp1258);
        expect(row).toMatchObject({ kind: 'row', row: { values: [body, '1'] } });
      }),
      { numRuns: 40 },
    );
  });

  it('refuses UTF-16 (Excel\'s "Unicode Text"), with or without BOM', async () => {
    expect((await refusal(openTable(await file(Buffer.from('\ufeffa\tb\n1\t2\n', 'utf16le'))))).code).toBe('ENCODING_UTF16');
    expect((await refusal(openTable(await file(Buffer.from('a\tb\n1\t2\n', 'utf16le'))))).code).toBe('ENCODING_UTF16');
  });

  it('refuses a UTF-8 file with a damaged part further on, naming its line, after the rows before it', async () => {
    // Past the first 64 KB that the encoding is decided on.
    const good = Array.from({ length: 3000 }, (_, i) => `${i};Nguyễn Thị Hồng Nhung\n`).join('');
    const table = await openTable(await file(Buffer.concat([Buffer.from(`so;ten\n${good}`), encodeCp1258('3000;Trần\n')])));
    expect(table.encoding).toBe('utf-8');
    const seen: TableItem[] = [];
    const error = await (async () => {
      for await (const item of table.rows()) seen.push(item);
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TableFileError);
    expect((error as TableFileError).code).toBe('ENCODING_INVALID');
    expect((error as TableFileError).message).toContain('Từ dòng 3002');
    expect(seen.length).toBeGreaterThan(0);
  });
});

describe('openTable: files refused as a whole', () => {
  it('refuses what is not there, empty, or blank', async () => {
    expect((await refusal(openTable(`${files.folder}/nothing.csv`))).code).toBe('TABLE_FILE_UNREADABLE');
    expect((await refusal(openTable(files.folder))).code).toBe('TABLE_FILE_UNREADABLE');
    expect((await refusal(openTable(await file('')))).code).toBe('TABLE_FILE_EMPTY');
    expect((await refusal(openTable(await file(`${BOM}\n \r\n;;\n`)))).code).toBe('TABLE_NO_HEADER');
  });

  it('refuses a header with broken quotes, naming its line', async () => {
    const error = await refusal(openTable(await file('so,"ten\n1,2\n')));
    expect(error.code).toBe('CSV_HEADER_BROKEN');
    expect(error.message).toContain('Dòng 1');
  });

  it('refuses an old .xls and a password-protected xlsx (Compound Files) with what to do', async () => {
    const cfb = (directory: Buffer) => {
      const bytes = Buffer.alloc(512 * 4);
      Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(bytes);
      bytes.writeUInt16LE(9, 0x1e); // 512-byte sectors
      bytes.writeUInt32LE(1, 0x30); // the directory in sector 1, at byte 1024
      directory.copy(bytes, 1024);
      return bytes;
    };
    const xls = await refusal(openTable(await file(cfb(Buffer.from('Workbook', 'utf16le')), '.xls')));
    expect(xls.code).toBe('XLS_OLD_FORMAT');
    expect(xls.message).toContain('.xlsx');
    expect((await refusal(openTable(await file(cfb(Buffer.from('EncryptedPackage', 'utf16le')), '.xlsx')))).code).toBe('XLSX_PASSWORD_PROTECTED');
    expect((await refusal(openTable(await file('<html>bảng</html>', '.xls')))).code).toBe('XLS_OLD_FORMAT');
  });

  it('refuses a file called .xlsx, or opened as xlsx, that is not a zip', async () => {
    expect((await refusal(openTable(await file('a,b\n', '.xlsx')))).code).toBe('XLSX_INVALID');
    expect((await refusal(openTable(await file('a,b\n'), { format: 'xlsx' }))).code).toBe('XLSX_INVALID');
  });

  it('gives every refusal a code of the error catalogue and a Vietnamese title', () => {
    for (const code of TABLE_FILE_ERROR_CODES) {
      expect(ERROR_CATALOGUE[code].title).toBe(TABLE_FILE_ERRORS[code]);
      expect([400, 422]).toContain(ERROR_CATALOGUE[code].status);
    }
    expect(new TableFileError('TABLE_FILE_EMPTY', 'x')).toBeInstanceOf(AppError);
  });
});

describe('openTableStream', () => {
  it('spools the stream to a file of its own, reads it, and removes it on close', async () => {
    const table = await openTableStream(Readable.from([Buffer.from('so;ten\n1;'), Buffer.from([0xc3]), Buffer.from([0xa1]), Buffer.from('nh\n')]), { fileName: 'x.csv' });
    expect(brief(await items(table))).toEqual(['2:1|ánh']);
    expect(await spooled()).toHaveLength(1);
    await table.close();
    expect(await spooled()).toEqual([]);
  });

  it('removes the spooled copy at once when the file is refused', async () => {
    await refusal(openTableStream(Readable.from([encodeTcvn3('ho_ten\nNguyễn Thị Hồng Nhung\n')])));
    expect(await spooled()).toEqual([]);
  });
});

/** The spooled copies left in the temporary folder. */
async function spooled(): Promise<string[]> {
  return (await fs.readdir(os.tmpdir())).filter((name) => name.startsWith('tttb-table-'));
}

describe('openTable reads back any table csv-stringify wrote (property)', () => {
  const cell = fc.array(fc.constantFrom('a', '0', ' ', '"', ',', ';', '\n', 'ễ', 'Đ', 'o\u031b\u0301', 'Hòa'), { maxLength: 6 }).map((p) => p.join(''));
  it('with either delimiter, with or without BOM, in UTF-8 or Windows-1258', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<',' | ';'>(',', ';'),
        fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1258'),
        async (rows, delimiter, encoding) => {
          const text = stringify([['cột một', 'cột hai', 'cột ba'], ...rows], { delimiter, quoted_match: /[\r\n]/ });
          const bytes = encoding === 'windows-1258' ? encodeCp1258(text) : Buffer.from(encoding === 'utf-8-bom' ? BOM + text : text);
          const table = await openTable(await file(bytes));
          expect(table.header).toEqual(['cột một', 'cột hai', 'cột ba']);
          const read = (await items(table)).map((i) => (i.kind === 'row' ? i.row.values : i.problem.code));
          expect(read).toEqual(rows.map((r) => r.map(cleanValue)).filter((r) => r.some((v) => v !== '')));
        },
      ),
      { numRuns: 60 },
    );
  });
});
