import { afterAll, beforeAll, expect, it } from 'vitest';
import { signedInAs } from '../access/access.testing.ts';
import type { Clock } from '../clock/index.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { routeTestApp } from '../http/testing.ts';
import { campaignRoutes } from './campaign.routes.ts';

interface Answer {
  weeks: { startsOn: string; endsOn: string }[];
  targets: { code: string; goalShare: number }[];
}

describeEachDatabase('/api/v1/campaign', ({ db }) => {
  const clock: Clock = { now: () => new Date('2026-05-12T03:00:00Z') };
  let app: ReturnType<typeof routeTestApp>;
  let admin: Record<string, string>;
  let viewer: Record<string, string>;
  beforeAll(async () => {
    app = routeTestApp(db(), clock);
    await app.register(campaignRoutes, { prefix: '/api/v1/campaign' });
    admin = (await signedInAs(db(), 'province_admin')).headers;
    viewer = (await signedInAs(db(), 'province_viewer')).headers;
  });
  afterAll(() => app.close());

  const campaign = () => app.inject({ method: 'GET', url: '/api/v1/campaign', headers: viewer });
  const answer = async () => (await campaign()).json<Answer>();
  const put = (code: string, payload: object, headers = admin) => app.inject({ method: 'PUT', url: `/api/v1/campaign/targets/${code}`, headers, payload });
  const audited = () =>
    db().kysely.selectFrom('audit_log').select(['actor', 'action', 'subject_id', 'details']).where('subject_type', '=', 'campaign_target').orderBy('id').execute();

  it('answers CAMPAIGN_NOT_FOUND before there is a campaign, for reading and for editing', async () => {
    expect((await campaign()).json()).toMatchObject({ code: 'CAMPAIGN_NOT_FOUND' });
    expect((await put('moi', { measure: 'target_lines_verified', goalShare: 1, label: 'x' })).statusCode).toBe(404);
  });

  it('shows the campaign with its five weeks and its targets', async () => {
    const { id } = await db()
      .kysely.insertInto('campaigns')
      .values({ code: 'AG-2026', name: 'Chiến dịch tỉnh An Giang', province_code: '89', legal_basis: 'Thông tư 08/2026/TT-BKHCN', starts_on: '2026-04-28', ends_on: '2026-05-28' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [code, measure, goal] of [['thue-bao-xac-thuc', 'target_lines_verified', 1], ['chu-ky-so-14-tuoi', 'citizens_14plus_signed', 0.7]] as const) {
      await db().kysely.insertInto('campaign_targets').values({ campaign_id: Number(id), code, measure, goal_share: goal, label: code, carrier: null, commune_type: null, updated_at: '2026-04-01T00:00:00.000Z', updated_by: 'demo' }).execute();
    }
    const body = await answer();
    expect(body).toMatchObject({ code: 'AG-2026', legalBasis: 'Thông tư 08/2026/TT-BKHCN', startsOn: '2026-04-28', endsOn: '2026-05-28' });
    expect(body.weeks.map((w) => `${w.startsOn}/${w.endsOn}`)).toEqual([
      '2026-04-28/2026-05-04', '2026-05-05/2026-05-11', '2026-05-12/2026-05-18', '2026-05-19/2026-05-25', '2026-05-26/2026-05-28',
    ]);
    expect(body.targets.map((t) => [t.code, t.goalShare])).toEqual([['thue-bao-xac-thuc', 1], ['chu-ky-so-14-tuoi', 0.7]]);
  });

  it('lets the admin change a target and add one, each audited with what it was and what it became', async () => {
    const changed = await put('chu-ky-so-14-tuoi', { measure: 'citizens_14plus_signed', goalShare: 0.75, label: 'Công dân từ 14 tuổi có chữ ký số công cộng' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ code: 'chu-ky-so-14-tuoi', goalShare: 0.75, updatedAt: '2026-05-12T03:00:00.000Z' });
    const added = await put('viettel-xa', { measure: 'target_lines_verified', goalShare: 0.9, label: 'Thuê bao Viettel ở các xã', carrier: 'viettel', communeType: 'xa' });
    expect(added.json()).toMatchObject({ carrier: 'viettel', communeType: 'xa' });

    expect((await answer()).targets.map((t) => [t.code, t.goalShare])).toEqual([
      ['thue-bao-xac-thuc', 1], ['chu-ky-so-14-tuoi', 0.75], ['viettel-xa', 0.9],
    ]);
    const log = await audited();
    expect(log.map((e) => [e.action, e.subject_id])).toEqual([['campaign.target_change', 'AG-2026/chu-ky-so-14-tuoi'], ['campaign.target_add', 'AG-2026/viettel-xa']]);
    expect(JSON.parse(log[0]?.details as string)).toMatchObject({ before: { goalShare: 0.7 }, after: { goalShare: 0.75 } });
    expect(log[0]?.actor).toMatch(/^test\.province_admin/);
  });

  it('refuses what a target cannot be, with the field, and changes nothing', async () => {
    const refusals = [
      await put('chu-ky-so-14-tuoi', { measure: 'citizens_14plus_signed', goalShare: 1.5, label: 'x' }),
      await put('chu-ky-so-14-tuoi', { measure: 'citizens_14plus_signed', goalShare: 0, label: 'x' }),
      await put('chu-ky-so-14-tuoi', { measure: 'so-dep', goalShare: 0.5, label: 'x' }),
      await put('chu-ky-so-14-tuoi', { measure: 'citizens_14plus_signed', goalShare: 0.5, label: '   ' }),
      await put('chu-ky-so-14-tuoi', { measure: 'citizens_14plus_signed', goalShare: 0.5, label: 'x', extra: 1 }),
      await put('Chữ-Ký', { measure: 'citizens_14plus_signed', goalShare: 0.5, label: 'x' }),
    ];
    expect(refusals.map((r) => [r.statusCode, r.json<{ code: string }>().code])).toEqual(Array(6).fill([400, 'VALIDATION_FAILED']));
    // People hold signatures whatever their carrier.
    const scoped = await put('chu-ky-so-14-tuoi', { measure: 'citizens_14plus_signed', goalShare: 0.5, label: 'x', carrier: 'viettel' });
    expect([scoped.statusCode, scoped.json<{ code: string }>().code]).toEqual([400, 'CAMPAIGN_TARGET_SCOPE_INVALID']);
    expect((await put('chu-ky-so-14-tuoi', { measure: 'citizens_14plus_signed', goalShare: 0.5, label: 'x' }, viewer)).statusCode).toBe(403);
    expect((await answer()).targets.find((t) => t.code === 'chu-ky-so-14-tuoi')).toMatchObject({ goalShare: 0.75 });
    expect(await audited()).toHaveLength(2);
  });

  it('removes a target, audited; removing it again is not found', async () => {
    const del = () => app.inject({ method: 'DELETE', url: '/api/v1/campaign/targets/viettel-xa', headers: admin });
    expect((await del()).statusCode).toBe(204);
    expect([(await del()).statusCode, (await del()).json<{ code: string }>().code]).toEqual([404, 'CAMPAIGN_TARGET_NOT_FOUND']);
    expect((await audited()).map((e) => e.action).at(-1)).toBe('campaign.target_remove');
    expect((await answer()).targets.map((t) => t.code)).toEqual(['thue-bao-xac-thuc', 'chu-ky-so-14-tuoi']);
  });

  it('lets the admin create a campaign, with the three standard targets, and change one, each audited', async () => {
    const body = { name: 'Chiến dịch 2027', provinceCode: '89', legalBasis: 'Kế hoạch 2027', startsOn: '2027-03-02', endsOn: '2027-03-31' };
    const put = (code: string, payload: object, headers = admin) => app.inject({ method: 'PUT', url: `/api/v1/campaign/${code}`, headers, payload });
    expect((await put('AG-2027', body)).json()).toEqual({ code: 'AG-2027', created: true });
    const created = await db().kysely.selectFrom('campaigns').innerJoin('campaign_targets as t', 't.campaign_id', 'campaigns.id').select(['t.code']).where('campaigns.code', '=', 'AG-2027').orderBy('t.id').execute();
    expect(created.map((t) => t.code)).toEqual(['thue-bao-xac-thuc', 'chu-ky-so-14-tuoi', 'cbccvc-tu-kiem-tra']);
    expect((await put('AG-2026', { ...body, name: 'Chiến dịch tỉnh An Giang', legalBasis: 'Thông tư 08/2026/TT-BKHCN; Kế hoạch của UBND tỉnh', startsOn: '2026-04-28', endsOn: '2026-05-28' })).json()).toEqual({ code: 'AG-2026', created: false });
    expect((await answer()).targets.map((t) => t.code)).toEqual(['thue-bao-xac-thuc', 'chu-ky-so-14-tuoi']);

    const refused = [
      await put('AG-2027', { ...body, endsOn: '2027-03-01' }),
      await put('AG-2027', { ...body, startsOn: '2027-02-29' }),
      await put('ag 2027', body),
      await put('AG-2027', { ...body, provinceCode: '8' }),
    ];
    expect(refused.map((r) => [r.statusCode, r.json<{ code: string }>().code])).toEqual(Array(4).fill([400, 'VALIDATION_FAILED']));
    expect((await put('AG-2027', body, viewer)).statusCode).toBe(403);
    const log = await db().kysely.selectFrom('audit_log').select(['action', 'subject_id', 'details']).where('subject_type', '=', 'campaign').orderBy('id').execute();
    expect(log.map((e) => [e.action, e.subject_id])).toEqual([['campaign.create', 'AG-2027'], ['campaign.change', 'AG-2026']]);
    expect(JSON.parse(log[1]?.details as string)).toMatchObject({ before: { legalBasis: 'Thông tư 08/2026/TT-BKHCN' }, after: { legalBasis: 'Thông tư 08/2026/TT-BKHCN; Kế hoạch của UBND tỉnh' } });
  });
});
