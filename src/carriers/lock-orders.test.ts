import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { tokenAs } from '../access/access.testing.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { routeTestApp } from '../http/testing.ts';
import { markVerified, seedReferenceData } from '../registry/index.ts';
import { runRoadmap } from '../roadmap/index.ts';
import { HOUR, lineRequiredAt, plus } from '../roadmap/roadmap.testing.ts';
import { lockOrderRoutes } from './lock-orders.routes.ts';
import { confirmLockOrders, lockTimeliness, readLockOrders } from './lock-orders.service.ts';
import { DEFAULT_LOCK_ORDER_SETTINGS } from './lock-orders.settings.ts';

const REQUIRED = '2026-05-04T03:00:00.000Z';
// The roadmap runs after the one-way lock fell due (2 hours after the requirement).
const RUN = new Date(plus(REQUIRED, 3 * HOUR));
interface Reporter {
  scope: { kind: 'carrier'; value: string }[];
  actor: string;
}
const viettel: Reporter = { scope: [{ kind: 'carrier', value: 'viettel' }], actor: 'token:viettel-network' };
const mobifone: Reporter = { scope: [{ kind: 'carrier', value: 'mobifone' }], actor: 'token:mobifone-network' };

describeEachDatabase('lock orders to the carriers', ({ db }) => {
  beforeAll(() => seedReferenceData(db()));
  const lineOf = (id: number) => db().kysely.selectFrom('subscribers').select(['msisdn', 'lock_level', 'lock_state']).where('id', '=', id).executeTakeFirstOrThrow();
  const confirm = (reporter: Reporter, confirmations: { orderId: number; at: string }[], now = RUN) =>
    confirmLockOrders({ db: db(), now: () => now }, reporter, confirmations);
  const ordersOf = async (reporter: Reporter, msisdn: string) =>
    (await readLockOrders(db(), reporter.scope, 0, 1000)).orders.filter((o) => o.msisdn === msisdn);

  it("orders a roadmap lock from the carrier's feed; the line is 'ordered' until the carrier confirms it", async () => {
    const id = await lineRequiredAt(db(), REQUIRED, 'mismatch', { carrier: 'viettel' });
    await runRoadmap(db(), { at: RUN });
    const { msisdn } = await lineOf(id);
    expect(await lineOf(id)).toMatchObject({ lock_level: 'one_way', lock_state: 'ordered' });
    const [order] = await ordersOf(viettel, msisdn);
    expect(order).toMatchObject({ action: 'one_way', reason: 'campaign_mismatch', dueAt: plus(REQUIRED, 2 * HOUR), confirmedAt: null });
    // Another carrier neither reads nor confirms it.
    expect(await ordersOf(mobifone, msisdn)).toEqual([]);
    const orderId = order?.id ?? 0;
    expect((await confirm(mobifone, [{ orderId, at: RUN.toISOString() }]))[0]).toMatchObject({ status: 'refused', error: { code: 'LOCK_ORDER_NOT_FOUND' } });

    const answers = await confirm(
      viettel,
      [
        { orderId, at: plus(REQUIRED, 2 * HOUR) },
        { orderId, at: plus(RUN.toISOString(), HOUR) },
        { orderId, at: plus(RUN.toISOString(), 10 * 60_000) },
        { orderId, at: plus(RUN.toISOString(), 12 * 60_000) },
      ],
      new Date(plus(RUN.toISOString(), 20 * 60_000)),
    );
    expect(answers.map((a) => a.error?.code ?? a.status)).toEqual(['CONFIRMATION_BEFORE_ORDER', 'EVENT_IN_FUTURE', 'confirmed', 'duplicate']);
    expect(await lineOf(id)).toMatchObject({ lock_level: 'one_way', lock_state: 'confirmed' });
    expect((await ordersOf(viettel, msisdn))[0]?.confirmedAt).toBe(plus(RUN.toISOString(), 10 * 60_000));
  });

  it('a verification orders the unlock; a late confirmation of the lock does not confirm the line', async () => {
    const id = await lineRequiredAt(db(), REQUIRED, 'mismatch', { carrier: 'viettel' });
    await runRoadmap(db(), { at: RUN });
    const verifiedAt = plus(RUN.toISOString(), HOUR);
    await db().kysely.transaction().execute((trx) => markVerified(trx, { subscriberId: id, at: verifiedAt, actor: 'test', channel: 'carrier_store' }));
    const { msisdn } = await lineOf(id);
    const [lock, unlock] = await ordersOf(viettel, msisdn);
    expect([lock?.action, unlock?.action]).toEqual(['one_way', 'unlock']);
    expect(await lineOf(id)).toMatchObject({ lock_level: 'none', lock_state: 'ordered' });
    const later = new Date(plus(verifiedAt, HOUR));
    await confirm(viettel, [{ orderId: lock?.id ?? 0, at: verifiedAt }], later);
    expect((await lineOf(id)).lock_state).toBe('ordered');
    await confirm(viettel, [{ orderId: unlock?.id ?? 0, at: later.toISOString() }], later);
    expect((await lineOf(id)).lock_state).toBe('confirmed');
  });

  it('measures each confirmation against the 2-hour rule and flags orders left open', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await lineRequiredAt(db(), REQUIRED, 'mismatch', { carrier: 'mobifone' }));
    await runRoadmap(db(), { at: RUN });
    const orders = (await readLockOrders(db(), mobifone.scope, 0, 1000)).orders;
    const due = Date.parse(orders[0]?.dueAt ?? '');
    const now = new Date(due + 5 * HOUR);
    await confirm(mobifone, [
      { orderId: orders[0]?.id ?? 0, at: new Date(due + 90 * 60_000).toISOString() },
      { orderId: orders[1]?.id ?? 0, at: new Date(due + 3 * HOUR).toISOString() },
    ], now);
    const figures = await lockTimeliness(db(), mobifone.scope, DEFAULT_LOCK_ORDER_SETTINGS, now);
    expect(figures.limitMinutes).toBe(120);
    expect(figures.carriers).toEqual([{ carrier: 'mobifone', orders: 3, confirmed: 2, withinLimit: 1, late: 1, open: 1, flagged: 1, medianMinutes: 90, p95Minutes: 180 }]);
    expect(figures.flagged).toEqual([expect.objectContaining({ id: orders[2]?.id, minutesOpen: 300 })]);
    expect(figures.flagged[0]?.msisdn).toMatch(/^09\*+\d\d$/);
  });
});

