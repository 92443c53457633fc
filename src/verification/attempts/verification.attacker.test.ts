/**
 * The API as an attacker sees it (issue 9.2): a stranger who knows a holder's identity (not the
 * face) sends capture after capture for one of the holder's lines. The answers must teach them
 * nothing beyond "no match", and the attempts must stop.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tokenAs } from '../../access/access.testing.ts';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../../db/testing.ts';
import { routeTestApp } from '../../http/testing.ts';
import { seedReferenceData } from '../../registry/index.ts';
import { createSimulatorNationalIdService, FACE_TEMPLATE_DIMENSIONS, seededUniforms } from '../national-id/index.ts';
import { verificationRoutes } from './verification.routes.ts';
import type { VerificationSettings } from './verification.settings.ts';
import { newCitizen, newLine, PERFECT_PAD, requestFor, T0 } from './verification.testing.ts';

/** A different unit vector each call: the probes of someone rebuilding a template. */
function probeTemplates() {
  const random = seededUniforms('attacker-probes');
  return () => {
    const raw = Array.from({ length: FACE_TEMPLATE_DIMENSIONS }, () => random() - 0.5);
    const length = Math.hypot(...raw);
    return raw.map((x) => x / length);
  };
}

const LIMITS: Partial<VerificationSettings> = {
  attemptsPerLinePerHour: 8,
  attemptsPerLinePerDay: 20,
  attemptsPerClientPerMinute: 1_000,
  attemptsPerClientPerHour: 1_000,
  faceFailuresBeforeInPersonOnly: 1_000,
};

describeEachDatabase('POST /api/v1/verifications against an attacker', ({ db }) => {
  const apps: FastifyInstance[] = [];
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    headers = (await tokenAs(db(), 'vneid_integration')).headers;
    await seedReferenceData(db());
  });
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  /** The route with these limits; `post` sends one request from a client address. */
  const routeWith = async (settings: Partial<VerificationSettings>) => {
    const app = routeTestApp(db());
    apps.push(app);
    await app.register(verificationRoutes, {
      prefix: '/api/v1',
      nationalId: createSimulatorNationalIdService(db(), { pad: PERFECT_PAD }),
      settings,
      now: () => T0,
    });
    return (payload: object, remoteAddress: string) => app.inject({ method: 'POST', url: '/api/v1/verifications', payload, remoteAddress, headers });
  };

  /** A holder with two lines: no OTP is asked, only the face stands between a stranger and the line. */
  const holderWithTwoLines = async () => {
    const citizen = await newCitizen(db());
    const first = await newLine(db(), citizen, { registered_at: '2020-01-01T00:00:00.000Z' });
    await newLine(db(), citizen, { registered_at: '2022-01-01T00:00:00.000Z' });
    return { citizen, line: first };
  };

  it('answers every probe with the same "no match" and no score, then 429 once the line’s limit is reached', async () => {
    const post = await routeWith(LIMITS);
    const { citizen, line } = await holderWithTwoLines();
    const nextProbe = probeTemplates();
    const answers = [];
    for (let i = 0; i < 10; i++) {
      answers.push(await post(requestFor(citizen, line.msisdn, { faceSample: { template: nextProbe() } }), '198.51.100.10'));
    }
    const admitted = answers.slice(0, 8);
    expect(admitted.map((a) => a.statusCode)).toEqual(Array.from({ length: 8 }, () => 200));
    for (const answer of admitted) {
      expect(answer.body).not.toMatch(/score|distance|similar/i);
      expect(answer.json()).toMatchObject({ outcome: 'rejected', fields: { face: { result: 'no_match', code: 'face.no_match' } } });
    }
    // Nothing in one answer differs from another but its id and time: no gradient to climb.
    const withoutId = admitted.map((a) => {
      const { attemptId: _id, at: _at, ...rest } = a.json<{ attemptId: number; at: string }>();
      return JSON.stringify(rest);
    });
    expect(new Set(withoutId).size).toBe(1);

    for (const refused of answers.slice(8)) {
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'VERIFICATION_LINE_LIMIT' });
      expect(refused.body).not.toContain(line.msisdn);
    }
    // The right face is refused too while the limit holds: the limit does not depend on the probe.
    const genuine = await post(requestFor(citizen, line.msisdn), '198.51.100.11');
    expect(genuine.statusCode).toBe(429);
  });

  it('answers a verified attempt without a score as well', async () => {
    const post = await routeWith(LIMITS);
    const { citizen, line } = await holderWithTwoLines();
    const answer = await post(requestFor(citizen, line.msisdn), '198.51.100.20');
    expect(answer.json()).toMatchObject({ outcome: 'verified', fields: { face: { result: 'match' } } });
    expect(answer.body).not.toMatch(/score|distance|similar/i);
  });

  it('limits one client address across lines, numbers outside the registry included', async () => {
    const post = await routeWith({ ...LIMITS, attemptsPerClientPerMinute: 5 });
    const { citizen, line } = await holderWithTwoLines();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(requestFor(citizen, `091999900${i}`), '203.0.113.5')).statusCode);
    for (let i = 0; i < 3; i++) statuses.push((await post(requestFor(citizen, line.msisdn), '203.0.113.5')).statusCode);
    expect(statuses).toEqual([404, 404, 404, 200, 200, 429]);
    const refused = await post(requestFor(citizen, line.msisdn), '203.0.113.5');
    expect(refused.json()).toMatchObject({ code: 'VERIFICATION_CLIENT_LIMIT', status: 429 });
    // Another address is not held back by this one.
    expect((await post(requestFor(citizen, line.msisdn), '203.0.113.6')).statusCode).toBe(200);
  });
});
