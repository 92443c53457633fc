import { afterAll, beforeAll, expect, it } from 'vitest';
import { tokenAs } from '../../access/access.testing.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/open.ts';
import { describeEachDatabase } from '../../db/testing.ts';
import { routeTestApp } from '../../http/testing.ts';
import { seedReferenceData } from '../../registry/index.ts';
import { verificationRoutes } from './verification.routes.ts';
import { listAttemptsOf } from './verification.repository.ts';
import { newCitizen, newLine, PERFECT_PAD, requestFor, T0 } from './verification.testing.ts';
import { createSimulatorNationalIdService } from '../national-id/index.ts';

/** The verification routes over `db`, with the simulator and the clock at T0. */
async function verificationApp(db: Database): Promise<FastifyInstance> {
  await seedReferenceData(db);
  const app = routeTestApp(db);
  await app.register(verificationRoutes, {
    prefix: '/api/v1',
    nationalId: createSimulatorNationalIdService(db, { pad: PERFECT_PAD }),
    settings: { otpForSingleLine: false },
    now: () => T0,
  });
  return app;
}

describeEachDatabase('POST /api/v1/verifications', ({ db }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    const vneid = await tokenAs(db(), 'vneid_integration');
    headers = vneid.headers;
    actor = `token:${vneid.name}`;
    app = await verificationApp(db());
  });
  afterAll(() => app.close());

  let headers: Record<string, string> = {};
  let actor = '';
  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/api/v1/verifications', payload: payload as object, headers });

  it('verifies a line and answers with masked data and explained fields', async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    const res = await post(requestFor(citizen, line.msisdn));
    expect(res.statusCode).toBe(200);
    const body = res.json<{ outcome: string; msisdn: string; fields: Record<string, { code: string }> }>();
    expect(body).toMatchObject({ outcome: 'verified', msisdn: `09******${line.msisdn.slice(-2)}` });
    expect(body.fields['face']?.code).toBe('face.match');
    expect(res.body).not.toContain(citizen.personalId);
    expect(res.body).not.toContain(line.msisdn);
  });

  it('records the principal as the operator, whatever the body says, and refuses a channel its role does not use', async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    expect((await post({ ...requestFor(citizen, line.msisdn), operator: 'someone.else' })).statusCode).toBe(200);
    expect((await listAttemptsOf(db().kysely, line.id)).map((a) => a.operator)).toEqual([actor]);
    const store = await post(requestFor(citizen, line.msisdn, { channel: 'carrier_store' }));
    expect(store.statusCode).toBe(403);
    expect(store.json()).toMatchObject({ code: 'CHANNEL_NOT_PERMITTED', errors: [{ field: 'channel' }] });
  });

  it('answers a rejection with its reasons, still 200', async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    const res = await post({ ...requestFor(citizen, line.msisdn), faceSample: undefined });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'rejected', reasons: [{ code: 'face.missing' }] });
  });

  it('answers bad input with problem+json and stable codes', async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen, { lock_level: 'two_way', lock_reason: 'campaign_mismatch' });

    const unknown = await post(requestFor(citizen, '0919999999'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND', title: 'Không tìm thấy thuê bao' });
    expect(unknown.body).not.toContain('0919999999');

    const garbage = await post({ ...requestFor(citizen, line.msisdn), identity: { documentNumber: 'x', fullName: 'A', birthDate: '1990' } });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({ code: 'IDENTITY_INVALID', errors: [{ field: 'identity.documentNumber' }] });

    const online = await post(requestFor(citizen, line.msisdn));
    expect(online.statusCode).toBe(409);
    expect(online.json()).toMatchObject({ code: 'CHANNEL_NOT_ALLOWED', errors: [{ field: 'channel' }] });

    const badFace = await post({ ...requestFor(citizen, line.msisdn), faceSample: { template: [1, 2] } });
    expect(badFace.statusCode).toBe(400);
    expect(badFace.json()).toMatchObject({ code: 'VALIDATION_FAILED' });

    const badChannel = await post({ ...requestFor(citizen, line.msisdn), channel: 'fax' });
    expect(badChannel.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.channel');
  });
});

describeEachDatabase("POST /api/v1/verifications/results with a carrier's token", ({ db }) => {
  let app: FastifyInstance;
  let viettel: Record<string, string> = {};
  beforeAll(async () => {
    viettel = (await tokenAs(db(), 'carrier_system', [{ kind: 'carrier', value: 'viettel' }])).headers;
    app = await verificationApp(db());
  });
  afterAll(() => app.close());

  const MATCH = { documentNumber: 'match', fullName: 'match', birthDate: 'match', face: 'match', liveness: 'pass' };
  const push = (results: object[]) => app.inject({ method: 'POST', url: '/api/v1/verifications/results', payload: { results }, headers: viettel });
  const line = async (changes = {}) => newLine(db(), await newCitizen(db()), changes);
  const stateOf = (id: number) =>
    db().kysely.selectFrom('subscribers').select(['verification_state', 'lock_level']).where('id', '=', id).executeTakeFirstOrThrow();

  it("lifts a one-way lock; the same push again changes nothing; another carrier's line is not found", async () => {
    const locked = await line({ carrier: 'viettel', lock_level: 'one_way', lock_reason: 'campaign_mismatch' });
    const theirs = await line({ carrier: 'mobifone' });
    const at = new Date(T0.getTime() - 3_600_000).toISOString();
    const mine = { reference: 'my-viettel-0001', msisdn: locked.msisdn, channel: 'carrier_app', at, fields: MATCH };

    const first = await push([mine, { ...mine, reference: 'my-viettel-0002', msisdn: theirs.msisdn }]);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      results: [
        { reference: 'my-viettel-0001', status: 'verified', unlocked: true },
        { reference: 'my-viettel-0002', status: 'refused', error: { code: 'SUBSCRIBER_NOT_FOUND' } },
      ],
    });
    expect(await stateOf(locked.id)).toEqual({ verification_state: 'verified', lock_level: 'none' });
    // Nothing of the other carrier's line shows: its number is not echoed.
    expect(first.body).not.toContain(theirs.msisdn);
    expect(await listAttemptsOf(db().kysely, theirs.id)).toHaveLength(0);

    const again = await push([mine]);
    expect(again.json()).toMatchObject({ results: [{ status: 'duplicate', unlocked: false }] });
    expect(await listAttemptsOf(db().kysely, locked.id)).toHaveLength(1);
  });

  it('refuses a batch without a token, and a batch over a thousand results, before reading any', async () => {
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/verifications/results', payload: { results: [] } });
    expect(anonymous.statusCode).toBe(401);
    const result = { reference: 'r', msisdn: '0910000000', channel: 'carrier_app', at: T0.toISOString(), fields: MATCH };
    const tooMany = await push(Array.from({ length: 1_001 }, (_, i) => ({ ...result, reference: `r${i}` })));
    expect(tooMany.statusCode).toBe(400);
  });
});
