/**
 * The import API as the carriers and the Department reach it: a file sent as the body, the run's
 * report, the history with the run's progress, and the scope — another carrier's runs are "not
 * found", a carrier's account loads its own files only, the Department names the carrier.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedInAs, tokenAs } from '../../access/access.testing.ts';
import { describeEachDatabase } from '../../db/testing.ts';
import { routeTestApp } from '../../http/testing.ts';
import { seedReferenceData } from '../index.ts';
import { importRoutes } from './imports.routes.ts';

const HEADER = 'msisdn,line_class,holder_kind,document_type,document_number,full_name,birth_date,registered_at';
const GOOD = '0869990101,h2h,citizen,personal_id,089090001236,Lâm Văn Tú,05/09/1990,2021-03-15T02:30:00Z';
const BROKEN = '0869990102,h2h,citizen,personal_id,089090004323,Mai Thị Hoa,31/02/1990,2021-03-15T02:30:00Z';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

describeEachDatabase('the import API', ({ db }) => {
  let app: FastifyInstance;
  let viettel: Record<string, string>;
  let mobifone: Record<string, string>;
  beforeAll(async () => {
    await seedReferenceData(db());
    app = routeTestApp(db());
    await app.register(importRoutes, { prefix: '/api/v1/imports' });
    viettel = (await tokenAs(db(), 'carrier_system')).headers;
    mobifone = (await tokenAs(db(), 'carrier_system', [{ kind: 'carrier', value: 'mobifone' }])).headers;
  });
  afterAll(() => app.close());

  const upload = (headers: Record<string, string>, query: string, body: string | Buffer, type = 'text/csv') =>
    app.inject({ method: 'POST', url: `/api/v1/imports/subscribers?${query}`, headers: { ...headers, 'content-type': type }, payload: body });

  it("loads a carrier's file under its own carrier, lists it with no progress once done, and hides it from another carrier", async () => {
    const refused = await upload(viettel, 'fileName=tuan-1.csv', csv(GOOD, BROKEN));
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ state: 'refused', rowsRejected: 1, outcomeCode: 'SUBSCRIBER_ROWS_INVALID' });

    const loaded = await upload(viettel, 'fileName=tuan-1.csv&policy=valid_rows', csv(GOOD, BROKEN));
    expect(loaded.json()).toMatchObject({ state: 'applied', rowsStaged: 1, rowsRejected: 1, counts: { added: 1 } });
    const id = loaded.json<{ importId: number }>().importId;

    const history = await app.inject({ method: 'GET', url: '/api/v1/imports', headers: viettel });
    const run = history.json<{ imports: { id: number; carrier: string; fileName: string; progress: unknown }[] }>().imports.find((r) => r.id === id);
    expect(run).toMatchObject({ carrier: 'viettel', fileName: 'tuan-1.csv', progress: null });
    const detail = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: viettel });
    expect(detail.json<{ problems: { row: number; column: string; code: string }[] }>().problems).toEqual([expect.objectContaining({ row: 3, column: 'birth_date', code: 'ROW_BIRTH_DATE_INVALID' })]);

    // Another carrier: not in its history, and the run itself is "not found", as a line is.
    const theirs = await app.inject({ method: 'GET', url: '/api/v1/imports', headers: mobifone });
    expect(theirs.json<{ imports: { id: number }[] }>().imports.map((r) => r.id)).not.toContain(id);
    expect((await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: mobifone })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/imports/${id}/report.xlsx`, headers: mobifone })).statusCode).toBe(404);
  });

  it("refuses a carrier's account loading another carrier's file, and asks the Department which carrier", async () => {
    const other = await upload(viettel, 'carrier=mobifone', csv(GOOD));
    expect(other.statusCode).toBe(403);
    const admin = (await signedInAs(db(), 'province_admin')).headers;
    const unnamed = await upload(admin, 'dryRun=true', csv(GOOD));
    expect(unnamed.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const named = await upload(admin, 'dryRun=true&carrier=mobifone', csv('0899990103,h2h,citizen,personal_id,089090001237,Lâm Văn Tài,05/09/1990,2021-03-15T02:30:00Z'));
    expect(named.json()).toMatchObject({ state: 'dry_run', counts: { added: 1 } });
  });

  it('answers bad bytes with a clear refusal, never a crash', async () => {
    const noType = await app.inject({ method: 'POST', url: '/api/v1/imports/subscribers', headers: { ...viettel, 'content-type': 'application/json' }, payload: '{}' });
    expect(noType.statusCode).toBe(415);
    const garbage = await upload(viettel, 'fileName=rac.bin', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x13, 0x37]), 'application/octet-stream');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json<{ code: string; title: string }>().title).toMatch(/[ạ-ỹ]/u);
    const columns = await upload(viettel, '', 'so,ten\n0869990104,Nguyễn Văn A');
    expect(columns.json()).toMatchObject({ code: 'SUBSCRIBER_FILE_COLUMNS' });
    // The service still answers.
    expect((await app.inject({ method: 'GET', url: '/api/v1/imports', headers: viettel })).statusCode).toBe(200);
  });
});
