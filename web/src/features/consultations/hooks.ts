// Data of 咨询登记 (Art. 14): the consultations in the viewer's scope (newest first, keyset pages),
// logging one, answering one, and linking the case a consultation became.
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type * as S from '../../../../src/modules/consultations/schema.js';
import { api } from '../../api/client';

export type Consultation = Static<typeof S.ConsultationSchema>;
export type ConsultationPage = Static<typeof S.ConsultationListResponse>;
export type NewConsultation = Static<typeof S.CreateConsultationBody>;
export type ConsultationChannel = NewConsultation['channel'];

/** The channels in the server's order (src/modules/consultations/rules.ts), with their names. */
export const CONSULT_CHANNELS: { value: ConsultationChannel; label: string }[] = [
  { value: 'window', label: '窗口' },
  { value: 'phone', label: '电话' },
  { value: 'online', label: '网上' },
  { value: 'letter', label: '信函' },
];

export interface ConsultationFilter {
  channel?: ConsultationChannel;
  answered?: boolean;
}

const PAGE = 20;

export function useConsultations(filter: ConsultationFilter) {
  return useInfiniteQuery({
    queryKey: ['consultations', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<ConsultationPage>('/api/consultations', { ...filter, cursor: pageParam, limit: PAGE }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCreateConsultation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewConsultation) => api.post<Consultation>('/api/consultations', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['consultations'] }),
  });
}

export function useAnswerConsultation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: string }) => api.post<Consultation>(`/api/consultations/${encodeURIComponent(id)}/answer`, { answer }),
    // A 409 (answered by a colleague meanwhile) also makes the list worth reloading.
    onSettled: () => qc.invalidateQueries({ queryKey: ['consultations'] }),
  });
}

/** 咨询转申请: records which case the consultation became (POST …/link). */
export function linkConsultation(id: string, caseId: string): Promise<Consultation> {
  return api.post<Consultation>(`/api/consultations/${encodeURIComponent(id)}/link`, { caseId });
}
