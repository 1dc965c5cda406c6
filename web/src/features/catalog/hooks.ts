// Queries and mutations of the catalog API (src/modules/catalog/routes.ts).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Consistency,
  CreateItemInput,
  Diff,
  GuideDraft,
  GuideVersion,
  Implementation,
  ImplementationDetail,
  Item,
  ItemDetail,
  LintResult,
  Org,
  ReviewQueue,
  Simplification,
} from '../../api/types';

export function useOrgs() {
  return useQuery({
    queryKey: ['orgs'],
    queryFn: async () => (await api.get<{ items: Org[] }>('/api/orgs')).items,
    staleTime: 5 * 60_000,
  });
}

export function useItems(filter: { q?: string; type?: string; parentId?: string } = {}) {
  return useQuery({
    queryKey: ['items', filter],
    queryFn: async () => (await api.get<{ items: Item[] }>('/api/catalog/items', filter)).items,
    placeholderData: keepPreviousData,
  });
}

export function useItem(id: string | undefined) {
  return useQuery({
    queryKey: ['item', id],
    queryFn: () => api.get<ItemDetail>(`/api/catalog/items/${id}`),
    enabled: !!id,
  });
}

export function useCreateItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateItemInput) => api.post<Item>('/api/catalog/items', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['items'] }),
  });
}

export function useAddImplementation(itemId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (orgId: string) => api.post<Implementation>(`/api/catalog/items/${itemId}/implementations`, { orgId }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['item', itemId] });
      qc.invalidateQueries({ queryKey: ['items'] });
    },
  });
}

export function useImplementation(id: string | undefined) {
  return useQuery({
    queryKey: ['implementation', id],
    queryFn: () => api.get<ImplementationDetail>(`/api/catalog/implementations/${id}`),
    enabled: !!id,
  });
}

export function useCreateDraft(implementationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (content?: GuideDraft) =>
      api.post<GuideVersion>(`/api/catalog/implementations/${implementationId}/drafts`, content ? { content } : {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['implementation', implementationId] }),
  });
}

export function useGuideVersion(id: string | undefined) {
  return useQuery({
    queryKey: ['guide-version', id],
    queryFn: () => api.get<GuideVersion>(`/api/catalog/guide-versions/${id}`),
    enabled: !!id,
  });
}

export function useSaveGuideVersion(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { content: GuideDraft; changeReason?: string }) => api.put<GuideVersion>(`/api/catalog/guide-versions/${id}`, body),
    onSuccess: (v) => {
      qc.setQueryData(['guide-version', id], v);
      qc.invalidateQueries({ queryKey: ['implementation', v.implementationId] });
    },
  });
}

function useVersionAction<B>(id: string, action: 'submit' | 'publish' | 'return') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<GuideVersion>(`/api/catalog/guide-versions/${id}/${action}`, body),
    onSuccess: (v) => {
      qc.setQueryData(['guide-version', id], v);
      qc.invalidateQueries({ queryKey: ['implementation', v.implementationId] });
      qc.invalidateQueries({ queryKey: ['review-queue'] });
      qc.invalidateQueries({ queryKey: ['item'] });
    },
  });
}

export const useSubmitVersion = (id: string) => useVersionAction<{ changeReason: string; effectiveFrom?: string }>(id, 'submit');
export const usePublishVersion = (id: string) => useVersionAction<{ effectiveFrom?: string; comment?: string }>(id, 'publish');
export const useReturnVersion = (id: string) => useVersionAction<{ comment: string }>(id, 'return');

export function lintGuide(content: GuideDraft, itemId?: string) {
  return api.post<LintResult>('/api/catalog/lint', { content, itemId });
}

export function useReviewQueue() {
  return useQuery({ queryKey: ['review-queue'], queryFn: () => api.get<ReviewQueue>('/api/catalog/review-queue') });
}

export function useDiff(id: string | undefined, against: string | undefined) {
  return useQuery({
    queryKey: ['diff', id, against],
    queryFn: () => api.get<Diff>(`/api/catalog/guide-versions/${id}/diff`, { against }),
    enabled: !!id && !!against && id !== against,
  });
}

export function useConsistency(itemId: string | undefined) {
  return useQuery({
    queryKey: ['consistency', itemId ?? 'all'],
    queryFn: () => api.get<Consistency>('/api/catalog/consistency', { itemId }),
  });
}

export function useSimplification(filter: { itemId?: string; orgId?: string }) {
  return useQuery({
    queryKey: ['simplification', filter],
    queryFn: () => api.get<Simplification>('/api/catalog/simplification', filter),
    placeholderData: keepPreviousData,
  });
}
