import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { newCitizen, newLine, T0 } from '../verification/attempts/verification.testing.ts';
import { CARRIER_EVENT_FILE_COLUMNS, eventOfRow, layoutEvents, recordCarrierEventsFile } from './carrier-events.file.ts';
import { carrierEvent } from './carrier-events.schema.ts';
import type { Reporter } from './carrier-events.service.ts';

const viettel: Reporter = { scope: [{ kind: 'carrier', value: 'viettel' }], actor: 'cli:test' };
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-events-'));
let files = 0;
const csv = (text: string) => {
  const file = path.join(folder, `events-${++files}.csv`);
  fs.writeFileSync(file, text);
  return file;
};
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

it('reads any row into an event the API accepts or one problem in a known column, never throwing (property)', () => {
  const layout = layoutEvents(CARRIER_EVENT_FILE_COLUMNS.map((c) => c.code));
  const columns = new Set<string | null>([null, ...CARRIER_EVENT_FILE_COLUMNS.map((c) => c.code)]);
  const cell = fc.oneof(fc.string(), fc.constantFrom('', 'doi may', 'ported_out', 'chuyển chủ', '0912345678', '490154203237518', '05/05/2026', 'viettel'));
  fc.assert(
    fc.property(fc.array(cell, { minLength: 0, maxLength: CARRIER_EVENT_FILE_COLUMNS.length + 2 }), (values) => {
      const read = eventOfRow(values, layout);
      if ('event' in read) expect(carrierEvent.safeParse(read.event).success).toBe(true);
      else expect(columns.has(read.problem.column)).toBe(true);
    }),
    { numRuns: 2_000 },
  );
});

describeEachDatabase("a carrier's events file", ({ db }) => {
  beforeAll(() => seedReferenceData(db()));
  const load = (file: string) => recordCarrierEventsFile({ db: db(), now: () => T0 }, viettel, file);
  const line = async (changes = {}) => newLine(db(), await newCitizen(db()), { carrier: 'viettel', ...changes });

  it('takes a notice list of numbers and days, reports the rows it skips, and changes nothing the second time', async () => {
    const [a, b] = [await line(), await line()];
    const file = csv(`Số thuê bao;Thời điểm\n${a.msisdn};05/05/2026\n${b.msisdn};2026-05-06\n${a.msisdn};31/04/2026\n0919999991;05/05/2026\n`);
    const first = await load(file);
    expect(first).toMatchObject({ rowsRead: 4, recorded: { applied: 2 }, skipped: 2 });
    expect(first.problems).toEqual([
      expect.objectContaining({ row: 4, column: 'at', code: 'EVENT_AT_INVALID' }),
      expect.objectContaining({ row: 5, column: 'msisdn', code: 'SUBSCRIBER_NOT_FOUND' }),
    ]);
    const groups = await db().kysely.selectFrom('target_memberships').select(['subscriber_id', 'since']).where('subscriber_id', 'in', [a.id, b.id]).orderBy('subscriber_id').execute();
    // A day alone is midnight in Vietnam.
    expect(groups.map((g) => new Date(g.since).toISOString())).toEqual(['2026-05-04T17:00:00.000Z', '2026-05-05T17:00:00.000Z']);
    expect(await load(file)).toMatchObject({ recorded: { applied: 0, duplicate: 2 }, skipped: 2 });
  });

  it('reads kinds in Vietnamese words, with their own columns, and names the cell of a bad value', async () => {
    const [phone, moving, sold] = [await line({ imei: '356938035643809' }), await line(), await line()];
    const file = csv(
      [
        'Mã tham chiếu,Số thuê bao,Loại sự kiện,Thời điểm,IMEI,Nhà mạng nhận số,Họ và tên,Số giấy tờ,Loại giấy tờ,Chủ thuê bao,Ngày sinh',
        `vt-001,${phone.msisdn},Đổi máy,09/05/2026 08:00,490154203237518,,,,,,`,
        `vt-002,${moving.msisdn},chuyển mạng đi,09/05/2026 09:00,,MobiFone,,,,,`,
        `vt-003,${sold.msisdn},Chuyển chủ,09/05/2026 10:00,,,Trần Văn Bình,089190054321,personal_id,citizen,`,
        `vt-004,${phone.msisdn},đổi máy,09/05/2026 11:00,49015420323751,,,,,,`,
        `vt-005,${phone.msisdn},mất sim,09/05/2026 11:00,,,,,,,`,
      ].join('\n'),
    );
    const report = await load(file);
    expect(report).toMatchObject({ rowsRead: 5, recorded: { applied: 2 }, skipped: 3 });
    expect(report.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, 'birth_date', 'HOLDER_INVALID'],
      [5, 'imei', 'EVENT_IMEI_INVALID'],
      [6, 'kind', 'EVENT_KIND_INVALID'],
    ]);
    const carrierOf = await db().kysely.selectFrom('subscribers').select(['id', 'carrier', 'imei']).where('id', 'in', [phone.id, moving.id]).orderBy('id').execute();
    expect(carrierOf).toEqual([
      { id: phone.id, carrier: 'viettel', imei: '490154203237518' },
      { id: moving.id, carrier: 'mobifone', imei: null },
    ]);
  });

  it('refuses a file without the number or the time column, before reading a row', async () => {
    await expect(load(csv('Số thuê bao;Ngày\n0912345678;05/05/2026\n'))).rejects.toMatchObject({ code: 'CARRIER_EVENTS_FILE_COLUMNS' });
  });
});
