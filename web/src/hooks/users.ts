/** The province admin's accounts: the list, and each change to it (the list is read again after each). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';
import type { components, paths } from '../api/schema';

export type UserView = components['schemas']['User'];
export type ScopeEntry = components['schemas']['ScopeEntry'];
export type NewUser = NonNullable<paths['/api/v1/users']['post']['requestBody']>['content']['application/json'];

const USERS_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: async () => (await answerOf(api.GET('/api/v1/users'))).users });
}

/** A change to the accounts; the list is read again once it is made. */
function useUserChange<Input, Output>(change: (input: Input) => Promise<Output>) {
  const queries = useQueryClient();
  return useMutation({ mutationFn: change, onSuccess: () => queries.invalidateQueries({ queryKey: USERS_KEY }) });
}

/** The new account and its one-time password (shown once). */
export const useCreateUser = () => useUserChange((body: NewUser) => answerOf(api.POST('/api/v1/users', { body })));

export const useDisableUser = () => useUserChange((id: number) => answerOf(api.POST('/api/v1/users/{id}/disable', { params: { path: { id } } })));

/** A new one-time password (shown once); the second factor is cleared and a disabled account opened again. */
export const useResetPassword = () =>
  useUserChange((id: number) => answerOf(api.POST('/api/v1/users/{id}/reset-password', { params: { path: { id } } })));

export const useSetScopes = () =>
  useUserChange(({ id, scopes }: { id: number; scopes: ScopeEntry[] }) =>
    answerOf(api.PUT('/api/v1/users/{id}/scopes', { params: { path: { id } }, body: { scopes } })),
  );
