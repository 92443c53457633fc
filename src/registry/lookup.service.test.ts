import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../db/testing.ts';
import { submitVerification } from '../verification/attempts/index.ts';
import { newCitizen, newLine, requestFor, testDeps } from '../verification/attempts/verification.testing.ts';
import { maskBirthDate, maskDocumentNumber, maskName } from './lookup.masking.ts';
import { lookupLine, lookupPerson } from './lookup.service.ts';
import { seedReferenceData } from './index.ts';

describe('masks', () => {
  it('keeps enough to recognise, not to identify', () => {
    expect(maskDocumentNumber('089090001245')).toBe('089*******45');
    expect(maskDocumentNumber('351234567')).toBe('351****67');
    expect(maskDocumentNumber('B12')).toBe('***');
    expect(maskName('  Nguyễn  Văn hòa ')).toBe('N. V. H.');
    expect(maskName('Đặng Thị Ánh')).toBe('Đ. T. Á.');
    // An invisible or bidirectional character carried in with the name is no one's initial.
    expect(maskName('\u202ENguyễn\u200B Văn\u00A0Hòa')).toBe('N. V. H.');
    expect(maskBirthDate('1990-05-09')).toBe('1990');
  });
});

describeEachDatabase('look-up', ({ db }) => {
  const audits = () => db().kysely.selectFrom('audit_log').selectAll().orderBy('id').execute();
  let person: Awaited<ReturnType<typeof newCitizen>>;
  let first: { id: number; msisdn: string };
  let second: { id: number; msisdn: string };

  beforeAll(async () => {
    await seedReferenceData(db());
    person = await newCitizen(db());
    first = await newLine(db(), person, { lock_level: 'one_way', lock_reason: 'campaign_mismatch', registered_at: '2020-01-01T00:00:00.000Z' });
    second = await newLine(db(), person, { line_class: 'non_h2h', registered_at: '2022-01-01T00:00:00.000Z' });
    const { deps } = testDeps(db(), { otpForSingleLine: false });
    await submitVerification(deps, requestFor(person, first.msisdn, { faceSample: null }));
    await submitVerification(deps, requestFor(person, first.msisdn, { channel: 'carrier_store', place: 'VNPT-RG-01' }));
  });

  it('answers a line masked by default, with state, lock, history and attempts, and logs nothing', async () => {
    const answer = await lookupLine(db(), `+84${first.msisdn.slice(1)}`);
    expect(answer.revealed).toBe(false);
    const [line] = answer.lines;
    expect(line).toMatchObject({
      msisdn: `09******${first.msisdn.slice(-2)}`,
      holder: { documentType: 'personal_id', documentNumber: maskDocumentNumber(person.personalId), fullName: 'N. V. H.', birthDate: '1990' },
      state: { verification: 'verified' },
      lock: { level: 'none', reason: null },
      attempts: { total: 2, byOutcome: { rejected: 1, verified: 1 }, last: { channel: 'carrier_store', place: 'VNPT-RG-01', outcome: 'verified' } },
    });
    expect(line?.history.map((e) => e.kind)).toEqual(['verified', 'unlocked']);
    expect(JSON.stringify(answer)).not.toContain(person.personalId);
    expect(JSON.stringify(answer)).not.toContain(first.msisdn);
    expect(await audits()).toEqual([]);
  });

  it('reveals in clear only with an actor, and writes an audit row each time', async () => {
    await expect(lookupLine(db(), first.msisdn, { reveal: true })).rejects.toMatchObject({ code: 'ACTOR_REQUIRED', status: 401 });
    const answer = await lookupLine(db(), first.msisdn, { reveal: true, actor: 'sokhcn.an' });
    expect(answer.revealed).toBe(true);
    expect(answer.lines[0]?.holder).toMatchObject({ documentNumber: person.personalId, fullName: person.fullName, birthDate: person.birthDate });
    expect(answer.lines[0]?.msisdn).toBe(first.msisdn);
    const person_ = await lookupPerson(db(), person.personalId.replace(/(\d{3})/g, '$1 '), { reveal: true, actor: 'sokhcn.an' });
    expect(person_.lines.map((l) => l.msisdn)).toEqual([first.msisdn, second.msisdn]);
    const rows = await audits();
    expect(rows.map((r) => [r.actor, r.action, r.subject_type])).toEqual([
      ['sokhcn.an', 'reveal', 'subscriber'],
      ['sokhcn.an', 'reveal', 'person'],
    ]);
    expect(rows[0]?.subject_id).toBe(String(first.id));
    expect(JSON.parse(rows[1]?.details ?? '{}')).toEqual({ subscriberIds: [first.id, second.id] });
    expect(JSON.stringify(rows)).not.toContain(person.personalId);
  });

  it('lists a person’s lines masked, and answers unknown or malformed input with stable codes', async () => {
    const answer = await lookupPerson(db(), person.personalId);
    expect(answer.lines.map((l) => [l.msisdn, l.lineClass])).toEqual([
      [`09******${first.msisdn.slice(-2)}`, 'h2h'],
      [`09******${second.msisdn.slice(-2)}`, 'non_h2h'],
    ]);
    await expect(lookupLine(db(), '0919999999')).rejects.toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND' });
    await expect(lookupLine(db(), 'abc')).rejects.toMatchObject({ code: 'MSISDN_INVALID' });
    await expect(lookupPerson(db(), '999999999999')).rejects.toMatchObject({ code: 'SUBSCRIBER_NOT_FOUND' });
    await expect(lookupPerson(db(), '%%')).rejects.toMatchObject({ code: 'IDENTITY_INVALID' });
  });
});
