import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { createSimulatorNationalIdService, type BatchRecordAnswer, type VerifyDetails } from '../national-id/index.ts';
import { classifyAnswer, toBatchRecord } from './reconciliation.classify.ts';

type Answer = Omit<BatchRecordAnswer, 'ref'>;

function answer(details: Partial<VerifyDetails>, fields: Partial<Answer['fields']> = {}): Answer {
  const d: VerifyDetails = { documentKind: 'personal_id', legacyDocumentKnown: false, deceased: false, name: 'exact', birthDate: 'match', ...details };
  return {
    fields: {
      documentNumber: d.legacyDocumentKnown || d.name === null ? 'no_match' : 'match',
      fullName: d.name === 'exact' || d.name === 'same' ? 'match' : d.name === null ? 'not_checked' : 'no_match',
      birthDate: d.birthDate === 'match' || d.birthDate === 'compatible' ? 'match' : d.birthDate === null ? 'not_checked' : 'no_match',
      face: 'not_checked',
      ...fields,
    },
    details: d,
  };
}

describe('classifyAnswer', () => {
  it.each([
    ['ok', answer({})],
    ['ok', answer({ name: 'same', birthDate: 'compatible' })],
    ['document_unknown', answer({ name: null, birthDate: null })],
    ['cmnd9', answer({ documentKind: 'cmnd9', legacyDocumentKnown: true })],
    ['other_person_id', answer({ name: 'different', birthDate: 'different' })],
    ['other_person_id', answer({ name: 'different', birthDate: 'compatible' })],
    ['other_person_id', answer({ name: 'different', birthDate: 'different', deceased: true })],
    ['deceased', answer({ deceased: true })],
    ['name_no_diacritics', answer({ name: 'diacritics_missing' })],
    ['name_no_diacritics', answer({ name: 'diacritics_missing', birthDate: 'different' })],
    ['name_typo', answer({ name: 'different' })],
    ['birth_date_swapped', answer({ birthDate: 'day_month_swapped' })],
    ['birth_date_wrong', answer({ birthDate: 'different' })],
    // When the matching rules do not accept a coarser date, the birth date does not match.
    ['birth_date_wrong', answer({ birthDate: 'compatible' }, { birthDate: 'no_match' })],
  ] as const)('%s', (kind, a) => {
    expect(classifyAnswer(a)).toBe(kind);
  });
});

describe('toBatchRecord', () => {
  it('keeps a well-formed line and refuses what the contract refuses', () => {
    const line = { subscriberId: 7, documentNumber: '089090001234', fullName: 'Nguyễn Văn Hòa', birthDate: '1990-05-09' };
    expect(toBatchRecord(line)).toEqual({ ref: '7', documentNumber: '089090001234', fullName: 'Nguyễn Văn Hòa', birthDate: '1990-05-09' });
    expect(toBatchRecord({ ...line, documentNumber: '0890900012' })).toBeNull();
    expect(toBatchRecord({ ...line, fullName: '   ' })).toBeNull();
    expect(toBatchRecord({ ...line, birthDate: '1990-02-30' })).toBeNull();
  });
});

describeEachDatabase('toBatchRecord against the contract', ({ db }) => {
  it('never yields a record the national service refuses', async () => {
    const service = createSimulatorNationalIdService(db());
    const line = fc.record({
      subscriberId: fc.integer({ min: 1, max: 1e9 }),
      documentNumber: fc.oneof(fc.stringMatching(/^\d{8,13}$/), fc.string({ maxLength: 14 })),
      fullName: fc.oneof(fc.string({ maxLength: 210 }), fc.constantFrom('Nguyễn Văn An', ' Chau Sóc ', '')),
      birthDate: fc.oneof(
        fc.stringMatching(/^\d{4}(-\d{2}(-\d{2})?)?$/),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      ),
    });
    await fc.assert(
      fc.asyncProperty(line, async (l) => {
        const record = toBatchRecord(l);
        if (record) expect((await service.verifyBatch([record])).status).toBe('answered');
      }),
      { numRuns: 300 },
    );
  });
});
