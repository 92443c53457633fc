/**
 * Simulated face biometrics. Every citizen's face is a deterministic unit vector derived from
 * their face seed; a capture is that vector plus noise whose strength varies with capture quality
 * (light, pose, camera). Faces match when the cosine similarity reaches a threshold.
 *
 * The model is tuned so that, on its own genuine and impostor captures, false rejection stays
 * under 5% and false acceptance under 0.01% (the FIDO-style rates of Circular 08/2026, docs/domain.md,
 * "Verification"): with 128 dimensions two unrelated faces have a cosine of about N(0, 1/128), so 0.42 is
 * 4.75 standard deviations away, while a typical genuine capture scores about 0.7.
 */
import { createHash } from 'node:crypto';
import { FACE_TEMPLATE_DIMENSIONS, type FaceSample } from './national-id.port.ts';

/** Uniform numbers in [0, 1). */
export type UniformSource = () => number;

/** Cosine similarity at or above which two face templates are the same person. */
export const DEFAULT_FACE_MATCH_THRESHOLD = 0.42;

/**
 * Capture noise: its standard deviation per dimension is `median × e^(spread × N(0,1))`, a
 * log-normal spread so that a few captures are poor (the false rejections).
 */
export const CAPTURE_NOISE = { median: 0.085, spread: 0.35 } as const;

const UINT32 = 2 ** 32;
// One SHAKE256 squeeze gives exactly the uniforms one template needs.
const UNIFORMS_PER_BLOCK = FACE_TEMPLATE_DIMENSIONS;

/**
 * A reproducible stream of uniforms for a label: SHAKE256 of `label:block`, read as 32-bit words.
 * The same label gives the same stream on every machine, with no generator state to share.
 */
export function seededUniforms(label: string | number): UniformSource {
  let block = 0;
  let bytes = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset === bytes.length) {
      bytes = createHash('shake256', { outputLength: UNIFORMS_PER_BLOCK * 4 })
        .update(`${label}:${block}`)
        .digest();
      block += 1;
      offset = 0;
    }
    const word = bytes.readUInt32LE(offset);
    offset += 4;
    return word / UINT32;
  };
}

/** The enrolled face template of the citizen with this face seed: a unit vector. */
export function faceTemplateFor(faceSeed: number): number[] {
  return normalize(gaussians(seededUniforms(`face-template:${faceSeed}`), FACE_TEMPLATE_DIMENSIONS));
}

/**
 * A capture of the citizen's own face, as the device would compute it. `quality` in standard
 * deviations of the capture noise (0: a typical capture, positive: worse); drawn at random unless given.
 */
export function genuineSample(faceSeed: number, random: UniformSource, quality: number = gaussians(random, 1)[0] ?? 0): FaceSample {
  const template = faceTemplateFor(faceSeed);
  const sigma = CAPTURE_NOISE.median * Math.exp(CAPTURE_NOISE.spread * quality);
  const noise = gaussians(random, FACE_TEMPLATE_DIMENSIONS);
  return { template: normalize(template.map((value, i) => value + sigma * (noise[i] ?? 0))) };
}

/** A genuine capture of somebody else: someone presenting themselves as the citizen with `claimedFaceSeed`. */
export function impostorSample(claimedFaceSeed: number, random: UniformSource): FaceSample {
  let otherSeed = claimedFaceSeed;
  while (otherSeed === claimedFaceSeed) otherSeed = Math.floor(random() * UINT32);
  return genuineSample(otherSeed, random);
}

/** Cosine similarity in [-1, 1]; 0 when either vector is all zeros (nothing to compare). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  if (normA === 0 || normB === 0) return 0;
  // Rounding can push |cos| a hair above 1, which the contract's range would reject.
  return Math.max(-1, Math.min(1, dot / Math.sqrt(normA * normB)));
}

/** `count` standard normal numbers (Box–Muller, both outputs of each pair used). */
function gaussians(random: UniformSource, count: number): number[] {
  const out: number[] = [];
  while (out.length < count) {
    const radius = Math.sqrt(-2 * Math.log(1 - random())); // 1 − u is in (0, 1]: no log(0)
    const angle = 2 * Math.PI * random();
    out.push(radius * Math.cos(angle), radius * Math.sin(angle));
  }
  out.length = count;
  return out;
}

function normalize(vector: number[]): number[] {
  const length = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return vector.map((x) => x / length);
}
