import { beforeAll, describe, expect, it } from 'vitest';
import { testPrincipal } from '../access/access.testing.ts';
import { describeEachDatabase } from '../db/testing.ts';
import { maskDocumentNumber, seedReferenceData } from '../registry/index.ts';
import { newCitizen, newLine, requestFor, submitAs, T0, testDeps } from '../verification/attempts/verification.testing.ts';
import { lookupLine, lookupPerson, type LookupOptions } from './lookup.service.ts';

const COMMUNE_A = '30292';
const COMMUNE_B = '30301';
const options: LookupOptions = { now: () => T0 };
const reveal = (reason: string | undefined, extra: Partial<NonNullable<LookupOptions['reveal']>> = {}): LookupOptions => ({
  ...options,
  reveal: { reason, ...extra },
});

const admin = testPrincipal('province_admin', 'province', 'sokhcn.an');
const officerA = testPrincipal('commune_officer', [{ kind: 'commune', value: COMMUNE_A }], 'canbo.binhduc');
const officerB = testPrincipal('commune_officer', [{ kind: 'commune', value: COMMUNE_B }], 'canbo.mythoi');
const vinaphoneDesk = testPrincipal('carrier_operator', [{ kind: 'carrier', value: 'vinaphone' }], 'nv.vnpt.01');
const viettelDesk = testPrincipal('carrier_operator', [{ kind: 'carrier', value: 'viettel' }], 'nv.viettel.01');
const viewer = testPrincipal('province_viewer', 'province', 'theodoi.tinh');

