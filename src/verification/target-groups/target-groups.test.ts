import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../../db/open.ts';
import type { NewSubscriber } from '../../db/schema.ts';
import { describeEachDatabase } from '../../db/testing.ts';
import { routeTestApp } from '../../http/testing.ts';
import { signedInAs } from '../../access/access.testing.ts';
import { seedReferenceData } from '../../registry/index.ts';
import { countTargetGroups, endMembershipsOnVerification, enterTargetGroup, enterTargetGroups, targetGroupRoutes } from './index.ts';

const AT = '2026-05-01T02:00:00.000Z';
const LATER = '2026-05-03T02:00:00.000Z';
const COMMUNE_A = '30292';
const COMMUNE_B = '31105';

function line(n: number, carrier: string, commune: string): NewSubscriber {
  return {
    msisdn: `09610000${String(n).padStart(2, '0')}`,
    carrier,
    line_class: 'h2h',
    holder_kind: 'citizen',
    document_type: 'personal_id',
    document_number: `0890900000${String(n).padStart(2, '0')}`,
    full_name: 'Nguyễn Văn An',
    name_key: 'nguyễn văn an',
    birth_date: '1990-01-02',
    birth_precision: 'day',
    sex: 'male',
    commune_code: commune,
    imei: null,
    registered_at: '2020-01-01T01:00:00.000Z',
  };
}

async function addLines(db: Database): Promise<number[]> {
  const rows = await db.kysely
    .insertInto('subscribers')
    .values([line(1, 'viettel', COMMUNE_A), line(2, 'viettel', COMMUNE_A), line(3, 'mobifone', COMMUNE_B)])
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id));
}

