/**
 * The campaign end to end, across capabilities, on exact dates: reconciliation finds a mismatch,
 * the roadmap locks the line 2 h later, the person verifies in a store and the line is unlocked;
 * a second line that nobody verifies goes one-way → two-way → terminated.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../src/db/testing.ts';
import { seedReferenceData } from '../src/registry/index.ts';
import { runReconciliation } from '../src/verification/reconciliation/index.ts';
import { runRoadmap } from '../src/roadmap/index.ts';
import { newCitizen, newLine, requestFor, submitAs, testDeps } from '../src/verification/attempts/verification.testing.ts';
import { AppError } from '../src/errors.ts';
import { answerSelfCheck } from '../src/selfcheck/selfcheck.service.ts';
import { DEFAULT_SELFCHECK_SETTINGS } from '../src/selfcheck/index.ts';
import { confirmLockOrders } from '../src/carriers/lock-orders.service.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 10:00 in Vietnam on 10/05/2026: reconciliation runs. */
const T0 = new Date('2026-05-10T03:00:00.000Z');
const after = (ms: number) => new Date(T0.getTime() + ms);

describeEachDatabase('campaign scenario', ({ db }) => {
  let storeLine: { id: number; msisdn: string };
  let ignoredLine: { id: number; msisdn: string };
  let storeCitizen: Awaited<ReturnType<typeof newCitizen>>;
  let ignoredCitizen: Awaited<ReturnType<typeof newCitizen>>;

  const lockOf = async (id: number) =>
    (await db().kysely.selectFrom('subscribers').select(['lock_level', 'verification_state']).where('id', '=', id).executeTakeFirstOrThrow());
  const roadmapAt = (at: Date) => runRoadmap(db(), { at });

  beforeAll(async () => {
    await seedReferenceData(db());
    storeCitizen = await newCitizen(db(), { fullName: 'Trần Thị Thủy', birthDate: '1988-07-15' });
    ignoredCitizen = await newCitizen(db(), { fullName: 'Lê Văn Phúc', birthDate: '1979-01-20' });
    // The carrier holds a typo in each name: what reconciliation exists to find.
    storeLine = await newLine(db(), storeCitizen, { full_name: 'Trần Thị Thũy' });
    ignoredLine = await newLine(db(), ignoredCitizen, { full_name: 'Lê Văn Phước' });
  });

  it('reconciliation finds both mismatches and starts the roadmap clock', async () => {
    const { nationalId } = testDeps(db());
    const report = await runReconciliation(db(), nationalId, { now: () => T0 });
    expect(report).toMatchObject({ finished: true, checked: 2, requirementsStarted: 2 });
    expect(report.counts.name_typo).toBe(2);
  });

  it('locks one-way exactly 2 h after the finding, not a millisecond earlier', async () => {
    expect((await roadmapAt(new Date(after(2 * HOUR).getTime() - 1))).counts.one_way).toBe(0);
    expect((await roadmapAt(after(2 * HOUR))).counts.one_way).toBe(2);
    expect(await lockOf(storeLine.id)).toMatchObject({ lock_level: 'one_way' });
  });

  it('says the line is about to be locked until its carrier confirms the lock, then that it is locked', async () => {
    const selfCheck = async (at: Date) =>
      (await answerSelfCheck(db().kysely, { channel: 'sms', msisdn: storeLine.msisdn, carrier: null, request: { kind: 'owner' }, at }, DEFAULT_SELFCHECK_SETTINGS)).answer;
    const ordered = await selfCheck(after(2 * HOUR + 60_000));
    expect(ordered.text).toContain('TB sap bi khoa goi di (nha mang dang thuc hien lenh).');
    expect(ordered.status).toMatchObject({ lock: 'one_way', lockState: 'ordered' });

    const order = await db().kysely.selectFrom('lock_orders').select(['id', 'carrier']).where('subscriber_id', '=', storeLine.id).executeTakeFirstOrThrow();
    const confirmed = await confirmLockOrders({ db: db(), now: () => after(2 * HOUR + 20 * 60_000) }, { scope: [{ kind: 'carrier', value: order.carrier }], actor: 'test' }, [
      { orderId: Number(order.id), at: after(2 * HOUR + 15 * 60_000).toISOString() },
    ]);
    expect(confirmed[0]?.status).toBe('confirmed');
    const locked = await selfCheck(after(2 * HOUR + 30 * 60_000));
    expect(locked.text).toContain('TB dang bi khoa goi di.');
    expect(locked.status).toMatchObject({ lock: 'one_way', lockState: 'confirmed' });
  });

  it('verifies in a store three days later (OTP to the line) and lifts the lock', async () => {
    const { deps, clock } = testDeps(db());
    clock.at = after(3 * DAY);
    const request = requestFor(storeCitizen, storeLine.msisdn, { channel: 'carrier_store', place: 'Viettel Long Xuyên' });
    const first = await submitAs(deps, request);
    expect(first.outcome).toBe('otp_required');
    const otpNotice = await db()
      .kysely.selectFrom('notices')
      .select('text')
      .where('subscriber_id', '=', storeLine.id)
      .where('kind', '=', 'otp')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const otp = /\d{6}/.exec(otpNotice.text)?.[0];
    expect(otp).toBeDefined();
    const second = await submitAs(deps, { ...request, otp: otp! });
    expect(second).toMatchObject({ outcome: 'verified', unlocked: true });
    expect(await lockOf(storeLine.id)).toEqual({ lock_level: 'none', verification_state: 'verified' });
  });

  it('corrects the carrier record in the store, so the next reconciliation finds that line clean', async () => {
    const row = await db().kysely.selectFrom('subscribers').select(['full_name', 'name_key']).where('id', '=', storeLine.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ full_name: 'Trần Thị Thủy', name_key: 'trần thị thủy' });
    const { nationalId } = testDeps(db());
    const report = await runReconciliation(db(), nationalId, { now: () => after(4 * DAY), restart: true });
    expect(report.counts.name_typo).toBe(1);
    expect(report.requirementsStarted).toBe(0);
  });

  it('takes the unverified line to two-way at +30 days and to termination 5 days later, on the dot', async () => {
    const oneWayAt = after(2 * HOUR);
    const twoWayAt = new Date(oneWayAt.getTime() + 30 * DAY);
    const terminatedAt = new Date(twoWayAt.getTime() + 5 * DAY);
    expect((await roadmapAt(new Date(twoWayAt.getTime() - 1))).counts.two_way).toBe(0);
    expect((await roadmapAt(twoWayAt)).counts.two_way).toBe(1);
    expect((await roadmapAt(new Date(terminatedAt.getTime() - 1))).counts.terminated).toBe(0);
    expect((await roadmapAt(terminatedAt)).counts.terminated).toBe(1);
    expect(await lockOf(ignoredLine.id)).toMatchObject({ lock_level: 'terminated' });
    // The verified line was never touched again by the campaign.
    expect(await lockOf(storeLine.id)).toEqual({ lock_level: 'none', verification_state: 'verified' });
  });

  it('refuses to verify a terminated line', async () => {
    const { deps, clock } = testDeps(db());
    clock.at = after(40 * DAY);
    const failure = await submitAs(deps, { ...requestFor(ignoredCitizen, ignoredLine.msisdn), channel: 'carrier_store' }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('LINE_TERMINATED');
  });
});
