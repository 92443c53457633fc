import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { seedReferenceData } from '../../registry/index.ts';
import type { VerificationSettings } from './verification.settings.ts';
import { newCitizen, newLine, otherFace, requestFor, submitAs, T0, testDeps } from './verification.testing.ts';

/** Only the limit under test bites. */
const LOOSE: Partial<VerificationSettings> = {
  otpForSingleLine: false,
  attemptsPerLinePerHour: 1_000,
  attemptsPerLinePerDay: 1_000,
  attemptsPerClientPerMinute: 1_000,
  attemptsPerClientPerHour: 1_000,
  faceFailuresBeforeInPersonOnly: 1_000,
};
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describeEachDatabase('verification attempt limits', ({ db }) => {
  beforeAll(async () => {
    await seedReferenceData(db());
  });

  const outcomeOf = (promise: Promise<{ outcome: string }>) => promise.then((a) => a.outcome, (e: { code: string }) => e.code);
  const auditRows = (action: string) =>
    db().kysely.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  describe('per line', () => {
    it('holds under simultaneous requests: exactly the limit is admitted', async () => {
      const { deps } = testDeps(db(), { ...LOOSE, attemptsPerLinePerHour: 5 });
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          outcomeOf(submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: otherFace(citizen), client: `192.0.2.${i}` }))),
        ),
      );
      expect(outcomes.filter((o) => o === 'rejected')).toHaveLength(5);
      expect(outcomes.filter((o) => o === 'VERIFICATION_LINE_LIMIT')).toHaveLength(7);
    });

    it('opens again when the hour has passed, until the day’s limit', async () => {
      const { deps, clock } = testDeps(db(), { ...LOOSE, attemptsPerLinePerHour: 2, attemptsPerLinePerDay: 3 });
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      const attempt = () => outcomeOf(submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: otherFace(citizen) })));
      expect([await attempt(), await attempt(), await attempt()]).toEqual(['rejected', 'rejected', 'VERIFICATION_LINE_LIMIT']);
      clock.at = later(3601);
      expect([await attempt(), await attempt()]).toEqual(['rejected', 'VERIFICATION_LINE_LIMIT']);
      clock.at = later(86_401);
      expect(await attempt()).toBe('rejected');
    });

    it('counts attempts online and at a desk apart: a stranger online does not use up the owner’s visit to the store', async () => {
      const { deps } = testDeps(db(), { ...LOOSE, attemptsPerLinePerHour: 2 });
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      const online = () => outcomeOf(submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: otherFace(citizen) })));
      expect([await online(), await online(), await online()]).toEqual(['rejected', 'rejected', 'VERIFICATION_LINE_LIMIT']);
      const atStore = await submitAs(deps, requestFor(citizen, line.msisdn, { channel: 'carrier_store' }));
      expect(atStore.outcome).toBe('verified');
    });

    it('audits the limit once per window, with the client address and no phone number in clear', async () => {
      const { deps } = testDeps(db(), { ...LOOSE, attemptsPerLinePerHour: 1 });
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      const before = (await auditRows('verification.line_limit')).length;
      for (let i = 0; i < 4; i++) {
        await outcomeOf(submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: otherFace(citizen), client: '192.0.2.77' })));
      }
      const rows = (await auditRows('verification.line_limit')).slice(before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor: 'test.vneid', subject_type: 'subscriber', subject_id: String(line.id), at: T0.toISOString() });
      expect(JSON.parse(rows[0]?.details ?? '{}')).toMatchObject({ channel: 'vneid', client: '192.0.2.77', limit: 1, windowSeconds: 3600 });
      expect(JSON.stringify(rows)).not.toContain(line.msisdn);
    });
  });

  describe('per client address', () => {
    it('holds under simultaneous requests to many lines and audits once', async () => {
      const { deps } = testDeps(db(), { ...LOOSE, attemptsPerClientPerMinute: 4 });
      const lines = [];
      for (let i = 0; i < 10; i++) {
        const citizen = await newCitizen(db());
        lines.push({ citizen, line: await newLine(db(), citizen) });
      }
      const before = (await auditRows('verification.client_limit')).length;
      const outcomes = await Promise.all(
        lines.map(({ citizen, line }) => outcomeOf(submitAs(deps, requestFor(citizen, line.msisdn, { client: '198.51.100.200' })))),
      );
      expect(outcomes.filter((o) => o === 'verified')).toHaveLength(4);
      expect(outcomes.filter((o) => o === 'VERIFICATION_CLIENT_LIMIT')).toHaveLength(6);
      const audited = (await auditRows('verification.client_limit')).slice(before);
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ subject_type: 'client', subject_id: '198.51.100.200' });
      expect(JSON.parse(audited[0]?.details ?? '{}')).toMatchObject({ limit: 4, windowSeconds: 60 });
    });

    it('opens again after the minute, until the hour’s limit', async () => {
      const { deps, clock } = testDeps(db(), { ...LOOSE, attemptsPerClientPerMinute: 1, attemptsPerClientPerHour: 2 });
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen, { line_class: 'non_h2h' });
      const attempt = () => outcomeOf(submitAs(deps, requestFor(citizen, line.msisdn, { client: '198.51.100.201' })));
      expect([await attempt(), await attempt()]).toEqual(['verified', 'VERIFICATION_CLIENT_LIMIT']);
      clock.at = later(61);
      expect([await attempt(), await attempt()]).toEqual(['verified', 'VERIFICATION_CLIENT_LIMIT']);
      clock.at = later(122);
      expect(await attempt()).toBe('VERIFICATION_CLIENT_LIMIT');
      clock.at = later(3601);
      expect(await attempt()).toBe('verified');
    });
  });
});
