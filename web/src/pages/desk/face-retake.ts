/**
 * After an answer, whether the face step must be taken again, and why: a capture the liveness
 * check refused, or a face that did not match. That capture is dropped rather than sent again: a
 * real detector judges the same capture the same way, and re-sending it would only let a printed
 * photo be tried until it slips through.
 */
import type { VerificationAnswer } from '../../hooks/desk.ts';

export type FaceRetake = 'liveness' | 'face';

/** Why the face must be captured again after `answer`, or null when the capture did not fail. */
export function faceRetakeAfter(answer: Pick<VerificationAnswer, 'fields'> | null | undefined): FaceRetake | null {
  if (!answer) return null;
  // A printed photo of the right face matches and fails only the liveness check: that is what to say.
  if (answer.fields.liveness.result === 'fail') return 'liveness';
  if (answer.fields.face.result === 'no_match') return 'face';
  return null;
}
