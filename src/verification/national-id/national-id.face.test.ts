import { describe, expect, it } from 'vitest';
import {
  cosineSimilarity,
  DEFAULT_FACE_MATCH_THRESHOLD,
  faceTemplateFor,
  genuineSample,
  impostorSample,
  seededUniforms,
} from './national-id.face.ts';
import { FACE_TEMPLATE_DIMENSIONS } from './national-id.port.ts';

const norm = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('face templates', () => {
  it('derives the same unit vector from the same seed, different ones from different seeds', () => {
    const template = faceTemplateFor(2026);
    expect(template).toHaveLength(FACE_TEMPLATE_DIMENSIONS);
    expect(norm(template)).toBeCloseTo(1, 12);
    expect(faceTemplateFor(2026)).toEqual(template);
    expect(cosineSimilarity(template, faceTemplateFor(2027))).toBeLessThan(DEFAULT_FACE_MATCH_THRESHOLD);
  });

  it('gives reproducible uniform streams in [0, 1)', () => {
    const a = seededUniforms('x');
    const b = seededUniforms('x');
    const values = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });

  it('scores zero vectors as no similarity rather than NaN', () => {
    expect(cosineSimilarity(new Array<number>(4).fill(0), [1, 0, 0, 0])).toBe(0);
  });

  // The Circular's FIDO-style bounds (docs/domain.md, "Verification"), measured on the simulator's own captures.
  it('keeps false rejection under 5% and false acceptance under 0.01% over 150,000 pairs', () => {
    const GENUINE_PAIRS = 50_000;
    const IMPOSTOR_PAIRS = 100_000;
    const random = seededUniforms('frr-far-measurement');
    let falseRejections = 0;
    let falseAcceptances = 0;
    let worstImpostor = -1;
    for (let seed = 0; seed < GENUINE_PAIRS; seed++) {
      if (cosineSimilarity(genuineSample(seed, random).template, faceTemplateFor(seed)) < DEFAULT_FACE_MATCH_THRESHOLD) falseRejections++;
    }
    for (let seed = 0; seed < IMPOSTOR_PAIRS; seed++) {
      const score = cosineSimilarity(impostorSample(seed, random).template, faceTemplateFor(seed));
      worstImpostor = Math.max(worstImpostor, score);
      if (score >= DEFAULT_FACE_MATCH_THRESHOLD) falseAcceptances++;
    }
    const frr = falseRejections / GENUINE_PAIRS;
    const far = falseAcceptances / IMPOSTOR_PAIRS;
    console.log(
      `face matching at threshold ${DEFAULT_FACE_MATCH_THRESHOLD}: FRR ${(frr * 100).toFixed(3)}% (${falseRejections}/${GENUINE_PAIRS}), ` +
        `FAR ${(far * 100).toFixed(4)}% (${falseAcceptances}/${IMPOSTOR_PAIRS}), highest impostor score ${worstImpostor.toFixed(3)}`,
    );
    expect(frr).toBeLessThan(0.05);
    expect(far).toBeLessThan(0.0001);
  });
});