describeEachDatabase('look-up', ({ db }) => {
  const audits = () => db().kysely.selectFrom('audit_log').selectAll().orderBy('id').execute();
  let person: Awaited<ReturnType<typeof newCitizen>>;
  let first: { id: number; msisdn: string };
  let second: { id: number; msisdn: string };

  beforeAll(async () => {
    await seedReferenceData(db());
    person = await newCitizen(db());
    first = await newLine(db(), person, {
      commune_code: COMMUNE_A,
      lock_level: 'one_way',
      lock_reason: 'campaign_mismatch',
      registered_at: '2020-01-01T00:00:00.000Z',
    });
    second = await newLine(db(), person, { commune_code: COMMUNE_B, line_class: 'non_h2h', registered_at: '2022-01-01T00:00:00.000Z' });
    const { deps } = testDeps(db(), { otpForSingleLine: false });
    await submitAs(deps, requestFor(person, first.msisdn, { faceSample: null }));
    await submitAs(deps, requestFor(person, first.msisdn, { channel: 'carrier_store', place: 'VNPT-RG-01' }));
  });

  it('answers a line masked, with its id, state, lock, history and attempts, and logs nothing', async () => {
    const answer = await lookupLine(db(), admin, { msisdn: `+84${first.msisdn.slice(1)}` }, options);
    expect(answer.revealed).toBe(false);
    const [line] = answer.lines;
    expect(line).toMatchObject({
      id: first.id,
      msisdn: `09******${first.msisdn.slice(-2)}`,
      holder: { documentType: 'personal_id', documentNumber: maskDocumentNumber(person.personalId), fullName: 'N. V. H.', birthDate: '1990' },
      state: { verification: 'verified' },
      lock: { level: 'none', reason: null },
      attempts: { total: 2, byOutcome: { rejected: 1, verified: 1 }, last: { channel: 'carrier_store', place: 'VNPT-RG-01', outcome: 'verified' } },
    });
    expect(line?.history.map((e) => e.kind)).toEqual(['verified', 'unlocked']);
    expect(JSON.stringify(answer)).not.toContain(person.personalId);
    expect(JSON.stringify(answer)).not.toContain(first.msisdn);
    expect(await lookupLine(db(), admin, { id: first.id }, options)).toEqual(answer);
    expect(await audits()).toEqual([]);
  });

  describe('the principal’s scope', () => {
    it('answers a line outside the scope exactly as a line that does not exist', async () => {
      expect((await lookupLine(db(), officerA, { msisdn: first.msisdn }, options)).lines.map((l) => l.id)).toEqual([first.id]);
      expect((await lookupLine(db(), vinaphoneDesk, { id: first.id }, options)).lines.map((l) => l.id)).toEqual([first.id]);
      // Not registered, with the same masked form (first two and last two digits) as the line.
      const unknown = `${first.msisdn.slice(0, 2)}99999${first.msisdn.slice(-3)}`;
      const outside = await failure(lookupLine(db(), officerB, { msisdn: first.msisdn }, options));
      expect(outside).toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND', status: 404 });
      expect(outside).toEqual(await failure(lookupLine(db(), officerB, { msisdn: unknown }, options)));
      expect(outside).toEqual(await failure(lookupLine(db(), viettelDesk, { msisdn: first.msisdn }, options)));
      const byId = await failure(lookupLine(db(), viettelDesk, { id: first.id }, options));
      expect(byId).toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND', detail: `Không có thuê bao mã ${first.id}` });
      expect(await failure(lookupLine(db(), viettelDesk, { id: 999_999 }, options))).toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND', detail: 'Không có thuê bao mã 999999' });
    });

    it('answers a person search with the lines in scope only', async () => {
      const ids = async (principal: typeof admin) => (await lookupPerson(db(), principal, person.personalId, options)).lines.map((l) => l.id);
      expect(await ids(admin)).toEqual([first.id, second.id]);
      expect(await ids(officerA)).toEqual([first.id]);
      expect(await ids(officerB)).toEqual([second.id]);
      expect(await ids(vinaphoneDesk)).toEqual([first.id, second.id]);
      const outside = await failure(lookupPerson(db(), viettelDesk, person.personalId, options));
      expect(outside).toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND' });
      // An unknown document with the same masked form answers the same.
      const unknown = `${person.personalId.slice(0, 3)}0000000${person.personalId.slice(-2)}`;
      expect(outside).toEqual(await failure(lookupPerson(db(), viettelDesk, unknown, options)));
    });
  });

  describe('reveal', () => {
    it('refuses without a reason of 5 to 500 characters, and writes nothing', async () => {
      for (const reason of [undefined, '', '    ', 'abcd', ' \u00A0abcd\t', 'x'.repeat(501)]) {
        const refused = await failure(lookupLine(db(), admin, { id: first.id }, reveal(reason)));
        expect(refused, JSON.stringify(reason)).toMatchObject({ code: 'REASON_REQUIRED', status: 400, extra: { errors: [{ field: 'reason' }] } });
      }
      expect(await failure(lookupLine(db(), viewer, { id: first.id }, reveal('Kiểm tra hồ sơ')))).toMatchObject({ code: 'FORBIDDEN', status: 403 });
      expect(await failure(lookupLine(db(), officerB, { id: first.id }, reveal('Kiểm tra hồ sơ')))).toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND' });
      expect(await audits()).toEqual([]);
    });

    it('answers in clear after writing one audit row: who, what, why (Vietnamese intact), request and client', async () => {
      const why = '  Chủ thuê bao khiếu nại: “số này không phải của tôi” — đối chiếu hồ sơ 🙏 ';
      const answer = await lookupLine(db(), officerA, { id: first.id }, reveal(why, { requestId: 'req-1', clientAddress: '203.0.113.7' }));
      expect(answer.revealed).toBe(true);
      expect(answer.lines[0]).toMatchObject({ msisdn: first.msisdn, holder: { documentNumber: person.personalId, fullName: person.fullName, birthDate: person.birthDate } });
      // Five characters of any script are a reason.
      await lookupLine(db(), admin, { msisdn: first.msisdn }, reveal('Khiếu'));
      const rows = await audits();
      expect(rows.map((r) => [r.actor, r.action, r.subject_type, r.subject_id, r.reason, r.request_id, r.client_address])).toEqual([
        ['canbo.binhduc', 'subscriber.reveal', 'subscriber', String(first.id), why.trim(), 'req-1', '203.0.113.7'],
        ['sokhcn.an', 'subscriber.reveal', 'subscriber', String(first.id), 'Khiếu', null, null],
      ]);
      expect(rows[0]?.at).toBe(T0.toISOString());
      expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({ subscriberIds: [first.id] });
    });

    it('reveals a person’s lines in scope, audited under the masked document number', async () => {
      const before = (await audits()).length;
      const answer = await lookupPerson(db(), officerB, person.personalId.replace(/(\d{3})/g, '$1 '), reveal('Hỗ trợ người dân tại xã'));
      expect(answer.lines.map((l) => l.msisdn)).toEqual([second.msisdn]);
      const rows = (await audits()).slice(before);
      expect(rows.map((r) => [r.actor, r.subject_type, r.subject_id])).toEqual([['canbo.mythoi', 'person', maskDocumentNumber(person.personalId)]]);
      expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({ subscriberIds: [second.id] });
      expect(JSON.stringify(rows)).not.toContain(person.personalId);
    });
  });

  it('answers malformed input and roles without the action with stable codes', async () => {
    await expect(lookupLine(db(), admin, { msisdn: 'abc' }, options)).rejects.toMatchObject({ code: 'MSISDN_INVALID' });
    await expect(lookupPerson(db(), admin, '%%', options)).rejects.toMatchObject({ code: 'IDENTITY_INVALID' });
    await expect(lookupLine(db(), testPrincipal('auditor'), { id: first.id }, options)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(lookupLine(db(), testPrincipal('carrier_system', [{ kind: 'carrier', value: 'vinaphone' }]), { id: first.id }, options)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

/** What a refused call throws: code, status, detail and the rest, for comparing two refusals. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return { ...(error as object), message: (error as Error).message };
  }
  throw new Error('expected a refusal');
}
