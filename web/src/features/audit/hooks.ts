// Queries of the audit trail (src/modules/audit/routes.ts): search pages, export links, verification.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { api, withQuery } from '../../api/client';
import type { ActorListSchema, AuditPageSchema, FilterOptionsSchema, VerifyResponse } from '../../../../src/modules/audit/schema.js';

export type AuditPage = Static<typeof AuditPageSchema>;
export type FilterOptions = Static<typeof FilterOptionsSchema>;
export type AuditActor = Static<typeof ActorListSchema>['items'][number];
export type AuditRecord = AuditPage['items'][number];
export type Verdict = Static<typeof VerifyResponse>;

/** The search form's values, as the API names them (empty fields left out). */
export interface AuditFilters {
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}

const PAGE_SIZE = 50;

/** Newest first; each "load more" continues after the last record shown (keyset cursor). */
export function useAuditSearch(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => api.get<AuditPage>('/api/audit', { ...filters, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function exportUrl(format: 'csv' | 'json', filters: AuditFilters): string {
  return withQuery('/api/audit/export', { format, ...filters });
}

/** The actions and object types by their Chinese names; they change only with a new release. */
export function useFilterOptions() {
  return useQuery({ queryKey: ['audit', 'filter-options'], queryFn: () => api.get<FilterOptions>('/api/audit/filter-options'), staleTime: Infinity });
}

/** Staff of the auditor's scope whose name or username contains `q` (the 操作人 picker). */
export function useAuditActors(q: string) {
  return useQuery({
    queryKey: ['audit', 'actors', q],
    queryFn: () => api.get<Static<typeof ActorListSchema>>('/api/audit/actors', { q, limit: 20 }),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<Verdict>('/api/audit/verify') });
}
