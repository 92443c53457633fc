import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { listNoticesOf } from '../../messaging/index.ts';
import { seedReferenceData } from '../../registry/index.ts';
import { retryPendingAttempts } from './retry-pending.job.ts';
import { listAttemptsOf } from './verification.repository.ts';
import { newCitizen, newLine, requestFor, submitAs, T0, testDeps } from './verification.testing.ts';

const NO_OTP = { otpForSingleLine: false };
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describeEachDatabase('pending attempts and their retry', ({ db }) => {
  beforeAll(async () => {
    await seedReferenceData(db());
  });
  const stateOf = async (id: number) =>
    (await db().kysely.selectFrom('subscribers').select('verification_state').where('id', '=', id).executeTakeFirstOrThrow()).verification_state;

  it('keeps an attempt pending while the national service is down, never as verified, and verifies it on a later retry', async () => {
    const { deps, nationalId, clock } = testDeps(db(), NO_OTP);
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen, { line_class: 'non_h2h', lock_level: 'one_way', lock_reason: 'campaign_mismatch' });
    nationalId.setOutage('timeout');

    const answer = await submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: null, liveness: null }));
    expect(answer.outcome).toBe('pending');
    expect(answer.reasons.map((r) => r.code)).toEqual(['service.unavailable']);
    // The line shows it waits for an answer — and is still not verified.
    expect(await stateOf(line.id)).toBe('pending');

    // Not due yet, then due but the service is still down.
    expect(await retryPendingAttempts(deps)).toMatchObject({ checked: 0 });
    clock.at = later(301);
    expect(await retryPendingAttempts(deps)).toMatchObject({ checked: 1, stillPending: 1, verified: 0 });
    expect(await stateOf(line.id)).toBe('pending');

    nationalId.setOutage(null);
    expect(await retryPendingAttempts(deps)).toMatchObject({ checked: 0 }); // postponed by the failed retry
    clock.at = later(700);
    expect(await retryPendingAttempts(deps)).toMatchObject({ checked: 1, verified: 1 });
    expect(await stateOf(line.id)).toBe('verified');
    const [retry, pending] = await listAttemptsOf(db().kysely, line.id);
    expect(retry).toMatchObject({ outcome: 'verified', retry_of: pending?.id, document_result: 'match' });
    expect(pending).toMatchObject({ outcome: 'pending', retry_count: 1, retry_claim: null, next_retry_at: null });
    expect(pending?.resolved_at).toBe(later(700).toISOString());
    expect((await listNoticesOf(db().kysely, line.id)).map((n) => n.kind)).toEqual(['verification.confirmed']);

    // A second run finds nothing left to do.
    expect(await retryPendingAttempts(deps)).toMatchObject({ checked: 0 });
  });

  it('keeps the identity claim only while pending, and never the face', async () => {
    const { deps, nationalId, clock } = testDeps(db(), NO_OTP);
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    nationalId.setOutage('circuit_open');
    await submitAs(deps, requestFor(citizen, line.msisdn));
    const [pending] = await listAttemptsOf(db().kysely, line.id);
    expect(JSON.parse(pending?.retry_claim ?? 'null')).toEqual({
      documentNumber: citizen.personalId,
      fullName: citizen.fullName,
      birthDate: citizen.birthDate,
    });
    expect(JSON.stringify(pending)).not.toMatch(/template|0\.\d{6,}/);
    // Settle it so the next tests start with nothing pending.
    nationalId.setOutage(null);
    clock.at = later(301);
    expect(await retryPendingAttempts(deps)).toMatchObject({ checked: 1 });
    expect((await listAttemptsOf(db().kysely, line.id))[1]?.retry_claim).toBeNull();
  });

  it('asks the person to redo only the face step when the H2H line’s documents match on retry', async () => {
    const { deps, nationalId, clock } = testDeps(db(), NO_OTP);
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen);
    nationalId.setOutage('http_error');
    expect((await submitAs(deps, requestFor(citizen, line.msisdn))).outcome).toBe('pending');
    expect(await stateOf(line.id)).toBe('pending');
    nationalId.setOutage(null);
    clock.at = later(301);
    expect(await retryPendingAttempts(deps)).toMatchObject({ checked: 1, faceRedoRequired: 1, verified: 0 });
    // Settled without a verification: the line is back to unverified, with both moves in its history.
    expect(await stateOf(line.id)).toBe('unverified');
    const history = await db()
      .kysely.selectFrom('subscriber_events')
      .select(['kind', 'from_state', 'to_state'])
      .where('subscriber_id', '=', line.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { kind: 'verification_pending', from_state: 'unverified', to_state: 'pending' },
      { kind: 'verification_pending_ended', from_state: 'pending', to_state: 'unverified' },
    ]);
    const [redo] = await listAttemptsOf(db().kysely, line.id);
    expect(redo).toMatchObject({ outcome: 'face_redo_required', face_result: 'not_checked', face_required: 1 });
    const notices = await listNoticesOf(db().kysely, line.id);
    expect(notices.map((n) => n.kind)).toEqual(['verification.face_redo_required']);
    expect(notices[0]?.text).toMatch(/chup lai khuon mat/);

    // The person redoes it: a complete new attempt verifies the line.
    expect((await submitAs(deps, requestFor(citizen, line.msisdn))).outcome).toBe('verified');
  });

  it('settles a retry whose identity does not match as rejected, and gives up on attempts too old', async () => {
    const { deps, nationalId, clock } = testDeps(db(), NO_OTP);
    const citizen = await newCitizen(db());
    const line = await newLine(db(), citizen, { line_class: 'non_h2h', birth_date: '1991-05-09' });
    nationalId.setOutage('timeout');
    // In person the card's birth date differs from the record; the national database disagrees too.
    const request = requestFor(citizen, line.msisdn, {
      channel: 'carrier_store',
      identity: { documentNumber: citizen.personalId, fullName: citizen.fullName, birthDate: '1991-05-09' },
    });
    await submitAs(deps, request);
    const other = await newCitizen(db());
    const old = await newLine(db(), other, { line_class: 'non_h2h' });
    await submitAs(deps, requestFor(other, old.msisdn, { faceSample: null }));
    nationalId.setOutage(null);

    clock.at = later(73 * 3600);
    const summary = await retryPendingAttempts(deps);
    expect(summary).toMatchObject({ checked: 2, expired: 2 });
    expect((await listAttemptsOf(db().kysely, old.id))[0]).toMatchObject({ outcome: 'rejected', reasons: expect.stringContaining('pending.expired') as string });

    clock.at = later(301);
    nationalId.setOutage('timeout');
    await submitAs(deps, request);
    nationalId.setOutage(null);
    clock.at = later(700);
    expect(await retryPendingAttempts(deps)).toMatchObject({ checked: 1, rejected: 1 });
    const [settled] = await listAttemptsOf(db().kysely, line.id);
    expect(settled).toMatchObject({ outcome: 'rejected', birth_date_result: 'no_match' });
    expect(await stateOf(line.id)).toBe('unverified');
  });
});
