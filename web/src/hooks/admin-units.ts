/** The province's commune-level units (code, name), for scopes and lines: read once per visit, they change with a merger, not a day. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { answerOf, api } from '../api/client.ts';
import type { components } from '../api/schema';

export type AdminUnit = components['schemas']['AdminUnit'];

export function useAdminUnits() {
  return useQuery({
    queryKey: ['admin-units'],
    queryFn: async () => (await answerOf(api.GET('/api/v1/admin-units/'))).items,
    staleTime: Infinity,
  });
}

/** A commune's name by its code; the code itself while the list loads or for a code it does not know. */
export function useCommuneName(): (code: string) => string {
  const { data: units } = useAdminUnits();
  return useMemo(() => {
    const names = new Map((units ?? []).map((unit) => [unit.code, unit.name]));
    return (code: string) => names.get(code) ?? code;
  }, [units]);
}
