/**
 * Simulated presentation-attack detection (PAD). Real detectors are imperfect both ways, so the
 * simulator is too: live people are sometimes rejected and attacks sometimes slip through, at
 * rates that are settings.
 */
import type { UniformSource } from './national-id.face.ts';
import type { LivenessEvidence, LivenessMethod, PresentationAttack } from './national-id.port.ts';

export interface PadRates {
  /** Share of live people wrongly rejected (BPCER). */
  bonaFideRejectionRate: number;
  /** Share of attacks wrongly accepted (APCER), by method and attack kind. */
  attackAcceptanceRate: Record<LivenessMethod, Record<PresentationAttack, number>>;
}

/**
 * Assumed rates of a good commercial detector: masks are the hardest attack; an active challenge
 * (turn, blink) defeats photos and replays more often than passive analysis.
 */
export const DEFAULT_PAD_RATES: PadRates = {
  bonaFideRejectionRate: 0.02,
  attackAcceptanceRate: {
    passive: { photo: 0.01, video: 0.02, mask: 0.05 },
    active: { photo: 0.002, video: 0.005, mask: 0.03 },
  },
};

/** Decides liveness for one capture. */
export function detectPresentationAttack(evidence: LivenessEvidence, rates: PadRates, random: UniformSource): 'pass' | 'fail' {
  if (evidence.presentation === 'live') return random() < rates.bonaFideRejectionRate ? 'fail' : 'pass';
  return random() < rates.attackAcceptanceRate[evidence.method][evidence.presentation] ? 'pass' : 'fail';
}
