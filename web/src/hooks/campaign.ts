import { useQuery } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';

/** Today in the campaign (day N, days left), for the header; refreshed every few minutes as days turn. */
export function useCampaignToday() {
  return useQuery({
    queryKey: ['campaign', 'today'],
    queryFn: () => answerOf(api.GET('/api/v1/campaign/today')),
    staleTime: 5 * 60_000,
    refetchInterval: 5 * 60_000,
  });
}
