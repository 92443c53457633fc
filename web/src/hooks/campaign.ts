import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';
import type { components, paths } from '../api/schema';

/** Today in the campaign (day N, days left), for the header; refreshed every few minutes as days turn. */
export function useCampaignToday() {
  return useQuery({
    queryKey: ['campaign', 'today'],
    queryFn: () => answerOf(api.GET('/api/v1/campaign/today')),
    staleTime: 5 * 60_000,
    refetchInterval: 5 * 60_000,
  });
}

export type CampaignView = components['schemas']['Campaign'];
export type CampaignTargetView = components['schemas']['CampaignTarget'];
export type TargetRequest = NonNullable<paths['/api/v1/campaign/targets/{code}']['put']['requestBody']>['content']['application/json'];
export type FiguresView = components['schemas']['Figures'];

const CAMPAIGN_KEY = ['campaign', 'current'] as const;

/** Today's campaign with its weeks and targets. */
export function useCampaign() {
  return useQuery({ queryKey: CAMPAIGN_KEY, queryFn: () => answerOf(api.GET('/api/v1/campaign')) });
}

/** The live figures by commune and carrier (stocks now), within the reader's scope. */
export function useFiguresByPlace() {
  return useQuery({ queryKey: ['figures', 'commune,carrier'], queryFn: () => answerOf(api.GET('/api/v1/figures', { params: { query: { by: 'commune,carrier' } } })), refetchInterval: 60_000 });
}

/** A change to the targets; the campaign is read again once it is made. */
function useTargetChange<Input, Output>(change: (input: Input) => Promise<Output>) {
  const queries = useQueryClient();
  return useMutation({ mutationFn: change, onSuccess: () => queries.invalidateQueries({ queryKey: CAMPAIGN_KEY }) });
}

export const useSetTarget = () =>
  useTargetChange(({ code, body }: { code: string; body: TargetRequest }) => answerOf(api.PUT('/api/v1/campaign/targets/{code}', { params: { path: { code } }, body })));

export const useRemoveTarget = () =>
  useTargetChange((code: string) => answerOf(api.DELETE('/api/v1/campaign/targets/{code}', { params: { path: { code } } })));

export type ProjectionView = components['schemas']['Projection'];

/** Where the pace leads, per commune and overall, within the reader's scope. */
export function useProjection() {
  return useQuery({ queryKey: ['figures', 'projection'], queryFn: () => answerOf(api.GET('/api/v1/figures/projection')), refetchInterval: 60_000 });
}

/** The live figures by one dimension (day: from the campaign's first day to today). */
export function useFiguresBy(by: 'day' | 'carrier') {
  return useQuery({ queryKey: ['figures', by], queryFn: () => answerOf(api.GET('/api/v1/figures', { params: { query: { by } } })), refetchInterval: 60_000 });
}
