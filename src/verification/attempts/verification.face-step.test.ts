import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { seedReferenceData } from '../../registry/index.ts';
import type { FieldResult } from '../national-id/index.ts';
import { faceStepClosed } from './verification.policy.ts';
import { listAttemptsOf } from './verification.repository.ts';
import type { VerificationSettings } from './verification.settings.ts';
import { newCitizen, newLine, otherFace, requestFor, submitAs, testDeps } from './verification.testing.ts';

describe('faceStepClosed', () => {
  const result = fc.constantFrom<FieldResult>('match', 'no_match', 'not_checked');
  const history = fc.array(result, { maxLength: 30 });
  const failures = fc.integer({ min: 1, max: 6 });

  it('closes after the given number of failures in a row, whatever came before', () => {
    fc.assert(
      fc.property(history, failures, fc.array(fc.constant<FieldResult>('not_checked'), { maxLength: 3 }), (before, n, gaps) => {
        // Attempts that compared no face (refused before, or no face needed) do not break a run.
        const run = Array.from({ length: n }, () => ['no_match' as const, ...gaps]).flat();
        expect(faceStepClosed([...before, ...run], n)).toBe(true);
      }),
    );
  });

  it('stays closed whatever follows, once closed', () => {
    fc.assert(
      fc.property(history, history, failures, (before, after, n) => {
        fc.pre(faceStepClosed(before, n));
        expect(faceStepClosed([...before, ...after], n)).toBe(true);
      }),
    );
  });

  it('stays open with fewer failures than the threshold, and a match breaks a run', () => {
    fc.assert(
      fc.property(history, failures, (results, n) => {
        if (results.filter((r) => r === 'no_match').length < n) expect(faceStepClosed(results, n)).toBe(false);
        const brokenRuns = Array.from({ length: 4 }, () => [...Array.from({ length: n - 1 }, () => 'no_match' as const), 'match' as const]).flat();
        expect(faceStepClosed(brokenRuns, n)).toBe(false);
      }),
    );
  });
});

const SETTINGS: Partial<VerificationSettings> = { faceFailuresBeforeInPersonOnly: 3 };

describeEachDatabase('the face step after repeated failures', ({ db }) => {
  beforeAll(async () => {
    await seedReferenceData(db());
  });

  /** A holder with two lines (no OTP asked); the earlier one needs the face, not liveness. */
  const holderWithTwoLines = async () => {
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen, { registered_at: '2020-01-01T00:00:00.000Z' });
    await newLine(db(), citizen, { registered_at: '2022-01-01T00:00:00.000Z' });
    return { citizen, line };
  };
  const outcomeOf = (promise: Promise<{ outcome: string }>) => promise.then((a) => a.outcome, (e: { code: string }) => e.code);

  it('closes online after a stranger’s failures; the owner verifies at a store, which opens it online again', async () => {
    const { deps } = testDeps(db(), SETTINGS);
    const { citizen, line } = await holderWithTwoLines();
    const stranger = () => outcomeOf(submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: otherFace(citizen) })));
    expect([await stranger(), await stranger(), await stranger()]).toEqual(['rejected', 'rejected', 'rejected']);

    // Closed to every unattended channel, the right face included: nothing more is compared there.
    const online = await submitAs(deps, requestFor(citizen, line.msisdn)).catch((e: unknown) => e);
    expect(online).toMatchObject({ code: 'FACE_STEP_CLOSED', status: 409 });
    expect((online as { extra: { errors: { field: string }[] } }).extra.errors).toEqual([{ field: 'faceSample', message: expect.stringMatching(/cửa hàng/) as string }]);
    expect(await outcomeOf(submitAs(deps, requestFor(citizen, line.msisdn, { channel: 'carrier_app' })))).toBe('FACE_STEP_CLOSED');
    const [refusal] = await listAttemptsOf(db().kysely, line.id);
    expect(refusal).toMatchObject({ outcome: 'rejected', face_result: 'not_checked' });
    expect(JSON.parse(refusal?.reasons ?? '[]')).toContain('face.in_person_only');

    // Never closed at a desk: a stranger cannot lock the owner out.
    const atStore = await submitAs(deps, requestFor(citizen, line.msisdn, { channel: 'carrier_store' }));
    expect(atStore.outcome).toBe('verified');

    const again = await submitAs(deps, requestFor(citizen, line.msisdn, { channel: 'vneid' }));
    expect(again.outcome).toBe('verified');
  });

  it('keeps comparing faces at a desk while closed online, and only a desk success opens it', async () => {
    const { deps } = testDeps(db(), SETTINGS);
    const { citizen, line } = await holderWithTwoLines();
    for (let i = 0; i < 3; i++) await submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: otherFace(citizen) }));
    const deskFailure = await submitAs(deps, requestFor(citizen, line.msisdn, { channel: 'commune_point', faceSample: otherFace(citizen) }));
    expect(deskFailure).toMatchObject({ outcome: 'rejected', fields: { face: { result: 'no_match' } } });
    // A matching face at a desk that fails for another reason (a photo) is not a desk success.
    const photo = await submitAs(deps, requestFor(citizen, line.msisdn, { channel: 'commune_point', liveness: { method: 'active', presentation: 'photo' } }));
    expect(photo.outcome).toBe('rejected');
    expect(await outcomeOf(submitAs(deps, requestFor(citizen, line.msisdn)))).toBe('FACE_STEP_CLOSED');
  });

  it('counts failures in a row: the owner’s own match online in between starts the count again', async () => {
    const { deps } = testDeps(db(), SETTINGS);
    const { citizen, line } = await holderWithTwoLines();
    const stranger = () => outcomeOf(submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: otherFace(citizen) })));
    expect([await stranger(), await stranger()]).toEqual(['rejected', 'rejected']);
    expect((await submitAs(deps, requestFor(citizen, line.msisdn))).outcome).toBe('verified');
    expect([await stranger(), await stranger()]).toEqual(['rejected', 'rejected']);
    expect((await submitAs(deps, requestFor(citizen, line.msisdn))).outcome).toBe('verified');
  });

  it('closes the face step of that line only', async () => {
    const { deps } = testDeps(db(), SETTINGS);
    const { citizen, line } = await holderWithTwoLines();
    for (let i = 0; i < 3; i++) await submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: otherFace(citizen) }));
    const other = await newCitizen(db());
    const otherLine = await newLine(db(), other, { registered_at: '2020-01-01T00:00:00.000Z' });
    await newLine(db(), other, { registered_at: '2022-01-01T00:00:00.000Z' });
    expect((await submitAs(deps, requestFor(other, otherLine.msisdn))).outcome).toBe('verified');
  });
});
