/**
 * The built-in national-database simulator: answers verifications from its own population table,
 * with simulated face biometrics and liveness, and injectable outages so callers can exercise
 * their handling of `unavailable`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { cosineSimilarity, DEFAULT_FACE_MATCH_THRESHOLD, faceTemplateFor, seededUniforms, type UniformSource } from './national-id.face.ts';
import { judgeIdentity, type MatchingRules } from './national-id.matching.ts';
import type {
  BatchOutcome,
  BatchRecord,
  LivenessResult,
  NationalIdService,
  Unavailable,
  UnavailableReason,
  VerifyOutcome,
  VerifyRequest,
} from './national-id.port.ts';
import { parseBatchRecords, parseVerifyRequest } from './national-id.schema.ts';
import { DEFAULT_PAD_RATES, detectPresentationAttack, type PadRates } from './national-id.simulator.pad.ts';
import { findCitizensByDocument } from './national-id.simulator.repository.ts';

export interface SimulatorSettings extends MatchingRules {
  /** Cosine similarity from which faces match. */
  faceMatchThreshold: number;
  pad: PadRates;
  /** Share of calls answered `unavailable` at random (flaky network), 0 by default. */
  unavailableRate: number;
  /** The reason given for those random failures. */
  unavailableReason: UnavailableReason;
  /** Drives liveness detection and random failures; seeded by default so demo runs repeat. */
  random: UniformSource;
}

export const DEFAULT_SIMULATOR_SETTINGS: Readonly<Omit<SimulatorSettings, 'random'>> = {
  compatibleBirthDateMatches: true,
  faceMatchThreshold: DEFAULT_FACE_MATCH_THRESHOLD,
  pad: DEFAULT_PAD_RATES,
  unavailableRate: 0,
  unavailableReason: 'timeout',
};

/** The simulator, with a switch to take the national service down (as during an outage). */
export interface SimulatedNationalIdService extends NationalIdService {
  /** Every call answers `unavailable` with `reason` until called again with null. */
  setOutage(reason: UnavailableReason | null): void;
}

/** Creates the simulator over the database holding its population table. */
export function createSimulatorNationalIdService(
  db: { readonly kysely: Kysely<DB> },
  overrides: Partial<SimulatorSettings> = {},
): SimulatedNationalIdService {
  const settings: SimulatorSettings = { ...DEFAULT_SIMULATOR_SETTINGS, random: seededUniforms('nid-simulator'), ...overrides };
  let outage: UnavailableReason | null = null;

  const injectedFailure = (): Unavailable | null => {
    if (outage !== null) return { status: 'unavailable', reason: outage };
    if (settings.unavailableRate > 0 && settings.random() < settings.unavailableRate) {
      return { status: 'unavailable', reason: settings.unavailableReason };
    }
    return null;
  };

  return {
    setOutage(reason) {
      outage = reason;
    },

    async verify(unchecked: VerifyRequest): Promise<VerifyOutcome> {
      const request = parseVerifyRequest(unchecked);
      const failure = injectedFailure();
      if (failure) return failure;
      const citizens = await findCitizensByDocument(db.kysely, [request.documentNumber]);
      const record = citizens.get(request.documentNumber) ?? null;
      const { fields, details } = judgeIdentity(request, record, settings);
      if (record === null || request.faceSample === null) {
        return { status: 'answered', fields, faceScore: null, liveness: 'not_checked', details };
      }
      const faceScore = cosineSimilarity(request.faceSample.template, faceTemplateFor(record.faceSeed));
      const liveness: LivenessResult = request.liveness
        ? detectPresentationAttack(request.liveness, settings.pad, settings.random)
        : 'not_checked';
      return {
        status: 'answered',
        fields: { ...fields, face: faceScore >= settings.faceMatchThreshold ? 'match' : 'no_match' },
        faceScore,
        liveness,
        details,
      };
    },

    async verifyBatch(unchecked: readonly BatchRecord[]): Promise<BatchOutcome> {
      const records = parseBatchRecords(unchecked);
      const failure = injectedFailure();
      if (failure) return failure;
      const citizens = await findCitizensByDocument(db.kysely, records.map((r) => r.documentNumber));
      return {
        status: 'answered',
        results: records.map((r) => ({ ref: r.ref, ...judgeIdentity(r, citizens.get(r.documentNumber) ?? null, settings) })),
      };
    },
  };
}
