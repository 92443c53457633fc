import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { analyzeSms } from '../../domain/index.ts';
import { listNoticesOf } from '../../messaging/index.ts';
import { seedReferenceData } from '../../registry/index.ts';
import { enterTargetGroup } from '../target-groups/index.ts';
import { listAttemptsOf } from './verification.repository.ts';
import { testPrincipal } from '../../access/access.testing.ts';
import { submitVerification, type VerificationRequest } from './verification.service.ts';
import { newCitizen, newLine, otherFace, requestFor, submitAs, T0, testDeps } from './verification.testing.ts';

const NO_OTP = { otpForSingleLine: false };

describeEachDatabase('verification attempts', ({ db }) => {
  beforeAll(async () => {
    await seedReferenceData(db());
  });

  const lineState = (id: number) =>
    db().kysely.selectFrom('subscribers').select(['verification_state', 'lock_level', 'lock_reason', 'verified_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const eventsOf = (id: number) =>
    db().kysely.selectFrom('subscriber_events').select(['kind', 'channel', 'actor', 'details']).where('subscriber_id', '=', id).orderBy('id').execute();

  describe('H2H lines need all four fields', () => {
    it('verifies with document, name, birth date and face; lifts the campaign lock, ends memberships, queues a GSM-7 confirmation', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen, { lock_level: 'one_way', lock_reason: 'campaign_mismatch', locked_at: '2026-05-01T00:00:00.000Z' });
      await db().kysely.transaction().execute((trx) =>
        enterTargetGroup(trx, { subscriberId: line.id, group: 'carrier_notice', source: 'carrier', at: '2026-04-28T00:00:00.000Z' }),
      );

      const answer = await submitAs(deps, requestFor(citizen, `+84 ${line.msisdn.slice(1)}`));

      expect(answer).toMatchObject({ outcome: 'verified', unlocked: true, msisdn: `${line.msisdn.slice(0, 2)}******${line.msisdn.slice(-2)}` });
      expect(answer.requirements).toEqual({ face: true, liveness: false, otp: false, inPerson: false });
      expect([answer.fields.documentNumber, answer.fields.fullName, answer.fields.birthDate, answer.fields.face, answer.fields.liveness].map((f) => f.code)).toEqual([
        'document.match',
        'name.match',
        'birth_date.match',
        'face.match',
        'liveness.pass',
      ]);
      expect(answer).not.toHaveProperty('faceScore');
      expect(await lineState(line.id)).toMatchObject({ verification_state: 'verified', lock_level: 'none', lock_reason: null, verified_at: T0.toISOString() });
      const events = await eventsOf(line.id);
      expect(events.map((e) => e.kind)).toEqual(['verified', 'unlocked']);
      expect(events[0]).toMatchObject({ channel: 'vneid', actor: 'test.vneid' });
      expect(JSON.parse(events[0]?.details ?? '{}')).toEqual({ attemptId: answer.attemptId });
      const memberships = await db().kysely.selectFrom('target_memberships').select('ended_at').where('subscriber_id', '=', line.id).execute();
      expect(memberships).toEqual([{ ended_at: T0.toISOString() }]);
      const notices = await listNoticesOf(db().kysely, line.id);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ kind: 'verification.confirmed', not_before: T0.toISOString() });
      expect(analyzeSms(notices[0]?.text ?? '')).toMatchObject({ encoding: 'gsm7', parts: 1 });
      expect(notices[0]?.text).not.toContain(line.msisdn);
    });

    it('rejects an H2H attempt without a face sample, before asking anyone', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      const answer = await submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: null }));
      expect(answer.outcome).toBe('rejected');
      expect(answer.reasons.map((r) => r.code)).toEqual(['face.missing']);
      expect(answer.reasons[0]?.message).toMatch(/khuôn mặt/);
      expect(answer.fields.documentNumber.result).toBe('not_checked');
      expect((await lineState(line.id)).verification_state).toBe('unverified');
    });

    it('rejects a face that is not the citizen’s', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      const answer = await submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: otherFace(citizen) }));
      expect(answer.outcome).toBe('rejected');
      expect(answer.fields.face).toMatchObject({ required: true, result: 'no_match', code: 'face.no_match' });
      expect(answer).not.toHaveProperty('faceScore');
      expect(await listNoticesOf(db().kysely, line.id)).toEqual([]);
    });

    it('explains each mismatch with its own code: diacritics missing, swapped birth date, legacy CMND, deceased', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const noMarks = await newCitizen(db());
      const noMarksLine = await newLine(db(), noMarks, { full_name: 'Nguyen Van Hoa' });
      const a = await submitAs(deps, requestFor(noMarks, noMarksLine.msisdn, { identity: { documentNumber: noMarks.personalId, fullName: 'Nguyen Van Hoa', birthDate: '09/05/1990' } }));
      expect(a.fields.fullName).toMatchObject({ result: 'no_match', code: 'name.diacritics_missing' });
      expect(a.fields.fullName.message).toMatch(/^Họ tên trên hồ sơ nhà mạng thiếu dấu/);

      const swapped = await newCitizen(db());
      const swappedLine = await newLine(db(), swapped, { birth_date: '1990-09-05' });
      const b = await submitAs(deps, requestFor(swapped, swappedLine.msisdn, { identity: { documentNumber: swapped.personalId, fullName: swapped.fullName, birthDate: '05/09/1990' } }));
      expect(b.fields.birthDate).toMatchObject({ result: 'no_match', code: 'birth_date.day_month_swapped' });

      const legacy = await newCitizen(db(), { legacyCmnd: '351000999' });
      const legacyLine = await newLine(db(), legacy, { document_type: 'cmnd9', document_number: '351000999' });
      const c = await submitAs(deps, requestFor(legacy, legacyLine.msisdn, { identity: { documentNumber: '351 000 999', fullName: legacy.fullName, birthDate: legacy.birthDate } }));
      expect(c.fields.documentNumber).toMatchObject({ result: 'no_match', code: 'document.legacy_cmnd' });

      const dead = await newCitizen(db(), { deceasedOn: '2025-08-01' });
      const deadLine = await newLine(db(), dead);
      const d = await submitAs(deps, requestFor(dead, deadLine.msisdn));
      expect(d.outcome).toBe('rejected');
      expect(d.reasons.map((r) => r.code)).toEqual(['person.deceased']);
    });
  });

  describe('non-H2H lines need the Decree 163 baseline only', () => {
    it('verifies without a face, and never forwards one it does not need', async () => {
      const { deps, nationalId } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen, { line_class: 'non_h2h' });
      const sent: unknown[] = [];
      const verify = nationalId.verify.bind(nationalId);
      const spy = { ...deps, nationalId: { ...nationalId, verify: (r: Parameters<typeof verify>[0]) => (sent.push(r.faceSample), verify(r)) } };
      const answer = await submitAs(spy, requestFor(citizen, line.msisdn, { faceSample: otherFace(citizen) }));
      expect(answer.outcome).toBe('verified');
      expect(answer.fields.face).toMatchObject({ required: false, code: 'face.not_required' });
      expect(sent).toEqual([null]);
    });
  });

  describe('liveness', () => {
    it('is needed for a person’s 2nd H2H line, not the first', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const first = await newLine(db(), citizen, { registered_at: '2020-01-01T00:00:00.000Z' });
      const second = await newLine(db(), citizen, { registered_at: '2023-01-01T00:00:00.000Z' });

      const missing = await submitAs(deps, requestFor(citizen, second.msisdn, { liveness: null }));
      expect(missing).toMatchObject({ outcome: 'rejected', requirements: { liveness: true } });
      expect(missing.reasons.map((r) => r.code)).toEqual(['liveness.missing']);

      const photo = await submitAs(deps, requestFor(citizen, second.msisdn, { liveness: { method: 'active', presentation: 'photo' } }));
      expect(photo.outcome).toBe('rejected');
      expect(photo.fields.face.code).toBe('face.match'); // a photo of the right person…
      expect(photo.fields.liveness).toMatchObject({ required: true, result: 'fail', code: 'liveness.fail' });
      expect(photo.fields.liveness.message).toMatch(/trực tiếp/);

      const live = await submitAs(deps, requestFor(citizen, second.msisdn));
      expect(live.outcome).toBe('verified');

      const firstAnswer = await submitAs(deps, requestFor(citizen, first.msisdn, { liveness: null }));
      expect(firstAnswer).toMatchObject({ outcome: 'verified', requirements: { liveness: false } });
    });

    it('is needed after a handset change, for a non-H2H line too (face again)', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const moved = await newLine(db(), citizen, { line_class: 'non_h2h', verification_required_reason: 'device_change' });
      const a = await submitAs(deps, requestFor(citizen, moved.msisdn, { faceSample: null, liveness: null }));
      expect(a.requirements).toMatchObject({ face: true, liveness: true });
      expect(a.reasons.map((r) => r.code)).toEqual(['face.missing', 'liveness.missing']);

      const other = await newCitizen(db());
      const imeiLine = await newLine(db(), other, { imei: '356938035643809' });
      const b = await submitAs(deps, requestFor(other, imeiLine.msisdn, { handsetImei: '490154203237518', liveness: null }));
      expect(b.reasons.map((r) => r.code)).toEqual(['liveness.missing']);
      const same = await submitAs(deps, requestFor(other, imeiLine.msisdn, { handsetImei: '356938035643809', liveness: null }));
      expect(same.outcome).toBe('verified');
    });
  });

  describe('OTP for a person with a single line', () => {
    const otpFrom = async (subscriberId: number) => {
      const notices = await listNoticesOf(db().kysely, subscriberId);
      const last = notices.filter((n) => n.kind === 'otp').at(-1);
      return /\b(\d{6})\b/.exec(last?.text ?? '')?.[1] ?? '';
    };

    it('sends a code through the outbox, refuses a wrong one, verifies with the right one', async () => {
      const { deps } = testDeps(db());
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      const first = await submitAs(deps, requestFor(citizen, line.msisdn));
      expect(first).toMatchObject({ outcome: 'otp_required', requirements: { otp: true }, otp: { attemptsLeft: 5 } });
      expect(first.reasons.map((r) => r.code)).toEqual(['otp.sent']);
      const code = await otpFrom(line.id);
      expect(code).toMatch(/^\d{6}$/);
      const notice = (await listNoticesOf(db().kysely, line.id))[0];
      expect(notice).toMatchObject({ kind: 'otp', not_before: T0.toISOString() });
      expect(analyzeSms(notice?.text ?? '').encoding).toBe('gsm7');
      const stored = await db().kysely.selectFrom('one_time_codes').selectAll().where('subscriber_id', '=', line.id).execute();
      expect(JSON.stringify(stored)).not.toContain(code);

      const again = await submitAs(deps, requestFor(citizen, line.msisdn));
      expect(again.reasons.map((r) => r.code)).toEqual(['otp.already_sent']);
      expect((await listNoticesOf(db().kysely, line.id)).filter((n) => n.kind === 'otp')).toHaveLength(1);

      const wrong = code === '000000' ? '111111' : '000000';
      await expect(submitAs(deps, requestFor(citizen, line.msisdn, { otp: wrong }))).rejects.toMatchObject({
        code: 'OTP_INVALID',
        status: 400,
      });
      const ok = await submitAs(deps, requestFor(citizen, line.msisdn, { otp: code }));
      expect(ok.outcome).toBe('verified');
      expect(ok.reasons.map((r) => r.code)).toEqual(['otp.verified', 'verified']);
      // A spent code cannot be used twice.
      await expect(submitAs(deps, requestFor(citizen, line.msisdn, { otp: code }))).rejects.toMatchObject({ code: 'OTP_EXPIRED' });
    });

    it('refuses an expired code', async () => {
      const { deps, clock } = testDeps(db());
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      await submitAs(deps, requestFor(citizen, line.msisdn));
      const code = await otpFrom(line.id);
      clock.at = new Date(T0.getTime() + 301_000);
      await expect(submitAs(deps, requestFor(citizen, line.msisdn, { otp: code }))).rejects.toMatchObject({ code: 'OTP_EXPIRED' });
      // Asking again sends a fresh code, which works.
      await submitAs(deps, requestFor(citizen, line.msisdn));
      const fresh = await otpFrom(line.id);
      expect((await submitAs(deps, requestFor(citizen, line.msisdn, { otp: fresh }))).outcome).toBe('verified');
    });

    it('spends the challenge after too many wrong codes', async () => {
      const { deps } = testDeps(db(), { otpMaxTries: 3 });
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      await submitAs(deps, requestFor(citizen, line.msisdn));
      const code = await otpFrom(line.id);
      const wrong = code === '999999' ? '888888' : '999999';
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        codes.push(await submitAs(deps, requestFor(citizen, line.msisdn, { otp: wrong })).then(() => 'ok', (e: { code: string }) => e.code));
      }
      expect(codes).toEqual(['OTP_INVALID', 'OTP_INVALID', 'OTP_TOO_MANY_ATTEMPTS']);
      await expect(submitAs(deps, requestFor(citizen, line.msisdn, { otp: code }))).rejects.toMatchObject({
        code: 'OTP_TOO_MANY_ATTEMPTS',
        status: 429,
      });
      expect((await lineState(line.id)).verification_state).toBe('unverified');
    });
  });

  describe('channels', () => {
    it('refuses a foreigner online and keeps the attempt', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen, { holder_kind: 'foreigner', document_type: 'passport', document_number: 'B1234567' });
      const request = requestFor(citizen, line.msisdn, { identity: { documentNumber: 'b1234567', fullName: 'John Smith', birthDate: '1980' } });
      await expect(submitAs(deps, request)).rejects.toMatchObject({ code: 'CHANNEL_NOT_ALLOWED', status: 409 });
      await expect(submitAs(deps, { ...request, channel: 'carrier_app' })).rejects.toMatchObject({ code: 'CHANNEL_NOT_ALLOWED' });
      const attempts = await listAttemptsOf(db().kysely, line.id);
      expect(attempts.map((a) => [a.outcome, (JSON.parse(a.reasons) as string[]).at(-1)])).toEqual([
        ['rejected', 'channel.foreigner_in_person'],
        ['rejected', 'channel.foreigner_in_person'],
      ]);
    });

    it('refuses a two-way locked line online, verifies and unlocks it in person', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen, { lock_level: 'two_way', lock_reason: 'campaign_mismatch' });
      await expect(submitAs(deps, requestFor(citizen, line.msisdn, { channel: 'carrier_app' }))).rejects.toMatchObject({
        code: 'CHANNEL_NOT_ALLOWED',
      });
      const officer = testPrincipal('commune_officer', 'province', 'canbo.xa01');
      const answer = await submitVerification(deps, officer, requestFor(citizen, line.msisdn, { channel: 'commune_point', place: '30280' }));
      expect(answer).toMatchObject({ outcome: 'verified', unlocked: true, requirements: { inPerson: true } });
      expect(await lineState(line.id)).toMatchObject({ lock_level: 'none' });
      expect((await eventsOf(line.id)).map((e) => [e.kind, e.actor])).toEqual([
        ['verified', 'canbo.xa01'],
        ['unlocked', 'canbo.xa01'],
      ]);
      const [attempt] = await listAttemptsOf(db().kysely, line.id);
      expect(attempt).toMatchObject({ channel: 'commune_point', place: '30280', operator: 'canbo.xa01', outcome: 'verified' });
    });

    it('does not lift a lock of another reason (fraud)', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen, { lock_level: 'one_way', lock_reason: 'fraud' });
      const answer = await submitAs(deps, requestFor(citizen, line.msisdn));
      expect(answer).toMatchObject({ outcome: 'verified', unlocked: false });
      expect(await lineState(line.id)).toMatchObject({ lock_level: 'one_way', lock_reason: 'fraud' });
    });

    it('refuses a terminated line', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen, { lock_level: 'terminated', lock_reason: 'campaign_mismatch' });
      await expect(submitAs(deps, requestFor(citizen, line.msisdn, { channel: 'carrier_store' }))).rejects.toMatchObject({
        code: 'LINE_TERMINATED',
        status: 409,
      });
    });

    it('tells a foreigner in person that passports cannot be checked yet', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen, { holder_kind: 'foreigner', document_type: 'passport', document_number: 'B7654321', full_name: 'John Smith', birth_date: '1980' });
      const answer = await submitAs(
        deps,
        requestFor(citizen, line.msisdn, { channel: 'carrier_store', identity: { documentNumber: 'B7654321', fullName: 'John Smith', birthDate: '1980' } }),
      );
      expect(answer.outcome).toBe('rejected');
      expect(answer.reasons.map((r) => r.code)).toEqual(['document.passport_not_supported']);
    });
  });

  describe('the identity must be the line’s registration', () => {
    it('online: refuses an identity that differs from the carrier record', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen, { full_name: 'Nguyen Van Hoa' });
      const answer = await submitAs(deps, requestFor(citizen, line.msisdn));
      expect(answer.outcome).toBe('rejected');
      expect(answer.reasons.map((r) => r.code)).toEqual(['registration.name_no_diacritics']);
      expect(answer.reasons[0]?.message).toMatch(/^Họ tên trên hồ sơ nhà mạng thiếu dấu: mang CCCD/);

      const stranger = await newCitizen(db());
      const b = await submitAs(deps, requestFor(stranger, line.msisdn));
      expect(b.reasons.map((r) => r.code)).toEqual(['registration.document_differs']);
    });

    it('online: a carrier record that lost the marks of some words asks for the name to be updated with the card', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen, { full_name: 'Nguyễn Van Hoa' });
      const answer = await submitAs(deps, requestFor(citizen, line.msisdn));
      expect(answer.reasons.map((r) => r.code)).toEqual(['registration.name_no_diacritics']);
    });

    it('in person: verifies with the card and lists the corrections to the record (CMND → personal ID, name)', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db(), { legacyCmnd: '351000444' });
      const line = await newLine(db(), citizen, { document_type: 'cmnd9', document_number: '351000444', full_name: 'Nguyen Van Hoa' });
      const online = await submitAs(deps, requestFor(citizen, line.msisdn));
      expect(online.reasons.map((r) => r.code)).toEqual(['registration.legacy_cmnd', 'registration.name_no_diacritics']);
      const answer = await submitAs(deps, requestFor(citizen, line.msisdn, { channel: 'carrier_store' }));
      expect(answer.outcome).toBe('verified');
      expect(answer.corrections.map((c) => c.code)).toEqual(['registration.update_document', 'registration.update_full_name']);
    });
  });

  describe('errors', () => {
    it('answers garbage identity with IDENTITY_INVALID naming each field, an unknown line with SUBSCRIBER_NOT_FOUND', async () => {
      const { deps } = testDeps(db(), NO_OTP);
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      const garbage: VerificationRequest = {
        ...requestFor(citizen, line.msisdn),
        identity: { documentNumber: '12ab', fullName: '   ', birthDate: '31/02/1990' },
      };
      const error = await submitAs(deps, garbage).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'IDENTITY_INVALID', status: 400 });
      expect((error as { extra: { errors: { field: string }[] } }).extra.errors.map((e) => e.field)).toEqual([
        'identity.documentNumber',
        'identity.fullName',
        'identity.birthDate',
      ]);
      await expect(submitAs(deps, requestFor(citizen, '0919999999'))).rejects.toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND', status: 404 });
      await expect(submitAs(deps, requestFor(citizen, '12345'))).rejects.toMatchObject({ code: 'MSISDN_INVALID' });
      await expect(
        submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: { template: [1, 2, 3] } })),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('every attempt is kept, without face data or identity', () => {
    it('keeps one row per attempt on a known line, whatever the outcome', async () => {
      const { deps } = testDeps(db());
      const citizen = await newCitizen(db());
      const line = await newLine(db(), citizen);
      await submitAs(deps, requestFor(citizen, line.msisdn, { faceSample: null }));
      await submitAs(deps, requestFor(citizen, line.msisdn));
      await submitAs(deps, requestFor(citizen, line.msisdn, { otp: '------' })).catch(() => undefined);
      const code = /\b(\d{6})\b/.exec((await listNoticesOf(db().kysely, line.id)).at(-1)?.text ?? '')?.[1];
      await submitAs(deps, requestFor(citizen, line.msisdn, { otp: code }));
      const attempts = await listAttemptsOf(db().kysely, line.id);
      expect(attempts.map((a) => a.outcome).reverse()).toEqual(['rejected', 'otp_required', 'rejected', 'verified']);
      const stored = JSON.stringify(attempts);
      expect(stored).not.toContain(citizen.personalId);
      expect(stored).not.toContain('Hòa');
      expect(attempts.every((a) => a.retry_claim === null)).toBe(true);
      expect(attempts[0]).toMatchObject({ document_result: 'match', face_result: 'match', liveness_result: 'pass', face_required: 1 });
    });
  });
});
