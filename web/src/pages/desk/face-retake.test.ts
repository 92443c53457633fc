import { describe, expect, it } from 'vitest';
import type { VerificationAnswer } from '../../hooks/desk.ts';
import { faceRetakeAfter } from './face-retake.ts';

type Result = VerificationAnswer['fields']['face']['result'];
const RESULTS: readonly Result[] = ['match', 'no_match', 'not_checked', 'pass', 'fail'];

function answer(face: Result, liveness: Result): Pick<VerificationAnswer, 'fields'> {
  const field = (result: Result) => ({ required: true, result, code: 'x', message: '' });
  return {
    fields: { documentNumber: field('match'), fullName: field('match'), birthDate: field('match'), face: field(face), liveness: field(liveness) },
  } as Pick<VerificationAnswer, 'fields'>;
}

describe('faceRetakeAfter', () => {
  it('asks for the face again after a refused liveness check, whatever the face said (a printed photo of the right face matches)', () => {
    for (const face of RESULTS) expect(faceRetakeAfter(answer(face, 'fail')), face).toBe('liveness');
  });

  it('asks for the face again when it did not match and the liveness check did not refuse it', () => {
    for (const liveness of RESULTS.filter((r) => r !== 'fail')) expect(faceRetakeAfter(answer('no_match', liveness)), liveness).toBe('face');
  });

  it('keeps a capture that did not fail, and asks nothing before any answer', () => {
    for (const face of RESULTS.filter((r) => r !== 'no_match')) {
      for (const liveness of RESULTS.filter((r) => r !== 'fail')) expect(faceRetakeAfter(answer(face, liveness)), `${face}/${liveness}`).toBeNull();
    }
    expect(faceRetakeAfter(null)).toBeNull();
    expect(faceRetakeAfter(undefined)).toBeNull();
  });
});