describeEachDatabase("the lock orders' feed over HTTP", ({ db }) => {
  let app: FastifyInstance;
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    headers = (await tokenAs(db(), 'carrier_system', [{ kind: 'carrier', value: 'vinaphone' }])).headers;
    await seedReferenceData(db());
    app = routeTestApp(db(), { now: () => RUN });
    await app.register(lockOrderRoutes, { prefix: '/api/v1/lock-orders' });
  });
  afterAll(() => app.close());

  it('reads in order from a cursor and confirms what was read', async () => {
    for (let i = 0; i < 3; i++) await lineRequiredAt(db(), REQUIRED, 'mismatch', { carrier: 'vinaphone' });
    await runRoadmap(db(), { at: RUN });
    const first = await app.inject({ method: 'GET', url: '/api/v1/lock-orders?limit=2', headers });
    expect(first.statusCode).toBe(200);
    const page = first.json<{ orders: { id: number }[]; next: number }>();
    expect(page.orders).toHaveLength(2);
    const rest = (await app.inject({ method: 'GET', url: `/api/v1/lock-orders?after=${page.next}`, headers })).json<{ orders: { id: number }[]; next: number }>();
    expect(rest.orders).toHaveLength(1);
    expect(rest.orders[0]?.id).toBeGreaterThan(page.next);
    const done = await app.inject({
      method: 'POST',
      url: '/api/v1/lock-orders/confirmations',
      headers,
      payload: { confirmations: [...page.orders, ...rest.orders].map((o) => ({ orderId: o.id, at: RUN.toISOString() })) },
    });
    expect(done.json<{ confirmations: { status: string }[] }>().confirmations.map((c) => c.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/lock-orders?after=-1', headers })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/lock-orders' })).statusCode).toBe(401);
  });
});
