// Data of 电子证照 (staff, licences.manage): the list within scope (keyset pages, no totals), one
// licence with its versions and history, and 注销 / 吊销 with a reason.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { LicenceDetail, LicenceEnding, LicencePage, LicenceStatus } from './types';

const PAGE = 30;

export interface LicenceFilter {
  /** 证照编号、证照标识或持证人名称 */
  q?: string;
  /** 持证人身份证号码或统一社会信用代码 (exact) */
  holder?: string;
  status?: LicenceStatus;
}

export function useLicences(filter: LicenceFilter) {
  return useInfiniteQuery({
    queryKey: ['licences', 'list', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<LicencePage>('/api/licences', { ...filter, cursor: pageParam, limit: PAGE }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useLicence(id: string) {
  return useQuery({ queryKey: ['licence', id], queryFn: () => api.get<LicenceDetail>(`/api/licences/${encodeURIComponent(id)}`) });
}

/** 注销 or 吊销: the answer is the licence as it now is. */
export function useEndLicence(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ ending, reason }: { ending: LicenceEnding; reason: string }) => api.post<LicenceDetail>(`/api/licences/${encodeURIComponent(id)}/${ending}`, { reason }),
    onSuccess: (detail) => {
      qc.setQueryData(['licence', id], detail);
      void qc.invalidateQueries({ queryKey: ['licences'] });
    },
  });
}
