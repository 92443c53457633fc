/** The citizen's self-check: a code to the number, the answer with it (then with the session), the report. */
import { useMutation } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';
import type { components } from '../api/schema';

export type SelfCheckAnswer = components['schemas']['SelfCheckAnswer'];
export type ReportedField = components['schemas']['SelfCheckReport']['wrong'][number];

export function useRequestSelfCheckCode() {
  return useMutation({ mutationFn: (msisdn: string) => answerOf(api.POST('/api/v1/selfcheck/otp', { body: { msisdn } })) });
}

export function useSelfCheckWithCode() {
  return useMutation({
    mutationFn: (body: { challengeId: string; otp: string }) => answerOf(api.POST('/api/v1/selfcheck', { body })),
  });
}

export function useSelfCheckReport() {
  return useMutation({
    mutationFn: (body: { sessionToken: string; wrong: ReportedField[] }) => answerOf(api.POST('/api/v1/selfcheck/report', { body })),
  });
}