describeEachDatabase('target groups', ({ db }) => {
  let ids: number[];
  const id = (i: number) => ids[i] as number;
  beforeAll(async () => {
    await seedReferenceData(db());
    ids = await addLines(db());
  });

  it('enters a line once per group and detail, whoever reports it again', async () => {
    const entered = await db().kysely.transaction().execute(async (trx) => [
      await enterTargetGroup(trx, { subscriberId: id(0), group: 'cmnd9', source: 'import', at: AT }),
      await enterTargetGroup(trx, { subscriberId: id(0), group: 'cmnd9', source: 'reconciliation', at: LATER }),
      await enterTargetGroup(trx, { subscriberId: id(1), group: 'carrier_notice', source: 'carrier', at: AT }),
    ]);
    expect(entered).toEqual([true, false, true]);
    const rows = await db().kysely.selectFrom('target_memberships').selectAll().where('subscriber_id', '=', id(0)).execute();
    expect(rows).toMatchObject([{ target_group: 'cmnd9', source: 'import', detail: '', since: AT, ended_at: null }]);
  });

  it('starts the roadmap clock when a line enters mismatch, once however many mismatches are found', async () => {
    const summary = await db().kysely.transaction().execute((trx) =>
      enterTargetGroups(trx, [
        { subscriberId: id(2), group: 'mismatch', source: 'selfcheck', detail: 'name_typo', at: AT },
        { subscriberId: id(2), group: 'mismatch', source: 'reconciliation', detail: 'birth_date_wrong', at: AT },
      ]),
    );
    expect(summary.entered).toHaveLength(2);
    expect(summary.requirementsStarted).toBe(1);
    const again = await db().kysely.transaction().execute((trx) =>
      enterTargetGroups(trx, [{ subscriberId: id(2), group: 'mismatch', source: 'report', detail: 'name_typo', at: LATER }]),
    );
    expect(again).toEqual({ entered: [], requirementsStarted: 0 });
    const subscriber = await db().kysely.selectFrom('subscribers').selectAll().where('id', '=', id(2)).executeTakeFirstOrThrow();
    expect(subscriber).toMatchObject({ verification_required_since: AT, verification_required_reason: 'mismatch' });
    const events = await db().kysely.selectFrom('subscriber_events').selectAll().where('subscriber_id', '=', id(2)).execute();
    expect(events).toMatchObject([{ kind: 'verification_required', reason: 'mismatch', actor: 'system:selfcheck' }]);
  });

  it('records a mismatch on a verified or terminated line without restarting its roadmap', async () => {
    const [verified, terminated] = await db()
      .kysely.insertInto('subscribers')
      .values([
        // Every row names the same columns: SQLite has no DEFAULT inside a multi-row VALUES.
        { ...line(4, 'vinaphone', COMMUNE_B), verification_state: 'verified', verified_at: AT, lock_level: 'none' },
        { ...line(5, 'vinaphone', COMMUNE_B), verification_state: 'unverified', verified_at: null, lock_level: 'terminated' },
      ])
      .returning('id')
      .execute();
    const entries = [verified, terminated].map((r) => ({
      subscriberId: Number(r?.id),
      group: 'mismatch' as const,
      source: 'report',
      detail: 'name_typo',
      at: LATER,
    }));
    const summary = await db().kysely.transaction().execute((trx) => enterTargetGroups(trx, entries));
    expect(summary).toMatchObject({ entered: [{}, {}], requirementsStarted: 0 });
    await db().kysely.deleteFrom('target_memberships').where('subscriber_id', 'in', entries.map((e) => e.subscriberId)).execute();
    await db().kysely.deleteFrom('subscribers').where('id', 'in', entries.map((e) => e.subscriberId)).execute();
  });

  it('counts member lines by commune, carrier and group with one GROUP BY', async () => {
    expect(await countTargetGroups(db(), { by: ['group'] })).toEqual([
      { group: 'carrier_notice', members: 1, open: 1 },
      { group: 'cmnd9', members: 1, open: 1 },
      { group: 'mismatch', members: 1, open: 1 },
    ]);
    expect(await countTargetGroups(db(), { by: ['commune', 'carrier'] })).toEqual([
      { communeCode: COMMUNE_A, communeName: expect.any(String) as string, carrier: 'viettel', members: 2, open: 2 },
      { communeCode: COMMUNE_B, communeName: expect.any(String) as string, carrier: 'mobifone', members: 1, open: 1 },
    ]);
    expect(await countTargetGroups(db(), { by: [] })).toEqual([{ members: 3, open: 3 }]);
  });

  it('ends a line’s memberships when it is verified, keeping them counted as members', async () => {
    const ended = await db().kysely.transaction().execute((trx) => endMembershipsOnVerification(trx, id(2), LATER));
    expect(ended).toBe(2);
    expect(await countTargetGroups(db(), { by: ['group'] })).toContainEqual({ group: 'mismatch', members: 1, open: 0 });
    const again = await db().kysely.transaction().execute((trx) => endMembershipsOnVerification(trx, id(2), LATER));
    expect(again).toBe(0);
  });

  it('serves the counts at GET /counts and refuses an unknown dimension with problem+json', async () => {
    const app = routeTestApp(db());
    await app.register(targetGroupRoutes, { prefix: '/api/v1/target-groups' });
    const { headers } = await signedInAs(db(), 'province_viewer');
    const inject = (url: string) => app.inject({ method: 'GET', url, headers });
    try {
      const ok = await inject('/api/v1/target-groups/counts?by=carrier,group');
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ by: ['carrier', 'group'], items: expect.arrayContaining([{ carrier: 'mobifone', group: 'mismatch', members: 1, open: 0 }]) as unknown });
      const byDefault = await inject('/api/v1/target-groups/counts');
      expect(byDefault.json()).toMatchObject({ by: ['group'] });
      const bad = await inject('/api/v1/target-groups/counts?by=district');
      // An officer counts their own communes' lines only.
      const officer = (await signedInAs(db(), 'commune_officer', [{ kind: 'commune', value: '30301' }])).headers;
      const theirs = await app.inject({ method: 'GET', url: '/api/v1/target-groups/counts?by=carrier,group', headers: officer });
      expect(theirs.json()).toMatchObject({ items: [] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    } finally {
      await app.close();
    }
  });
});
