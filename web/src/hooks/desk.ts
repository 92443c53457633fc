/**
 * The verification desk: one verification (`POST /verifications`, the person's number and
 * identity in the body, never in an address) and, in a demo, the simulator's capture
 * (`POST /desk/simulated-capture`). Nothing is cached: an answer belongs to the person at the desk
 * and the page drops it for the next one.
 */
import { useMutation } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';
import type { components } from '../api/schema';

export type VerificationRequest = components['schemas']['VerificationRequest'];
export type VerificationAnswer = components['schemas']['VerificationAnswer'];
export type SimulatedCaptureRequest = components['schemas']['SimulatedCaptureRequest'];
export type SimulatedStandIn = SimulatedCaptureRequest['standIn'];
export type FaceSample = components['schemas']['SimulatedCapture']['faceSample'];
export type Liveness = components['schemas']['SimulatedCapture']['liveness'];

/** One verification attempt; outcomes (verified, rejected, otp_required, pending) are answers, refusals ApiProblems. */
export function useSubmitVerification() {
  return useMutation({ mutationFn: (body: VerificationRequest) => answerOf(api.POST('/api/v1/verifications', { body })) });
}

/** The demo's stand-in for a capture device: what its camera would send for whoever stands in front of it. */
export function useSimulatedCapture() {
  return useMutation({ mutationFn: (body: SimulatedCaptureRequest) => answerOf(api.POST('/api/v1/desk/simulated-capture', { body })) });
}
