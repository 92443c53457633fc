import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../../db/testing.ts';
import type { Database } from '../../db/open.ts';
import { seedReferenceData } from '../index.ts';
import { subscriberImportDependencies } from './subscriber-import.dependencies.ts';
import { importSubscriberFile, type ImportRequest } from './subscriber-import.service.ts';
import { SUBSCRIBER_FILE_COLUMNS } from './subscriber-columns.ts';

const NOW = new Date('2026-04-28T03:00:00Z');
const HEADER = SUBSCRIBER_FILE_COLUMNS.map((c) => c.code);

/** A line of a carrier file; `n` makes its number and its ID number. */
function line(n: number, changes: Record<string, string> = {}): Record<string, string> {
  return {
    msisdn: `0912${String(n).padStart(6, '0')}`,
    line_class: 'h2h',
    holder_kind: 'citizen',
    document_type: 'personal_id',
    document_number: `08909${String(n).padStart(7, '0')}`,
    full_name: 'Nguyễn Văn An',
    birth_date: '05/09/1990',
    sex: 'male',
    commune_code: '30307',
    registered_at: '2021-03-15T02:30:00Z',
    ...changes,
  };
}

const csvOf = (rows: readonly Record<string, string>[]) => [HEADER.join(','), ...rows.map((r) => HEADER.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';

describeEachDatabase('importSubscriberFile', ({ db }) => {
  let dir: string;
  let fileNo = 0;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tttb-import-'));
    await seedReferenceData(db());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    for (const table of ['subscriber_events', 'import_problems', 'import_rows', 'imports', 'subscribers'] as const) {
      await db().kysely.deleteFrom(table).execute();
    }
  });

  const write = (rows: readonly Record<string, string>[]) => {
    const file = path.join(dir, `file-${++fileNo}.csv`);
    fs.writeFileSync(file, csvOf(rows));
    return file;
  };
  const load = (file: string, options: Partial<ImportRequest> = {}, checkInWorkerFromBytes?: number) =>
    importSubscriberFile({ ...subscriberImportDependencies(db()), checkInWorkerFromBytes }, {
      path: file,
      fileName: path.basename(file),
      carrier: 'vinaphone',
      mode: 'delta',
      policy: 'all_or_nothing',
      dryRun: false,
      confirmClosures: false,
      actor: 'test',
      now: () => NOW,
      ...options,
    });
  const registry = (database: Database = db()) =>
    database.kysely.selectFrom('subscribers').select(['msisdn', 'carrier', 'full_name', 'imei', 'closed_at', 'closed_reason']).orderBy('msisdn').execute();
  const events = () => db().kysely.selectFrom('subscriber_events').select(['kind', 'details']).orderBy('id').execute();
  const problems = (importId: number) =>
    db().kysely.selectFrom('import_problems').select(['row', 'column_name', 'code', 'severity']).where('import_id', '=', importId).orderBy('row').orderBy('code').execute();

  it('loads a file into an empty registry, and the same file again changes nothing', async () => {
    const file = write([line(1), line(2), line(3)]);
    const first = await load(file);
    expect(first).toMatchObject({ state: 'applied', alreadyApplied: false, rowsRead: 4, rowsStaged: 3, rowsRejected: 0 });
    expect(first.counts).toMatchObject({ added: 3, changed: 0, closed: 0 });
    const before = await registry();
    expect(before.map((s) => [s.msisdn, s.carrier])).toEqual([
      ['0912000001', 'vinaphone'],
      ['0912000002', 'vinaphone'],
      ['0912000003', 'vinaphone'],
    ]);
    const again = await load(file);
    expect(again).toMatchObject({ state: 'applied', alreadyApplied: true, importId: first.importId });
    expect(await registry()).toEqual(before);
    expect(await events()).toEqual([]);
  });

  it('gives a changed line its new values with one event per changed field, in the same run', async () => {
    await load(write([line(1), line(2)]));
    const report = await load(write([line(1, { full_name: 'Nguyễn Văn Ân', imei: '356938035643809' }), line(2)]));
    expect(report.counts).toMatchObject({ added: 0, changed: 1, unchanged: 1 });
    expect((await registry())[0]).toMatchObject({ full_name: 'Nguyễn Văn Ân', imei: '356938035643809' });
    const kinds = (await events()).map((e) => [e.kind, (JSON.parse(e.details ?? '{}') as { field: string }).field]);
    expect(kinds.sort()).toEqual([
      ['registration_changed', 'full_name'],
      ['registration_changed', 'imei'],
    ]);
  });

  it('closes a line its row marks closed and reopens it when a later file lists it active, each with its event', async () => {
    await load(write([line(1), line(2)]));
    const closing = await load(write([line(1, { status: 'closed' }), line(2, { full_name: 'Trần Thị Bé' })]));
    expect(closing.counts).toMatchObject({ changed: 2, closed: 1 });
    expect(await registry()).toMatchObject([
      { msisdn: '0912000001', closed_reason: 'carrier_file' },
      { msisdn: '0912000002', full_name: 'Trần Thị Bé', closed_at: null },
    ]);
    const nameKey = await db().kysely.selectFrom('subscribers').select('name_key').where('msisdn', '=', '0912000002').executeTakeFirstOrThrow();
    expect(nameKey.name_key).toBe('trần thị bé');
    const reopening = await load(write([line(1, { status: 'active' }), line(2, { full_name: 'Trần Thị Bé' })]));
    expect(reopening.counts).toMatchObject({ changed: 1, unchanged: 1, closed: 0 });
    expect((await registry())[0]).toMatchObject({ closed_at: null, closed_reason: null });
    expect((await events()).map((e) => e.kind)).toEqual(['registration_changed', 'line_closed', 'line_reopened']);
  });

  it("closes a snapshot's missing lines with an event and never touches another carrier's lines", async () => {
    const many = Array.from({ length: 40 }, (_, i) => line(i + 1));
    await load(write(many));
    await load(write([line(900, { msisdn: '0981000900' })]), { carrier: 'viettel' });
    const report = await load(write(many.slice(0, 39)), { mode: 'snapshot' });
    expect(report).toMatchObject({ state: 'applied', counts: { closed: 1, unchanged: 39 } });
    const closed = (await registry()).filter((s) => s.closed_at !== null);
    expect(closed.map((s) => [s.msisdn, s.closed_reason])).toEqual([['0912000040', 'missing_from_snapshot']]);
    expect((await events()).map((e) => e.kind)).toEqual(['line_closed']);
  });

  it('stops a snapshot that would close more than the set share of the lines, until confirmed', async () => {
    const many = Array.from({ length: 20 }, (_, i) => line(i + 1));
    await load(write(many));
    const truncated = write(many.slice(0, 5));
    const stopped = await load(truncated, { mode: 'snapshot' });
    expect(stopped).toMatchObject({ state: 'needs_confirmation', outcomeCode: 'IMPORT_CLOSURES_NEED_CONFIRMATION', counts: { closed: 15 } });
    expect((await registry()).every((s) => s.closed_at === null)).toBe(true);
    const confirmed = await load(truncated, { mode: 'snapshot', confirmClosures: true });
    expect(confirmed).toMatchObject({ state: 'applied', importId: stopped.importId, counts: { closed: 15 } });
    expect((await registry()).filter((s) => s.closed_at !== null)).toHaveLength(15);
  });

  it("keeps a stopped snapshot's staged rows while another carrier's file is applied, and applies them when confirmed", async () => {
    const many = Array.from({ length: 20 }, (_, i) => line(i + 1));
    await load(write(many));
    const truncated = write(many.slice(0, 5));
    const stopped = await load(truncated, { mode: 'snapshot' });
    expect(stopped.state).toBe('needs_confirmation');

    // Another run finishes while this one waits: it may empty only its own staged rows.
    expect(await load(write([line(900, { msisdn: '0981000900' })]), { carrier: 'viettel' })).toMatchObject({ state: 'applied', counts: { added: 1 } });
    const waiting = await db().kysely.selectFrom('import_rows').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', stopped.importId).executeTakeFirstOrThrow();
    expect(Number(waiting.n)).toBe(5);

    const confirmed = await load(truncated, { mode: 'snapshot', confirmClosures: true });
    expect(confirmed).toMatchObject({ state: 'applied', counts: { closed: 15, unchanged: 5 } });
    expect((await registry()).filter((s) => s.closed_at !== null).map((s) => s.carrier)).toEqual(Array(15).fill('vinaphone'));
    const left = await db().kysely.selectFrom('import_rows').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });

  it("moves another carrier's number only when the receiving carrier's row says it ported in", async () => {
    await load(write([line(1), line(2)]));
    const conflict = await load(write([line(1)]), { carrier: 'viettel' });
    expect(conflict).toMatchObject({ state: 'refused', counts: { conflicts: 1 } });
    expect(await problems(conflict.importId)).toEqual([{ row: 2, column_name: 'msisdn', code: 'ROW_OTHER_CARRIER', severity: 'error' }]);
    expect((await registry()).map((s) => s.carrier)).toEqual(['vinaphone', 'vinaphone']);

    const port = await load(write([line(1, { ported_in: 'yes' })]), { carrier: 'viettel' });
    expect(port).toMatchObject({ state: 'applied', counts: { portedIn: 1, changed: 1 } });
    expect((await registry()).map((s) => s.carrier)).toEqual(['viettel', 'vinaphone']);
    expect((await events()).map((e) => e.kind)).toEqual(['ported_in']);
  });

  it('reports both rows of a number written twice and loads neither', async () => {
    const report = await load(write([line(1), line(2), line(1, { full_name: 'Trần Thị Bình' })]), { policy: 'valid_rows' });
    expect(report).toMatchObject({ state: 'applied', rowsStaged: 1, rowsRejected: 2, counts: { added: 1 } });
    expect(await problems(report.importId)).toEqual([
      { row: 2, column_name: 'msisdn', code: 'ROW_DUPLICATE_MSISDN', severity: 'error' },
      { row: 4, column_name: 'msisdn', code: 'ROW_DUPLICATE_MSISDN', severity: 'error' },
    ]);
    expect((await registry()).map((s) => s.msisdn)).toEqual(['0912000002']);
  });

  it('loads nothing when a row is wrong, unless asked to load the valid rows', async () => {
    const file = write([line(1), line(2, { birth_date: '31/02/1990' }), line(3, { msisdn: '02438253123' })]);
    const refused = await load(file);
    expect(refused).toMatchObject({ state: 'refused', outcomeCode: 'SUBSCRIBER_ROWS_INVALID', rowsRejected: 2 });
    expect(await registry()).toEqual([]);
    expect(await problems(refused.importId)).toEqual([
      { row: 3, column_name: 'birth_date', code: 'ROW_BIRTH_DATE_INVALID', severity: 'error' },
      { row: 4, column_name: 'msisdn', code: 'ROW_MSISDN_INVALID', severity: 'error' },
    ]);
    const valid = await load(file, { policy: 'valid_rows' });
    expect(valid).toMatchObject({ state: 'applied', counts: { added: 1 } });
    expect((await registry()).map((s) => s.msisdn)).toEqual(['0912000001']);
  });

  it('checks a file in a worker thread with the same outcome as in this thread', async () => {
    const rows = [line(1), line(2, { birth_date: '31/02/1990' }), line(3, { msisdn: '0912000001' }), line(4, { imei: '123' }), line(5)];
    const inline = await load(write(rows), { policy: 'valid_rows' });
    const inlineState = { registry: await registry(), problems: await problems(inline.importId) };
    for (const table of ['subscriber_events', 'import_problems', 'import_rows', 'imports', 'subscribers'] as const) await db().kysely.deleteFrom(table).execute();
    const inWorker = await load(write(rows), { policy: 'valid_rows' }, 0);
    expect({ registry: await registry(), problems: await problems(inWorker.importId) }).toEqual(inlineState);
    expect({ ...inWorker, importId: 0 }).toEqual({ ...inline, importId: 0 });
    expect(inlineState.problems.map((p) => p.code)).toEqual(['ROW_DUPLICATE_MSISDN', 'ROW_BIRTH_DATE_INVALID', 'ROW_DUPLICATE_MSISDN', 'ROW_IMEI_INVALID']);
  });

  it('refuses from the worker thread a file whose bytes stop being UTF-8 far into it, with the line', async () => {
    const file = write(Array.from({ length: 2_000 }, (_, i) => line(i + 1)));
    fs.appendFileSync(file, Buffer.from([0x30, 0x39, 0xff, 0x0a]));
    const refusal = load(file, {}, 0);
    await expect(refusal).rejects.toMatchObject({ name: 'TableFileError', code: 'ENCODING_INVALID' });
    await expect(refusal).rejects.toThrow('Từ dòng 2002');
    expect(await registry()).toEqual([]);
  });

  it('counts in a dry run what the file would do and writes nothing to the registry', async () => {
    const report = await load(write([line(1), line(2)]), { dryRun: true });
    expect(report).toMatchObject({ state: 'dry_run', counts: { added: 2 } });
    expect(await registry()).toEqual([]);
    const rows = await sql<{ n: number }>`select count(*) as n from import_rows`.execute(db().kysely);
    expect(Number(rows.rows[0]?.n)).toBe(0);
  });
});
