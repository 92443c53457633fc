import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { tokenAs } from '../access/access.testing.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { routeTestApp } from '../http/testing.ts';
import { seedReferenceData } from '../registry/index.ts';
import { newCitizen, newLine, T0 } from '../verification/attempts/verification.testing.ts';
import { carrierEventRoutes } from './carrier-events.routes.ts';
import type { CarrierEvent } from './carrier-events.schema.ts';
import { recordCarrierEvents, type Reporter } from './carrier-events.service.ts';

const viettel: Reporter = { scope: [{ kind: 'carrier', value: 'viettel' }], actor: 'token:viettel-events' };
const mobifone: Reporter = { scope: [{ kind: 'carrier', value: 'mobifone' }], actor: 'token:mobifone-events' };
const HOUR = 3_600_000;
const hoursBefore = (hours: number) => new Date(T0.getTime() - hours * HOUR).toISOString();
let serial = 0;
const ref = () => `ev-${++serial}`;
// IMEIs with a valid check digit (Luhn).
const IMEI_A = '356938035643809';
const IMEI_B = '490154203237518';

describeEachDatabase("carriers' events", ({ db }) => {
  beforeAll(() => seedReferenceData(db()));
  const report = (reporter: Reporter, events: CarrierEvent[]) => recordCarrierEvents({ db: db(), now: () => T0 }, reporter, events);
  const line = async (changes = {}) => newLine(db(), await newCitizen(db()), { carrier: 'viettel', ...changes });
  const subscriber = (id: number) => db().kysely.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const eventKinds = async (id: number) =>
    (await db().kysely.selectFrom('subscriber_events').select('kind').where('subscriber_id', '=', id).orderBy('id').execute()).map((e) => e.kind);
  const statuses = (answers: { status: string; error: { code: string } | null }[]) => answers.map((a) => a.error?.code ?? a.status);

  it('a standardisation notice puts the line in target group 2 from the day it was sent, once', async () => {
    const asked = await line();
    const notice = { reference: ref(), msisdn: asked.msisdn, kind: 'notice_sent', at: hoursBefore(48) } as const;
    expect(statuses(await report(viettel, [notice]))).toEqual(['applied']);
    const memberships = await db().kysely.selectFrom('target_memberships').selectAll().where('subscriber_id', '=', asked.id).execute();
    expect(memberships).toEqual([expect.objectContaining({ target_group: 'carrier_notice', source: 'carrier', ended_at: null })]);
    expect(new Date(memberships[0]?.since ?? '').toISOString()).toBe(notice.at);
    // A second notice is not a second membership; the same reference is a duplicate.
    expect(statuses(await report(viettel, [{ ...notice, reference: ref(), at: hoursBefore(24) }, notice]))).toEqual(['unchanged', 'duplicate']);

    // A line verified after the carrier asked was in the group until its verification.
    const verified = await line({ verification_state: 'verified', verified_at: hoursBefore(10) });
    await report(viettel, [{ reference: ref(), msisdn: verified.msisdn, kind: 'notice_sent', at: hoursBefore(20) }]);
    const ended = await db().kysely.selectFrom('target_memberships').select('ended_at').where('subscriber_id', '=', verified.id).executeTakeFirstOrThrow();
    expect(new Date(ended.ended_at ?? '').toISOString()).toBe(hoursBefore(10));
  });

  it('another handset makes a verified line unverified with the device-change requirement; an older report changes nothing', async () => {
    const verified = await line({ verification_state: 'verified', verified_at: hoursBefore(100), imei: IMEI_A });
    const answers = await report(viettel, [
      { reference: ref(), msisdn: verified.msisdn, kind: 'device_changed', at: hoursBefore(5), imei: IMEI_B },
      // Sent in the same batch but older: applied first, then the newer one decides.
      { reference: ref(), msisdn: verified.msisdn, kind: 'device_changed', at: hoursBefore(6), imei: IMEI_A },
    ]);
    expect(statuses(answers)).toEqual(['applied', 'unchanged']);
    const after = await subscriber(verified.id);
    expect(after).toMatchObject({ imei: IMEI_B, verification_state: 'unverified', verification_required_reason: 'device_change' });
    expect(new Date(after.verification_required_since ?? '').toISOString()).toBe(hoursBefore(5));
    // Arriving late, a change older than the one recorded is superseded.
    expect(statuses(await report(viettel, [{ reference: ref(), msisdn: verified.msisdn, kind: 'device_changed', at: hoursBefore(7), imei: '353918058011127' }]))).toEqual(['superseded']);
    expect((await subscriber(verified.id)).imei).toBe(IMEI_B);

    // A handset change older than the line's verification does not undo it.
    const later = await line({ verification_state: 'verified', verified_at: hoursBefore(2), imei: IMEI_A });
    expect(statuses(await report(viettel, [{ reference: ref(), msisdn: later.msisdn, kind: 'device_changed', at: hoursBefore(3), imei: IMEI_B }]))).toEqual(['superseded']);
    expect(await subscriber(later.id)).toMatchObject({ imei: IMEI_A, verification_state: 'verified' });
  });

  it('a closed line takes no more events after its closure; a transfer replaces the holder and clears the verification', async () => {
    const closing = await line();
    expect(statuses(await report(viettel, [{ reference: ref(), msisdn: closing.msisdn, kind: 'line_closed', at: hoursBefore(10) }]))).toEqual(['applied']);
    expect(await subscriber(closing.id)).toMatchObject({ closed_reason: 'carrier_event' });
    expect(statuses(await report(viettel, [{ reference: ref(), msisdn: closing.msisdn, kind: 'device_changed', at: hoursBefore(1), imei: IMEI_A }]))).toEqual(['LINE_CLOSED']);

    const sold = await line({ verification_state: 'verified', verified_at: hoursBefore(200) });
    const holder = { holder_kind: 'citizen', document_type: 'personal_id', document_number: '089195012345', full_name: 'Lê Thị Mỹ Hạnh', birth_date: '12/03/1995', sex: 'Nữ' };
    expect(statuses(await report(viettel, [{ reference: ref(), msisdn: sold.msisdn, kind: 'holder_transferred', at: hoursBefore(4), holder }]))).toEqual(['applied']);
    expect(await subscriber(sold.id)).toMatchObject({
      document_number: '089195012345',
      full_name: 'Lê Thị Mỹ Hạnh',
      birth_date: '1995-03-12',
      sex: 'female',
      verification_state: 'unverified',
      verified_at: null,
    });
    expect(await eventKinds(sold.id)).toContain('holder_transferred');
    // The events name the fields, never the new holder's values.
    const details = await db().kysely.selectFrom('subscriber_events').select('details').where('subscriber_id', '=', sold.id).execute();
    expect(JSON.stringify(details)).not.toContain('089195012345');

    const [broken] = await report(viettel, [
      { reference: ref(), msisdn: sold.msisdn, kind: 'holder_transferred', at: hoursBefore(1), holder: { ...holder, document_number: '08919501234', birth_date: '31/02/1995' } },
    ]);
    expect(broken).toMatchObject({ status: 'refused', error: { code: 'HOLDER_INVALID' } });
    expect(broken?.error?.fields?.map((f) => f.field).sort()).toEqual(['holder.birth_date', 'holder.document_number']);
    expect((await subscriber(sold.id)).document_number).toBe('089195012345');
  });

  it('a port out moves the line to the receiving carrier, out of the donor’s reach', async () => {
    const leaving = await line();
    const answers = await report(viettel, [
      { reference: ref(), msisdn: leaving.msisdn, kind: 'ported_out', at: hoursBefore(3), toCarrier: 'viettel' },
      { reference: ref(), msisdn: leaving.msisdn, kind: 'ported_out', at: hoursBefore(2), toCarrier: 'mobifone' },
      { reference: ref(), msisdn: leaving.msisdn, kind: 'notice_sent', at: hoursBefore(1) },
    ]);
    expect(statuses(answers)).toEqual(['PORT_TO_SAME_CARRIER', 'applied', 'SUBSCRIBER_NOT_FOUND']);
    expect((await subscriber(leaving.id)).carrier).toBe('mobifone');
    expect(await eventKinds(leaving.id)).toEqual(['ported_out']);
    expect(statuses(await report(mobifone, [{ reference: ref(), msisdn: leaving.msisdn, kind: 'notice_sent', at: hoursBefore(1) }]))).toEqual(['applied']);
  });

  it("refuses another carrier's line, a future time, a time before the registration, a reused reference", async () => {
    const theirs = await line({ carrier: 'mobifone' });
    const mine = await line();
    const reused = { reference: ref(), msisdn: mine.msisdn, kind: 'notice_sent', at: hoursBefore(1) } as const;
    const answers = await report(viettel, [
      { reference: ref(), msisdn: theirs.msisdn, kind: 'line_closed', at: hoursBefore(1) },
      { reference: ref(), msisdn: mine.msisdn, kind: 'line_closed', at: new Date(T0.getTime() + HOUR).toISOString() },
      { reference: ref(), msisdn: mine.msisdn, kind: 'line_closed', at: '2023-12-31T00:00:00+07:00' },
      reused,
      { ...reused, kind: 'line_closed' },
      { reference: ref(), msisdn: '0281234567', kind: 'notice_sent', at: hoursBefore(1) },
    ]);
    expect(statuses(answers)).toEqual(['SUBSCRIBER_NOT_FOUND', 'EVENT_IN_FUTURE', 'EVENT_BEFORE_REGISTRATION', 'applied', 'EVENT_REFERENCE_REUSED', 'MSISDN_INVALID']);
    expect(await subscriber(theirs.id)).toMatchObject({ closed_at: null });
    expect(await subscriber(mine.id)).toMatchObject({ closed_at: null });
  });
});

