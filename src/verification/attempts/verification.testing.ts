/**
 * Test support: citizens in the simulator, lines registered to them, and the service wired to
 * the simulator with a detector that never errs and a clock the test moves.
 */
import { canonicalName } from '../../domain/index.ts';
import type { Database } from '../../db/open.ts';
import type { NewSubscriber } from '../../db/schema.ts';
import { faceTemplateFor, createSimulatorNationalIdService, type FaceSample, type SimulatedNationalIdService } from '../national-id/index.ts';
import type { PadRates } from '../national-id/index.ts';
import { insertCitizens } from '../national-id/national-id.simulator.testing.ts';
import type { PopulationRecord } from '../national-id/national-id.matching.ts';
import { testPrincipal } from '../../access/access.testing.ts';
import type { Principal, VerificationChannel } from '../../domain/index.ts';
import { CHANNELS_OF_ROLE } from '../../domain/index.ts';
import { submitVerification, type VerificationDeps, type VerificationRequest } from './verification.service.ts';
import { DEFAULT_VERIFICATION_SETTINGS, type VerificationSettings } from './verification.settings.ts';

/** A detector that never errs, so liveness assertions do not depend on chance. */
export const PERFECT_PAD: PadRates = {
  bonaFideRejectionRate: 0,
  attackAcceptanceRate: { passive: { photo: 0, video: 0, mask: 0 }, active: { photo: 0, video: 0, mask: 0 } },
};

/** 10:00 in Vietnam: inside the send window. */
export const T0 = new Date('2026-05-10T03:00:00.000Z');

let serial = 0;

/** A fresh citizen (unique ID, face) written into the simulator's population table. */
export async function newCitizen(db: Database, changes: Partial<PopulationRecord> = {}): Promise<PopulationRecord> {
  serial += 1;
  const citizen: PopulationRecord = {
    personalId: `089090${String(serial).padStart(6, '0')}`,
    legacyCmnd: null,
    fullName: 'Nguyễn Văn Hòa',
    birthDate: '1990-05-09',
    deceasedOn: null,
    faceSeed: 10_000 + serial,
    ...changes,
  };
  await insertCitizens(db, [citizen]);
  return citizen;
}

let lineSerial = 0;

/** Registers a line to the citizen (as the carrier holds it); returns its id and number. */
export async function newLine(
  db: Database,
  citizen: PopulationRecord,
  changes: Partial<NewSubscriber> = {},
): Promise<{ id: number; msisdn: string }> {
  lineSerial += 1;
  const msisdn = `091${String(lineSerial).padStart(7, '0')}`;
  const fullName = changes.full_name ?? citizen.fullName;
  const row = await db.kysely
    .insertInto('subscribers')
    .values({
      msisdn,
      carrier: 'vinaphone',
      line_class: 'h2h',
      holder_kind: 'citizen',
      document_type: 'personal_id',
      document_number: citizen.personalId,
      birth_date: citizen.birthDate,
      birth_precision: citizen.birthDate.length === 10 ? 'day' : citizen.birthDate.length === 7 ? 'month' : 'year',
      sex: 'male',
      commune_code: null,
      imei: null,
      registered_at: '2024-01-01T00:00:00.000Z',
      ...changes,
      full_name: fullName,
      name_key: canonicalName(fullName),
    })
    .returning(['id', 'msisdn'])
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), msisdn: row.msisdn };
}

export const genuineFace = (citizen: PopulationRecord): FaceSample => ({ template: faceTemplateFor(citizen.faceSeed) });
export const otherFace = (citizen: PopulationRecord): FaceSample => ({ template: faceTemplateFor(citizen.faceSeed + 7_777_777) });

/** The service wired to the simulator, with a clock the test moves (`clock.at`). */
export function testDeps(db: Database, settings: Partial<VerificationSettings> = {}) {
  const nationalId: SimulatedNationalIdService = createSimulatorNationalIdService(db, { pad: PERFECT_PAD });
  const clock = { at: T0 };
  const deps: VerificationDeps = {
    db,
    nationalId,
    settings: { ...DEFAULT_VERIFICATION_SETTINGS, ...settings },
    now: () => clock.at,
  };
  return { deps, nationalId, clock };
}

let clientSerial = 0;

/**
 * A request with the citizen's exact identity, face and a live capture, with the consent a desk
 * collects (machine pushes' is ignored), from a client address of its own (tests of the
 * per-client limit pass theirs).
 */
export function requestFor(
  citizen: PopulationRecord,
  msisdn: string,
  changes: Partial<VerificationRequest> = {},
): VerificationRequest {
  clientSerial += 1;
  return {
    client: `10.${(clientSerial >> 16) & 255}.${(clientSerial >> 8) & 255}.${clientSerial & 255}`,
    msisdn,
    channel: 'vneid',
    identity: { documentNumber: citizen.personalId, fullName: citizen.fullName, birthDate: citizen.birthDate },
    faceSample: genuineFace(citizen),
    liveness: { method: 'active', presentation: 'live' },
    consent: true,
    ...changes,
  };
}

/**
 * A principal whose role submits through `channel`, reaching the whole province: for tests of the
 * verification rules; who may submit what is verification.channel-policy.test.ts's.
 */
export function principalFor(channel: VerificationChannel): Principal {
  const role = (Object.keys(CHANNELS_OF_ROLE) as (keyof typeof CHANNELS_OF_ROLE)[]).find((r) => CHANNELS_OF_ROLE[r]?.includes(channel));
  if (!role) throw new Error(`no role submits through ${channel}`);
  return testPrincipal(role, 'province', `test.${channel}`);
}

/** {@link submitVerification} as a principal the request's channel allows ({@link principalFor}). */
export function submitAs(deps: VerificationDeps, request: VerificationRequest) {
  return submitVerification(deps, principalFor(request.channel), request);
}
