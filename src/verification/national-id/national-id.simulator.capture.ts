/**
 * What a desk's camera would send for whoever stands in front of it, for a demo that has no
 * camera: built from the simulator's own stand-ins, so the demo's desk verifies the person, finds
 * someone else's face not matching, and sees a printed photo fail the liveness check, as the
 * simulator judges each. Demo only; no image exists anywhere, only the template a device computes.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SimulatedStandIn } from '../../domain/index.ts';
import { genuineSample, impostorSample, type UniformSource } from './national-id.face.ts';
import type { FaceSample, LivenessEvidence } from './national-id.port.ts';
import { findCitizensByDocument } from './national-id.simulator.repository.ts';

export interface SimulatedCapture {
  faceSample: FaceSample;
  liveness: LivenessEvidence;
}

// A desk's steady camera and light: a typical capture, not one of the poor ones a phone makes.
const DESK_QUALITY = 0;
const UINT32 = 2 ** 32;

/**
 * The capture of `standIn` for the holder of `documentNumber` (digits as on the card). A document
 * the population table does not hold still gets a face, one nobody is enrolled with.
 */
export async function simulatedCapture(
  db: { readonly kysely: Kysely<DB> },
  documentNumber: string,
  standIn: SimulatedStandIn,
  random: UniformSource = Math.random,
): Promise<SimulatedCapture> {
  const digits = documentNumber.replace(/\D/g, '');
  const citizen = (await findCitizensByDocument(db.kysely, [digits])).get(digits);
  const faceSeed = citizen?.faceSeed ?? Math.floor(random() * UINT32);
  // Active liveness (turn, blink): what a desk's capture app asks for.
  switch (standIn) {
    case 'person':
      return { faceSample: genuineSample(faceSeed, random, DESK_QUALITY), liveness: { method: 'active', presentation: 'live' } };
    case 'someone_else':
      return { faceSample: impostorSample(faceSeed, random), liveness: { method: 'active', presentation: 'live' } };
    case 'printed_photo':
      // The photo is of the right face; only the presentation-attack check can tell.
      return { faceSample: genuineSample(faceSeed, random, DESK_QUALITY), liveness: { method: 'active', presentation: 'photo' } };
  }
}