describeEachDatabase("POST /api/v1/carrier-events with a carrier's token", ({ db }) => {
  let app: FastifyInstance;
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    headers = (await tokenAs(db(), 'carrier_system', [{ kind: 'carrier', value: 'viettel' }])).headers;
    await seedReferenceData(db());
    app = routeTestApp(db(), { now: () => T0 });
    await app.register(carrierEventRoutes, { prefix: '/api/v1/carrier-events' });
  });
  afterAll(() => app.close());
  const post = (payload: unknown, auth = headers) => app.inject({ method: 'POST', url: '/api/v1/carrier-events', payload: payload as object, headers: auth });

  it('answers each event of a batch, in order, and echoes no number', async () => {
    const mine = await newLine(db(), await newCitizen(db()), { carrier: 'viettel', imei: IMEI_A });
    const res = await post({
      events: [
        { reference: 'vt-1', msisdn: `+84${mine.msisdn.slice(1)}`, kind: 'device_changed', at: hoursBefore(1), imei: IMEI_B },
        { reference: 'vt-2', msisdn: '0919999990', kind: 'notice_sent', at: hoursBefore(1) },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      events: [
        { reference: 'vt-1', status: 'applied', error: null },
        { reference: 'vt-2', status: 'refused', error: expect.objectContaining({ code: 'SUBSCRIBER_NOT_FOUND' }) as unknown },
      ],
    });
    expect(res.body).not.toContain(mine.msisdn.slice(1));
  });

  it('refuses a malformed batch as a whole, and a caller without a token', async () => {
    const bad = await post({ events: [{ reference: 'x', msisdn: '0912345678', kind: 'device_changed', at: T0.toISOString(), imei: 'abc' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await post({ events: [{ reference: 'x', msisdn: '0912345678', kind: 'sim_swapped', at: T0.toISOString() }] })).statusCode).toBe(400);
    expect((await post({ events: [] }, {})).statusCode).toBe(401);
  });
});
