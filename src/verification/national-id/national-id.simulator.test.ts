import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../db/testing.ts';
import { DEFAULT_FACE_MATCH_THRESHOLD, genuineSample, impostorSample, seededUniforms } from './national-id.face.ts';
import {
  InvalidNationalIdRequestError,
  MAX_BATCH_SIZE,
  type BatchRecord,
  type LivenessEvidence,
  type VerifyOutcome,
  type VerifyRequest,
} from './national-id.port.ts';
import { DEFAULT_PAD_RATES, type PadRates } from './national-id.simulator.pad.ts';
import { createSimulatorNationalIdService, type SimulatorSettings } from './national-id.simulator.ts';
import { CHAU_SOC, DAO_DECEASED, FIXTURE_CITIZENS, HOA, insertCitizens, THUY } from './national-id.simulator.testing.ts';

/** A detector that never errs, so liveness assertions do not depend on chance. */
const PERFECT_PAD: PadRates = {
  bonaFideRejectionRate: 0,
  attackAcceptanceRate: { passive: { photo: 0, video: 0, mask: 0 }, active: { photo: 0, video: 0, mask: 0 } },
};

const claimOf = (citizen: typeof HOA, changes: Partial<VerifyRequest> = {}): VerifyRequest => ({
  documentNumber: citizen.personalId,
  fullName: citizen.fullName,
  birthDate: citizen.birthDate,
  faceSample: null,
  liveness: null,
  ...changes,
});

function answered(outcome: VerifyOutcome) {
  if (outcome.status !== 'answered') throw new Error(`expected an answer, got ${outcome.reason}`);
  return outcome;
}

