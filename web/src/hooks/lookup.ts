/**
 * The look-up: a line by its number or a person's lines by their document, both in the request's
 * body (never in an address); a line by its opaque id; and the reveal, with its reason. Masked
 * answers are kept for the visit (the search's, so the list is there again after opening a line);
 * an answer in clear is never cached: the page that asked holds it and drops it when left.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answerOf, api } from '../api/client.ts';
import type { components } from '../api/schema';

export type LookupAnswer = components['schemas']['LookupAnswer'];
export type LineView = LookupAnswer['lines'][number];
export type LookupSearch = { by: 'line'; msisdn: string } | { by: 'person'; document: string };

const SEARCH_KEY = ['lookup', 'search'] as const;
const lineKey = (id: number) => ['lookup', 'line', id] as const;

function search(request: LookupSearch): Promise<LookupAnswer> {
  return request.by === 'line'
    ? answerOf(api.POST('/api/v1/lines/search', { body: { msisdn: request.msisdn } }))
    : answerOf(api.POST('/api/v1/persons/search', { body: { document: request.document } }));
}

/** Runs a search; its answer becomes the page's last search, and each line it found can open at once. */
export function useLookupSearch() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: search,
    onSuccess: (answer, request) => {
      queries.setQueryData(SEARCH_KEY, { by: request.by, answer });
      for (const line of answer.lines) queries.setQueryData<LineView | null>(lineKey(line.id), line);
    },
  });
}

/** The last search of this visit (masked), or undefined. */
export function useLastSearch() {
  return useQuery<{ by: LookupSearch['by']; answer: LookupAnswer } | null>({ queryKey: SEARCH_KEY, queryFn: () => null, enabled: false, staleTime: Infinity });
}

/** One line by its id, masked; SUBSCRIBER_NOT_FOUND for an unknown id and for a line outside the caller's scope alike. */
export function useLine(id: number) {
  return useQuery<LineView | null>({
    queryKey: lineKey(id),
    queryFn: async () => (await answerOf(api.GET('/api/v1/lines/{id}', { params: { path: { id: String(id) } } }))).lines[0] ?? null,
  });
}

/** The line in clear, with the reason the person gave (the service audits it first). */
export function useRevealLine(id: number) {
  return useMutation({
    mutationFn: async (reason: string) => (await answerOf(api.POST('/api/v1/lines/{id}/reveal', { params: { path: { id: String(id) } }, body: { reason } }))).lines[0] ?? null,
  });
}
