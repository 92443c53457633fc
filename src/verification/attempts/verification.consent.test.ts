import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { signedInAs, tokenAs } from '../../access/access.testing.ts';
import { describeEachDatabase } from '../../db/testing.ts';
import { routeTestApp } from '../../http/testing.ts';
import { seedReferenceData } from '../../registry/index.ts';
import { createSimulatorNationalIdService, type NationalIdService } from '../national-id/index.ts';
import { verificationRoutes } from './verification.routes.ts';
import { listAttemptsOf } from './verification.repository.ts';
import { retryPendingAttempts } from './retry-pending.job.ts';
import { newCitizen, newLine, PERFECT_PAD, requestFor, submitAs, T0, testDeps } from './verification.testing.ts';

describeEachDatabase('consent at a desk (POST /api/v1/verifications)', ({ db }) => {
  let app: FastifyInstance;
  let desk: { username: string; headers: Record<string, string> };
  let vneid: Record<string, string>;
  let asked = 0;
  beforeAll(async () => {
    await seedReferenceData(db());
    desk = await signedInAs(db(), 'carrier_operator', [{ kind: 'carrier', value: 'vinaphone' }]);
    vneid = (await tokenAs(db(), 'vneid_integration')).headers;
    const simulator = createSimulatorNationalIdService(db(), { pad: PERFECT_PAD });
    // Counts what reaches the national service: a refused consent must send nothing.
    const nationalId: NationalIdService = {
      ...simulator,
      verify: (request) => {
        asked += 1;
        return simulator.verify(request);
      },
    };
    app = routeTestApp(db());
    await app.register(verificationRoutes, { prefix: '/api/v1', nationalId, settings: { otpForSingleLine: false }, now: () => T0 });
  });
  afterAll(() => app.close());

  const post = (payload: object, headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/v1/verifications', payload, headers });
  const requestCount = async () => Number((await db().kysely.selectFrom('verification_requests').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a desk request without consent, or with consent false, before anything is counted or sent', async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    const counted = await requestCount();
    for (const consent of [undefined, false]) {
      const res = await post({ ...requestFor(citizen, line.msisdn, { channel: 'carrier_store' }), consent }, desk.headers);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'CONSENT_REQUIRED', title: 'Chưa có sự đồng ý của người đến xác thực', errors: [{ field: 'consent' }] });
      expect(res.json<{ detail: string }>().detail).toContain('đồng ý rõ ràng');
    }
    expect(asked).toBe(0);
    expect(await requestCount()).toBe(counted);
    expect(await listAttemptsOf(db().kysely, line.id)).toEqual([]);
  });

  it('takes only a boolean: "yes" is not consent', async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    const res = await post({ ...requestFor(citizen, line.msisdn, { channel: 'carrier_store' }), consent: 'yes' }, desk.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body.consent' }] });
  });

  it('records when the person consented, and to whom, on every attempt of the desk', async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    const rejected = await post(requestFor(citizen, line.msisdn, { channel: 'carrier_store', faceSample: null }), desk.headers);
    expect(rejected.json()).toMatchObject({ outcome: 'rejected' });
    const verified = await post(requestFor(citizen, line.msisdn, { channel: 'carrier_store', place: 'Cửa hàng Rạch Giá' }), desk.headers);
    expect(verified.json()).toMatchObject({ outcome: 'verified' });
    const attempts = await listAttemptsOf(db().kysely, line.id);
    expect(attempts.map((a) => ({ operator: a.operator, consentAt: a.consent_at }))).toEqual([
      { operator: desk.username, consentAt: T0.toISOString() },
      { operator: desk.username, consentAt: T0.toISOString() },
    ]);
  });

  it('leaves consent to a machine push, which collected it in its own app: no consent time on its attempt', async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    const { consent: _dropped, ...pushed } = requestFor(citizen, line.msisdn);
    const res = await post(pushed, vneid);
    expect(res.json()).toMatchObject({ outcome: 'verified' });
    expect((await listAttemptsOf(db().kysely, line.id)).map((a) => a.consent_at)).toEqual([null]);
  });

  it('keeps the consent of a desk attempt that waited for the national service on the attempt that settles it', async () => {
    const { deps, nationalId, clock } = testDeps(db(), { otpForSingleLine: false });
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen, { line_class: 'non_h2h' });
    nationalId.setOutage('timeout');
    const pending = await submitAs(deps, requestFor(citizen, line.msisdn, { channel: 'carrier_store', faceSample: null, liveness: null }));
    expect(pending.outcome).toBe('pending');
    nationalId.setOutage(null);
    clock.at = new Date(T0.getTime() + 3600_000);
    expect(await retryPendingAttempts(deps)).toMatchObject({ verified: 1 });
    expect((await listAttemptsOf(db().kysely, line.id)).map((a) => [a.outcome, a.consent_at])).toEqual([
      ['verified', T0.toISOString()],
      ['pending', T0.toISOString()],
    ]);
  });
});
