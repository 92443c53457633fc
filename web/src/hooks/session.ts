/**
 * The signed-in person (`GET /auth/session`: the principal and its CSRF token), and what changes
 * it: sign-in, sign-out, password change, second-factor set-up. Each change refreshes the session
 * query, so the shell's menu (built from `principal.actions`) follows at once.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answerOf, api, rememberCsrfToken } from '../api/client.ts';
import { ApiProblem } from '../api/problem.ts';
import type { paths } from '../api/schema';

type SessionAnswer = paths['/api/v1/auth/session']['get']['responses'][200]['content']['application/json'];
export type SessionPrincipal = SessionAnswer['principal'];
export type SignInRequest = NonNullable<paths['/api/v1/auth/sign-in']['post']['requestBody']>['content']['application/json'];
export type PasswordChange = NonNullable<paths['/api/v1/auth/password']['post']['requestBody']>['content']['application/json'];

const SESSION_KEY = ['session'] as const;

/** The session's principal, or null when nobody is signed in. */
async function fetchSession(): Promise<SessionPrincipal | null> {
  try {
    const session = await answerOf(api.GET('/api/v1/auth/session'));
    rememberCsrfToken(session.csrfToken);
    return session.principal;
  } catch (error) {
    if (error instanceof ApiProblem && error.code === 'NOT_SIGNED_IN') {
      rememberCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

export function useSignIn() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInRequest) => answerOf(api.POST('/api/v1/auth/sign-in', { body })),
    onSuccess: (session) => {
      rememberCsrfToken(session.csrfToken);
      queries.setQueryData(SESSION_KEY, session.principal);
    },
  });
}

export function useSignOut() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => answerOf(api.POST('/api/v1/auth/sign-out')),
    onSuccess: () => {
      rememberCsrfToken(undefined);
      queries.setQueryData(SESSION_KEY, null);
      // Whatever the pages read or kept in this tab (the desk's place) belonged to the person who left.
      queries.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      forgetTabState();
    },
    // The session may have ended already: ask the service who is signed in.
    onError: () => queries.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}

export function useChangePassword() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChange) => answerOf(api.POST('/api/v1/auth/password', { body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => answerOf(api.POST('/api/v1/auth/totp/setup')) });
}

export function useTotpConfirm() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => answerOf(api.POST('/api/v1/auth/totp/confirm', { body: { code } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}

/** The tab's sessionStorage holds only what pages keep for the signed-in person (the desk's place and channel). */
function forgetTabState(): void {
  try {
    sessionStorage.clear();
  } catch {
    // Storage refused: nothing was kept.
  }
}
