import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { testPrincipal } from '../../access/access.testing.ts';
import { seedReferenceData } from '../../registry/index.ts';
import { recordPushedResults } from './pushed-results.service.ts';
import type { PushedResult } from './pushed-results.schema.ts';
import { listAttemptsOf } from './verification.repository.ts';
import { DEFAULT_VERIFICATION_SETTINGS } from './verification.settings.ts';
import { newCitizen, newLine, T0 } from './verification.testing.ts';

const MATCH = { documentNumber: 'match', fullName: 'match', birthDate: 'match', face: 'match', liveness: 'pass' } as const;
const viettel = testPrincipal('carrier_system', [{ kind: 'carrier', value: 'viettel' }]);
const vinaphone = testPrincipal('carrier_system', [{ kind: 'carrier', value: 'vinaphone' }]);
let serial = 0;
const result = (msisdn: string, changes: Partial<PushedResult> = {}): PushedResult => ({
  reference: `ref-${++serial}`,
  msisdn,
  channel: 'carrier_app',
  at: new Date(T0.getTime() - 3_600_000).toISOString(),
  fields: MATCH,
  ...changes,
});

describeEachDatabase('pushed verification results', ({ db }) => {
  const push = (principal: typeof viettel, results: PushedResult[]) =>
    recordPushedResults({ db: db(), settings: { ...DEFAULT_VERIFICATION_SETTINGS, otpForSingleLine: false }, now: () => T0 }, principal, results);
  const line = async (changes = {}) => newLine(db(), await newCitizen(db()), { carrier: 'viettel', ...changes });
  const state = (id: number) => db().kysely.selectFrom('subscribers').select(['verification_state', 'lock_level']).where('id', '=', id).executeTakeFirstOrThrow();
  const events = async (id: number) => (await db().kysely.selectFrom('subscriber_events').select('id').where('subscriber_id', '=', id).execute()).length;
  beforeAll(() => seedReferenceData(db()));

  it('lifts a one-way lock; the same push again changes nothing', async () => {
    const locked = await line({ lock_level: 'one_way', lock_reason: 'campaign_mismatch' });
    const pushed = result(locked.msisdn);
    const [first] = await push(viettel, [pushed]);
    expect(first).toMatchObject({ status: 'verified', unlocked: true, error: null });
    expect(await state(locked.id)).toEqual({ verification_state: 'verified', lock_level: 'none' });
    const eventsAfter = await events(locked.id);
    const [again] = await push(viettel, [pushed]);
    expect(again).toMatchObject({ status: 'duplicate', attemptId: first?.attemptId });
    expect(await events(locked.id)).toBe(eventsAfter);
    expect(await listAttemptsOf(db().kysely, locked.id)).toHaveLength(1);
  });

  it("answers another carrier's line as not found, and changes nothing on it", async () => {
    const theirs = await line();
    const [answer] = await push(vinaphone, [result(theirs.msisdn)]);
    expect(answer).toMatchObject({ status: 'refused', error: { code: 'SUBSCRIBER_NOT_FOUND' } });
    expect(await listAttemptsOf(db().kysely, theirs.id)).toHaveLength(0);
  });

  it('refuses what contradicts the rules: a foreigner online, a terminated line, a future time, a reused reference', async () => {
    const foreigner = await line({ holder_kind: 'foreigner', document_type: 'passport' });
    const terminated = await line({ lock_level: 'terminated', lock_reason: 'campaign_deadline' });
    const ok = await line();
    const reused = result(ok.msisdn);
    const answers = await push(viettel, [
      result(foreigner.msisdn),
      result(terminated.msisdn),
      result(ok.msisdn, { at: new Date(T0.getTime() + 3_600_000).toISOString() }),
      reused,
      { ...reused, msisdn: foreigner.msisdn },
    ]);
    expect(answers.map((a) => a.error?.code ?? a.status)).toEqual(['CHANNEL_NOT_ALLOWED', 'LINE_TERMINATED', 'RESULT_IN_FUTURE', 'verified', 'RESULT_REFERENCE_REUSED']);
  });

  it('records a failed field as a rejected attempt and keeps the lock', async () => {
    const locked = await line({ lock_level: 'one_way', lock_reason: 'campaign_mismatch' });
    const [answer] = await push(viettel, [result(locked.msisdn, { fields: { ...MATCH, face: 'not_checked' } })]);
    expect(answer).toMatchObject({ status: 'rejected', reasons: [{ code: 'face.not_checked' }] });
    expect(await state(locked.id)).toEqual({ verification_state: 'unverified', lock_level: 'one_way' });
  });

  it('does not let a late-arriving success undo a later handset change, in a batch or across batches', async () => {
    const changed = await line();
    const changeAt = new Date(T0.getTime() - 1_800_000).toISOString();
    await db().kysely.updateTable('subscribers').set({ device_changed_at: changeAt, verification_required_since: changeAt, verification_required_reason: 'device_change' }).where('id', '=', changed.id).execute();
    const [late] = await push(viettel, [result(changed.msisdn)]);
    expect(late).toMatchObject({ status: 'superseded', reasons: [{ code: 'pushed.superseded' }] });
    expect((await state(changed.id)).verification_state).toBe('unverified');
    const [after] = await push(viettel, [result(changed.msisdn, { at: new Date(T0.getTime() - 60_000).toISOString() })]);
    expect(after?.status).toBe('verified');
  });
});
