import { describe, expect, it } from 'vitest';
import { seededUniforms } from './national-id.face.ts';
import type { LivenessEvidence } from './national-id.port.ts';
import { DEFAULT_PAD_RATES, detectPresentationAttack } from './national-id.simulator.pad.ts';

const passShare = (evidence: LivenessEvidence, draws: number) => {
  const random = seededUniforms(`pad:${evidence.method}:${evidence.presentation}`);
  let passed = 0;
  for (let i = 0; i < draws; i++) if (detectPresentationAttack(evidence, DEFAULT_PAD_RATES, random) === 'pass') passed++;
  return passed / draws;
};

describe('simulated presentation-attack detection', () => {
  it('rejects live people at the bona fide rejection rate', () => {
    const rejected = 1 - passShare({ method: 'passive', presentation: 'live' }, 20_000);
    expect(rejected).toBeCloseTo(DEFAULT_PAD_RATES.bonaFideRejectionRate, 2);
  });

  it('accepts each attack at its own rate, lower with an active challenge', () => {
    for (const method of ['passive', 'active'] as const) {
      for (const presentation of ['photo', 'video', 'mask'] as const) {
        const accepted = passShare({ method, presentation }, 20_000);
        expect(accepted, `${method} ${presentation}`).toBeCloseTo(DEFAULT_PAD_RATES.attackAcceptanceRate[method][presentation], 2);
      }
    }
  });
});
