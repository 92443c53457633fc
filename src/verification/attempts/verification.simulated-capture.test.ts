import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { signedInAs, testPrincipal } from '../../access/access.testing.ts';
import { describeEachDatabase } from '../../db/testing.ts';
import { routeTestApp, servedRoutes } from '../../http/testing.ts';
import { seedReferenceData } from '../../registry/index.ts';
import { FACE_TEMPLATE_DIMENSIONS } from '../national-id/index.ts';
import { simulatedCaptureRoutes } from './simulated-capture.routes.ts';
import { submitVerification } from './verification.service.ts';
import { captureAtDesk } from './verification.simulated-capture.ts';
import { newCitizen, newLine, requestFor, testDeps } from './verification.testing.ts';

const desk = testPrincipal('carrier_operator', [{ kind: 'carrier', value: 'vinaphone' }], 'nv.vnpt.01');

describeEachDatabase('the demo desk’s simulated capture', ({ db }) => {
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    await seedReferenceData(db());
  });
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  it('gives the person a verification, someone else a face that does not match, a printed photo a failed liveness check', async () => {
    const { deps } = testDeps(db(), { otpForSingleLine: false });
    const outcomes: Record<string, unknown> = {};
    for (const standIn of ['person', 'someone_else', 'printed_photo'] as const) {
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      const capture = await captureAtDesk(db(), desk, { msisdn: line.msisdn, documentNumber: citizen.personalId, standIn });
      const answer = await submitVerification(deps, desk, requestFor(citizen, line.msisdn, { channel: 'carrier_store', ...capture }));
      outcomes[standIn] = [answer.outcome, answer.fields.face.result, answer.fields.liveness.result];
    }
    expect(outcomes).toEqual({
      person: ['verified', 'match', 'pass'],
      someone_else: ['rejected', 'no_match', 'pass'],
      printed_photo: ['rejected', 'match', 'fail'],
    });
  });

  it('is a desk’s act on a line of its reach', async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    const ask = (principal: typeof desk) => captureAtDesk(db(), principal, { msisdn: line.msisdn, documentNumber: citizen.personalId, standIn: 'person' });
    await expect(ask(testPrincipal('carrier_operator', [{ kind: 'carrier', value: 'viettel' }]))).rejects.toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND' });
    await expect(ask(testPrincipal('province_admin'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ask(testPrincipal('vneid_integration'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A document the population does not hold still gets a face: the verification then says so.
    const stranger = await captureAtDesk(db(), desk, { msisdn: line.msisdn, documentNumber: '089099999999', standIn: 'person' });
    expect(stranger.faceSample.template).toHaveLength(FACE_TEMPLATE_DIMENSIONS);
  });

  it('is served by a demo only, labelled a simulation, and answers a template, never an image', async () => {
    const summaries: unknown[] = [];
    const appIn = async (mode: 'demo' | 'production') => {
      const app = routeTestApp(db());
      apps.push(app);
      app.addHook('onRoute', (route) => void summaries.push(route.schema?.summary));
      await app.register(simulatedCaptureRoutes, { prefix: '/api/v1/desk', mode });
      await app.ready();
      return app;
    };
    expect(servedRoutes(await appIn('production'))).toEqual([]);
    const demo = await appIn('demo');
    const { headers } = await signedInAs(db(), 'carrier_operator', [{ kind: 'carrier', value: 'vinaphone' }]);
    expect(servedRoutes(demo)).toEqual([{ method: 'POST', url: '/api/v1/desk/simulated-capture' }]);
    expect(summaries).toEqual([expect.stringMatching(/^MÔ PHỎNG \(chỉ bản demo\)/)]);
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    const res = await demo.inject({
      method: 'POST',
      url: '/api/v1/desk/simulated-capture',
      payload: { msisdn: line.msisdn, documentNumber: citizen.personalId, standIn: 'printed_photo' },
      headers,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ faceSample: { template: number[] }; liveness: unknown }>();
    expect(Object.keys(body).sort()).toEqual(['faceSample', 'liveness']);
    expect(body.faceSample.template).toHaveLength(FACE_TEMPLATE_DIMENSIONS);
    expect(body.liveness).toEqual({ method: 'active', presentation: 'photo' });
    const bad = await demo.inject({ method: 'POST', url: '/api/v1/desk/simulated-capture', payload: { msisdn: line.msisdn, documentNumber: citizen.personalId, standIn: 'mask' }, headers });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
