/**
 * Carriers' weekly reports as the carriers and the Department use them, on both databases: the
 * draft from tttb's figures, a submission refused with exactly its problems and nothing kept, the
 * warning a comment explains, another carrier's week as one that does not exist, review, the
 * accepted report locked and its correction a new revision, on time and late, the xlsx template
 * filled and uploaded back with every error's sheet, row and cell.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedInAs, tokenAs } from '../access/access.testing.ts';
import type { Clock } from '../clock/index.ts';
import { describeEachDatabase } from '../db/testing.ts';
import type { routeTestApp } from '../http/testing.ts';
import { markVerified } from '../registry/index.ts';
import { testLine } from '../registry/subscriber.testing.ts';
import { enterTargetGroups } from '../verification/target-groups/target-groups.service.ts';
import { figuresTestApp, LONG_XUYEN, OTHER_COMMUNE } from '../figures/figures.testing.ts';
import { weeklyReportRoutes } from './weekly-reports.routes.ts';

type Row = { communeCode: string; communeName: string | null; figures: Record<string, number>; comment: string | null; registry: Record<string, number> };
type Problem = { sheet: string | null; row: number | null; communeCode: string | null; column: string | null; cell?: string | null; severity: string; code: string };

describeEachDatabase('/api/v1/reports/weekly', ({ db }) => {
  let at = '2026-05-04T03:00:00Z';
  const clock: Clock = { now: () => new Date(at) };
  let app: ReturnType<typeof routeTestApp>;
  let operator: Record<string, string>;
  let system: Record<string, string>;
  let otherCarrier: Record<string, string>;
  let admin: Record<string, string>;
  let viewer: Record<string, string>;
  beforeAll(async () => {
    const lines = Array.from({ length: 10 }, () => testLine({ commune_code: LONG_XUYEN, carrier: 'viettel' }));
    let ids: number[];
    ({ app, viewer, ids } = await figuresTestApp(db(), clock, lines));
    await app.register(weeklyReportRoutes, { prefix: '/api/v1/reports/weekly' });
    operator = (await signedInAs(db(), 'carrier_operator', [{ kind: 'carrier', value: 'viettel' }])).headers;
    system = (await tokenAs(db(), 'carrier_system')).headers;
    otherCarrier = (await signedInAs(db(), 'carrier_operator', [{ kind: 'carrier', value: 'mobifone' }])).headers;
    admin = (await signedInAs(db(), 'province_admin')).headers;
    await db().kysely.transaction().execute(async (trx) => {
      await enterTargetGroups(trx, ids.map((subscriberId) => ({ subscriberId, group: 'carrier_notice' as const, source: 'test', at: '2026-04-28T01:00:00.000Z' })));
      for (const id of ids.slice(0, 4)) await markVerified(trx, { subscriberId: id, at: '2026-04-30T02:00:00.000Z', actor: 'test', channel: 'carrier_store' });
      // 11/5, week 2.
      await markVerified(trx, { subscriberId: ids[4] ?? 0, at: '2026-05-11T02:00:00.000Z', actor: 'test', channel: 'vneid' });
    });
  });
  afterAll(() => app.close());

  const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({ method, url: `/api/v1/reports/weekly${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const draft = async (week: number) => {
    const answer = await call('GET', `/viettel/${week}/draft`, operator);
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json<{ rows: Row[]; dueAt: string }>();
  };
  const asSubmitted = (rows: readonly Row[]): ({ communeCode: string } & Record<string, unknown>)[] =>
    rows.map((r) => ({ communeCode: r.communeCode, ...r.figures, ...(r.comment ? { comment: r.comment } : {}) }));
  const revisions = async (week: number) => (await call('GET', `/viettel/${week}`, viewer)).json<{ revisions: { revision: number; status: string; onTime: boolean; source: string }[] }>().revisions;

  it('refuses a week that has not ended, and a week of another carrier as one that does not exist', async () => {
    at = '2026-05-04T03:00:00Z';
    const early = await call('POST', '/viettel/1', operator, { rows: [] });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'REPORT_WEEK_NOT_ENDED' });
    for (const url of ['/viettel/1', '/viettel/1/draft']) {
      const other = await call('GET', url, otherCarrier);
      expect(other.json(), url).toMatchObject({ code: 'REPORT_WEEK_NOT_FOUND' });
    }
    expect((await call('GET', '/viettel/9', viewer)).json()).toMatchObject({ code: 'REPORT_WEEK_NOT_FOUND' });
    const grid = (await call('GET', '', viewer)).json<{ carriers: { carrier: string; weeks: { timeliness: string }[] }[] }>();
    expect(grid.carriers.map((c) => c.carrier)).toEqual(['viettel']);
    expect(grid.carriers[0]?.weeks.map((w) => w.timeliness)).toEqual(['not_ended', 'not_ended', 'not_ended', 'not_ended', 'not_ended']);
    // A carrier sees its own row only: mobifone has none.
    expect((await call('GET', '', otherCarrier)).json<{ carriers: unknown[] }>().carriers).toEqual([]);
  });

  it("drafts the week from tttb's figures, and takes the draft as the week's first revision, on time", async () => {
    at = '2026-05-05T03:00:00Z';
    const { rows, dueAt } = await draft(1);
    expect(dueAt).toBe('2026-05-05T10:00:00.000Z');
    expect(rows).toHaveLength(102);
    expect(rows.find((r) => r.communeCode === LONG_XUYEN)?.figures).toMatchObject({ target_lines: 10, target_carrier_notice: 10, target_verified: 4, verifications_week: 4, certified_week: 0 });
    expect(rows.find((r) => r.communeCode === LONG_XUYEN)?.registry).not.toHaveProperty('certified_week');
    const answer = await call('POST', '/viettel/1', operator, { rows: asSubmitted(rows), source: 'draft' });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ state: 'submitted', revision: { revision: 1, status: 'submitted', source: 'draft', onTime: true }, problems: [] });
  });

  it('refuses a report with exactly its problems, each with its row, commune and column, and keeps nothing', async () => {
    const { rows } = await draft(1);
    const changed = asSubmitted(rows).filter((r) => r.communeCode !== '30301');
    const longXuyen = changed.findIndex((r) => r.communeCode === LONG_XUYEN);
    changed[longXuyen] = { ...changed[longXuyen], communeCode: LONG_XUYEN, target_verified: 11 };
    const other = changed.findIndex((r) => r.communeCode === OTHER_COMMUNE);
    changed.push({ ...changed[other], communeCode: OTHER_COMMUNE });
    changed.push({ ...changed[other], communeCode: '99999' });
    const answer = await call('POST', '/viettel/1', system, { rows: changed });
    expect(answer.statusCode).toBe(422);
    const problems = answer.json<{ problems: Problem[] }>().problems.map((p) => [p.row, p.communeCode, p.column, p.code]);
    expect(problems).toEqual(
      expect.arrayContaining([
        [longXuyen + 1, LONG_XUYEN, 'target_verified', 'REPORT_VERIFIED_ABOVE_TARGET'],
        // 11 against tttb's 4: a warning, which without a comment refuses the report.
        [longXuyen + 1, LONG_XUYEN, 'target_verified', 'REPORT_WARNING_NEEDS_COMMENT'],
        [other + 1, OTHER_COMMUNE, 'commune_code', 'REPORT_COMMUNE_TWICE'],
        [changed.length - 1, OTHER_COMMUNE, 'commune_code', 'REPORT_COMMUNE_TWICE'],
        [changed.length, '99999', 'commune_code', 'REPORT_COMMUNE_UNKNOWN'],
        [null, '30301', null, 'REPORT_COMMUNE_MISSING'],
      ]),
    );
    expect(problems).toHaveLength(6);
    expect(await revisions(1)).toHaveLength(1);
  });

  it('takes a figure off from the registry once its row says why, superseding the revision awaiting review', async () => {
    const rows = asSubmitted((await draft(1)).rows).map((r) => (r.communeCode === LONG_XUYEN ? { ...r, verifications_week: 40, comment: 'Gồm lượt xác thực tại cửa hàng chưa đồng bộ' } : r));
    const answer = await call('POST', '/viettel/1', system, { rows });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ state: 'submitted', revision: { revision: 2, source: 'api' }, warnings: [{ communeCode: LONG_XUYEN, column: 'verifications_week', code: 'REPORT_DEVIATES_FROM_REGISTRY' }] });
    expect((await revisions(1)).map((r) => r.status)).toEqual(['superseded', 'submitted']);
  });

  it('lets the Department accept only the revision awaiting review, return only with a comment, and locks what it accepted', async () => {
    expect((await call('POST', '/viettel/1/2/accept', operator, {})).statusCode).toBe(403);
    expect((await call('POST', '/viettel/1/1/accept', admin, {})).json()).toMatchObject({ code: 'REPORT_NOT_REVIEWABLE' });
    expect((await call('POST', '/viettel/1/2/return', admin, {})).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await call('POST', '/viettel/1/7/accept', admin, {})).json()).toMatchObject({ code: 'REPORT_NOT_FOUND' });
    const accepted = await call('POST', '/viettel/1/2/accept', admin, { comment: 'Đã đối chiếu' });
    expect(accepted.json()).toMatchObject({ revision: 2, status: 'accepted', reviewComment: 'Đã đối chiếu' });
    const before = (await call('GET', '/viettel/1?revision=2', viewer)).json<{ shown: { rows: Row[] } }>().shown.rows;

    const rows = asSubmitted((await draft(1)).rows);
    const locked = await call('POST', '/viettel/1', operator, { rows });
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ code: 'REPORT_ACCEPTED_LOCKED' });
    const corrected = await call('POST', '/viettel/1', operator, { rows, correctionReason: 'Bỏ lượt xác thực chưa đồng bộ' });
    expect(corrected.json()).toMatchObject({ state: 'submitted', revision: { revision: 3, status: 'submitted', correctionReason: 'Bỏ lượt xác thực chưa đồng bộ' } });
    expect((await call('POST', '/viettel/1/2/return', admin, { comment: 'x' })).json()).toMatchObject({ code: 'REPORT_NOT_REVIEWABLE' });
    const after = (await call('GET', '/viettel/1?revision=2', viewer)).json<{ shown: { status: string; rows: Row[] } }>().shown;
    expect(after.status).toBe('accepted');
    expect(after.rows).toEqual(before);
    expect((await revisions(1)).map((r) => r.status)).toEqual(['superseded', 'accepted', 'submitted']);

    const audit = await db().kysely.selectFrom('audit_log').select(['action', 'subject_id']).where('subject_type', '=', 'weekly_report').orderBy('id').execute();
    expect(audit.map((a) => `${a.action} ${a.subject_id}`)).toEqual([
      'report.submit AG-2026/viettel/1/1',
      'report.submit AG-2026/viettel/1/2',
      'report.accept AG-2026/viettel/1/2',
      'report.submit AG-2026/viettel/1/3',
    ]);
  });

  it('counts a week missing past its deadline, and late once it comes', async () => {
    at = '2026-05-13T03:00:00Z';
    const grid = async () => (await call('GET', '', admin)).json<{ carriers: { expected: number; received: number; onTime: number; late: number; missing: number; weeks: { timeliness: string; status: string | null }[] }[] }>().carriers[0];
    expect(await grid()).toMatchObject({ expected: 2, received: 1, onTime: 1, late: 0, missing: 1 });
    expect((await grid())?.weeks.slice(0, 3).map((w) => w.timeliness)).toEqual(['on_time', 'missing', 'not_ended']);
    const { rows } = await draft(2);
    expect(rows.find((r) => r.communeCode === LONG_XUYEN)?.figures).toMatchObject({ target_verified: 5, verifications_week: 1 });

    const template = await call('GET', '/viettel/2/template.xlsx', operator);
    expect(template.statusCode).toBe(200);
    const upload = (week: number, body: Buffer) => app.inject({ method: 'POST', url: `/api/v1/reports/weekly/viettel/${week}/upload?fileName=tuan-2.xlsx`, headers: { ...operator, 'content-type': 'application/octet-stream' }, payload: body });
    const submitted = await upload(2, template.rawPayload);
    expect(submitted.json()).toMatchObject({ state: 'submitted', revision: { revision: 1, source: 'xlsx', onTime: false } });
    expect(await grid()).toMatchObject({ expected: 2, received: 2, onTime: 1, late: 1, missing: 0 });
  });

  it('reads an uploaded template back with every error at its sheet, row and cell, and refuses another week\'s file', async () => {
    const template = (await call('GET', '/viettel/2/template.xlsx', operator)).rawPayload;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('bao_cao_tuan');
    if (!sheet) throw new Error('no rows sheet');
    const header = (sheet.getRow(2).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
    const col = (label: string) => header.indexOf(label);
    const rowOf = (code: string) => {
      let found = 0;
      sheet.eachRow((row, n) => {
        if (row.getCell(1).value === code) found = n;
      });
      return found;
    };
    const longXuyen = rowOf(LONG_XUYEN);
    sheet.getRow(longXuyen).getCell(col('Thuê bao đối tượng đã xác thực đến nay')).value = 'năm';
    sheet.getRow(rowOf(OTHER_COMMUNE)).getCell(col('Khoá một chiều đến nay')).value = null;
    sheet.getRow(rowOf(OTHER_COMMUNE)).getCell(col('Mở khoá trong tuần')).value = -2;
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const upload = (week: number, body: Buffer) => app.inject({ method: 'POST', url: `/api/v1/reports/weekly/viettel/${week}/upload`, headers: { ...operator, 'content-type': 'application/octet-stream' }, payload: body });

    const refused = await upload(2, edited);
    expect(refused.statusCode).toBe(422);
    const letter = (label: string) => String.fromCharCode(64 + col(label));
    expect(refused.json<{ problems: Problem[] }>().problems.map((p) => [p.sheet, p.row, p.cell, p.column, p.code])).toEqual([
      ['bao_cao_tuan', longXuyen, `${letter('Thuê bao đối tượng đã xác thực đến nay')}${longXuyen}`, 'target_verified', 'REPORT_VALUE_INVALID'],
      ['bao_cao_tuan', rowOf(OTHER_COMMUNE), `${letter('Khoá một chiều đến nay')}${rowOf(OTHER_COMMUNE)}`, 'locked_one_way', 'REPORT_VALUE_REQUIRED'],
      ['bao_cao_tuan', rowOf(OTHER_COMMUNE), `${letter('Mở khoá trong tuần')}${rowOf(OTHER_COMMUNE)}`, 'unlocked_week', 'REPORT_VALUE_INVALID'],
    ]);
    expect(await revisions(2)).toHaveLength(1);

    const wrongWeek = await upload(3, template);
    expect(wrongWeek.statusCode).toBe(400);
    expect(wrongWeek.json()).toMatchObject({ code: 'REPORT_FILE_INVALID' });
    for (const bytes of [Buffer.from('not a workbook'), template.subarray(0, 200), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])]) {
      const bad = await upload(2, bytes);
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'REPORT_FILE_INVALID' });
    }
  });

  it('moves the deadline with the campaign\'s setting', async () => {
    await db().kysely.updateTable('campaigns').set({ report_due_days: 2, report_due_time: '08:30' }).execute();
    expect((await draft(2)).dueAt).toBe('2026-05-13T01:30:00.000Z');
    await db().kysely.updateTable('campaigns').set({ report_due_days: 1, report_due_time: '17:00' }).execute();
  });
});