describeEachDatabase('national-ID simulator', ({ db }) => {
  const simulator = (settings: Partial<SimulatorSettings> = {}) =>
    createSimulatorNationalIdService(db(), { pad: PERFECT_PAD, ...settings });
  const verify = async (request: VerifyRequest, settings: Partial<SimulatorSettings> = {}) =>
    answered(await simulator(settings).verify(request));

  beforeAll(async () => {
    await insertCitizens(db(), FIXTURE_CITIZENS);
  });

  describe('identity fields', () => {
    it('matches every field of an exact claim and checks no face when none is sent', async () => {
      const outcome = await verify(claimOf(HOA));
      expect(outcome.fields).toEqual({ documentNumber: 'match', fullName: 'match', birthDate: 'match', face: 'not_checked' });
      expect(outcome).toMatchObject({ faceScore: null, liveness: 'not_checked' });
      expect(outcome.details).toEqual({
        documentKind: 'personal_id',
        legacyDocumentKnown: false,
        deceased: false,
        name: 'exact',
        birthDate: 'match',
      });
    });

    it('matches a name written in the other tone-mark style or case', async () => {
      for (const fullName of ['Nguyễn Văn Hoà', 'NGUYỄN VĂN HÒA', '  nguyễn  văn hòa ']) {
        const outcome = await verify(claimOf(HOA, { fullName }));
        expect(outcome.fields.fullName, fullName).toBe('match');
        expect(outcome.details.name, fullName).toBe('same');
      }
      expect((await verify(claimOf(THUY, { fullName: 'Trần Thị Thuỷ' }))).fields.fullName).toBe('match');
    });

    it('rejects a name without diacritics, saying that is the reason', async () => {
      const outcome = await verify(claimOf(HOA, { fullName: 'Nguyen Van Hoa' }));
      expect(outcome.fields.fullName).toBe('no_match');
      expect(outcome.details.name).toBe('diacritics_missing');
    });

    it('rejects a different name', async () => {
      const outcome = await verify(claimOf(HOA, { fullName: 'Nguyễn Văn Hải' }));
      expect(outcome.fields).toMatchObject({ documentNumber: 'match', fullName: 'no_match', birthDate: 'match' });
      expect(outcome.details.name).toBe('different');
    });

    it('tells a swapped day and month from a different birth date', async () => {
      const swapped = await verify(claimOf(HOA, { birthDate: '1990-09-05' }));
      expect(swapped.fields.birthDate).toBe('no_match');
      expect(swapped.details.birthDate).toBe('day_month_swapped');
      const different = await verify(claimOf(HOA, { birthDate: '1991-05-09' }));
      expect(different.fields.birthDate).toBe('no_match');
      expect(different.details.birthDate).toBe('different');
    });

    it('accepts a full birth date against a year-only record, unless the setting says otherwise', async () => {
      const claim = claimOf(CHAU_SOC, { birthDate: '1945-03-02' });
      const outcome = await verify(claim);
      expect(outcome.fields.birthDate).toBe('match');
      expect(outcome.details.birthDate).toBe('compatible');
      const strict = await verify(claim, { compatibleBirthDateMatches: false });
      expect(strict.fields.birthDate).toBe('no_match');
      expect((await verify(claimOf(CHAU_SOC, { birthDate: '1946-03-02' }))).details.birthDate).toBe('different');
    });

    it('answers an unknown document number with no_match and compares nothing else', async () => {
      const outcome = await verify(claimOf(HOA, { documentNumber: '089090999999', faceSample: genuineSample(HOA.faceSeed, seededUniforms(1)) }));
      expect(outcome.fields).toEqual({ documentNumber: 'no_match', fullName: 'not_checked', birthDate: 'not_checked', face: 'not_checked' });
      expect(outcome).toMatchObject({ faceScore: null, liveness: 'not_checked' });
      expect(outcome.details).toMatchObject({ documentKind: 'personal_id', legacyDocumentKnown: false, name: null, birthDate: null });
    });

    it('recognises a known legacy CMND without revealing the personal ID number', async () => {
      const outcome = await verify(claimOf(HOA, { documentNumber: HOA.legacyCmnd ?? '' }));
      expect(outcome.fields).toMatchObject({ documentNumber: 'no_match', fullName: 'match', birthDate: 'match' });
      expect(outcome.details).toMatchObject({ documentKind: 'cmnd9', legacyDocumentKnown: true });
      expect(JSON.stringify(outcome)).not.toContain(HOA.personalId);

      const unknown = await verify(claimOf(HOA, { documentNumber: '999999999' }));
      expect(unknown.details).toMatchObject({ documentKind: 'cmnd9', legacyDocumentKnown: false, name: null });
    });

    it('reports a deceased citizen', async () => {
      const outcome = await verify(claimOf(DAO_DECEASED));
      expect(outcome.details.deceased).toBe(true);
      expect(outcome.fields.documentNumber).toBe('match');
      expect((await verify(claimOf(THUY))).details.deceased).toBe(false);
    });

    it('refuses a request that breaks the contract instead of answering about a person', async () => {
      const service = simulator();
      for (const bad of [
        claimOf(HOA, { birthDate: '1990-02-30' }),
        claimOf(HOA, { documentNumber: '08909000123' }),
        claimOf(HOA, { fullName: '  ' }),
        claimOf(HOA, { faceSample: { template: [1, 2, 3] } }),
      ]) {
        await expect(service.verify(bad)).rejects.toBeInstanceOf(InvalidNationalIdRequestError);
      }
    });
  });

  describe('face and liveness', () => {
    const live: LivenessEvidence = { method: 'passive', presentation: 'live' };

    it('matches genuine captures and rejects impostors, scoring by the threshold', async () => {
      const random = seededUniforms('simulator-face-test');
      const genuine = [];
      const impostor = [];
      for (let i = 0; i < 20; i++) {
        genuine.push(await verify(claimOf(HOA, { faceSample: genuineSample(HOA.faceSeed, random), liveness: live })));
        impostor.push(await verify(claimOf(HOA, { faceSample: impostorSample(HOA.faceSeed, random), liveness: live })));
      }
      for (const outcome of [...genuine, ...impostor]) {
        const score = outcome.faceScore ?? Number.NaN;
        expect(outcome.fields.face).toBe(score >= DEFAULT_FACE_MATCH_THRESHOLD ? 'match' : 'no_match');
        expect(outcome.liveness).toBe('pass');
      }
      // FRR is about 2%: allow one rejection in 20; impostors never pass.
      expect(genuine.filter((o) => o.fields.face === 'match').length).toBeGreaterThanOrEqual(19);
      expect(impostor.filter((o) => o.fields.face === 'match')).toHaveLength(0);
    });

    it('fails liveness for photo, video and mask attacks, even when the face matches', async () => {
      const random = seededUniforms('simulator-pad-test');
      for (const method of ['passive', 'active'] as const) {
        for (const presentation of ['photo', 'video', 'mask'] as const) {
          const outcome = await verify(claimOf(THUY, { faceSample: genuineSample(THUY.faceSeed, random), liveness: { method, presentation } }));
          expect(outcome.liveness, `${method} ${presentation}`).toBe('fail');
        }
      }
    });

    it('lets an attack through when the detector is fooled (configured rates)', async () => {
      const fooled: PadRates = {
        ...DEFAULT_PAD_RATES,
        attackAcceptanceRate: { ...DEFAULT_PAD_RATES.attackAcceptanceRate, passive: { photo: 1, video: 1, mask: 1 } },
      };
      const outcome = await verify(
        claimOf(THUY, { faceSample: genuineSample(THUY.faceSeed, seededUniforms(2)), liveness: { method: 'passive', presentation: 'mask' } }),
        { pad: fooled },
      );
      expect(outcome.liveness).toBe('pass');
    });

    it('compares a face sent without liveness evidence but leaves liveness unchecked', async () => {
      const outcome = await verify(claimOf(THUY, { faceSample: genuineSample(THUY.faceSeed, seededUniforms(3)) }));
      expect(outcome.faceScore).not.toBeNull();
      expect(outcome.liveness).toBe('not_checked');
    });
  });

  describe('batch', () => {
    const knownNumbers = FIXTURE_CITIZENS.flatMap((c) => [c.personalId, ...(c.legacyCmnd ? [c.legacyCmnd] : [])]);
    const recordArb = fc.record({
      documentNumber: fc.oneof(fc.constantFrom(...knownNumbers), fc.stringMatching(/^(\d{9}|\d{12})$/)),
      fullName: fc.constantFrom(...FIXTURE_CITIZENS.map((c) => c.fullName), 'Nguyen Van Hoa', 'Trần Thị Thuỷ', 'Chau Sok', 'Lê Thị Dao'),
      birthDate: fc.constantFrom(...FIXTURE_CITIZENS.map((c) => c.birthDate), '1990-09-05', '1945-07-01', '1945-07', '1995', '1960-02-15'),
    });

    it('answers each record as verify answers it alone', async () => {
      const service = simulator();
      await fc.assert(
        fc.asyncProperty(fc.array(recordArb, { maxLength: 25 }), async (claims) => {
          const records: BatchRecord[] = claims.map((claim, i) => ({ ref: `r${i}`, ...claim }));
          const batch = await service.verifyBatch(records);
          if (batch.status !== 'answered') throw new Error('batch unavailable');
          const single = await Promise.all(records.map(async ({ ref, ...claim }) => {
            const { fields, details } = answered(await service.verify({ ...claim, faceSample: null, liveness: null }));
            return { ref, fields, details };
          }));
          expect(batch.results).toEqual(single);
        }),
        { numRuns: 30 },
      );
    });

    it('answers an empty batch with no results', async () => {
      expect(await simulator().verifyBatch([])).toEqual({ status: 'answered', results: [] });
    });

    it(`answers a full batch of ${MAX_BATCH_SIZE} records`, async () => {
      const records: BatchRecord[] = Array.from({ length: MAX_BATCH_SIZE }, (_, i) => ({
        ref: String(i),
        documentNumber: `0890${String(i).padStart(8, '0')}`,
        fullName: 'Nguyễn Văn Hòa',
        birthDate: '1990',
      }));
      records[1234] = { ref: '1234', documentNumber: HOA.personalId, fullName: HOA.fullName, birthDate: HOA.birthDate };
      const batch = await simulator().verifyBatch(records);
      if (batch.status !== 'answered') throw new Error('batch unavailable');
      expect(batch.results).toHaveLength(MAX_BATCH_SIZE);
      expect(batch.results[1234]?.fields.fullName).toBe('match');
      expect(batch.results.filter((r) => r.fields.documentNumber === 'match')).toHaveLength(1);
    });

    it('rejects an oversize batch and repeated refs with a clear error', async () => {
      const record = { documentNumber: HOA.personalId, fullName: HOA.fullName, birthDate: HOA.birthDate };
      const oversize = Array.from({ length: MAX_BATCH_SIZE + 1 }, (_, i) => ({ ref: `r${i}`, ...record }));
      await expect(simulator().verifyBatch(oversize)).rejects.toThrow(`at most ${MAX_BATCH_SIZE} records`);
      await expect(simulator().verifyBatch([{ ref: 'a', ...record }, { ref: 'a', ...record }])).rejects.toThrow('refs must be unique');
    });
  });

  describe('failure injection', () => {
    it('answers unavailable during an outage and recovers after it', async () => {
      const service = simulator();
      service.setOutage('network');
      expect(await service.verify(claimOf(HOA))).toEqual({ status: 'unavailable', reason: 'network' });
      expect(await service.verifyBatch([])).toEqual({ status: 'unavailable', reason: 'network' });
      service.setOutage(null);
      expect((await service.verify(claimOf(HOA))).status).toBe('answered');
    });

    it('fails at the configured rate', async () => {
      const always = simulator({ unavailableRate: 1, unavailableReason: 'http_error' });
      expect(await always.verify(claimOf(HOA))).toEqual({ status: 'unavailable', reason: 'http_error' });
      const sometimes = simulator({ unavailableRate: 0.3, random: seededUniforms('flaky') });
      const outcomes = await Promise.all(Array.from({ length: 200 }, () => sometimes.verifyBatch([])));
      const failed = outcomes.filter((o) => o.status === 'unavailable').length;
      expect(failed).toBeGreaterThan(30);
      expect(failed).toBeLessThan(90);
    });
  });
});
