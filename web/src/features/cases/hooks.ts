// Data of the workbench (办件工作台): the queue and searches (keyset pages, no totals), one case,
// its messages, the actions on it, window applications and their file uploads.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import type { Implementation, PublicVersion } from '../../api/types';
import type { CaseAction, CaseDetail, CaseFile, CaseMessage, CasePage, HeldLicences, OverdueKind, QueueView, WindowApplication } from './types';

const PAGE = 30;

function pages(key: unknown[], path: string, query: Record<string, string | undefined>, enabled = true) {
  return {
    queryKey: key,
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }: { pageParam: string | undefined }) => api.get<CasePage>(path, { ...query, cursor: pageParam, limit: PAGE }),
    getNextPageParam: (last: CasePage) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  };
}

/** 我的待办: one view of the queue, soonest due first; "加载更多" continues after the last row. */
export function useQueue(view: QueueView) {
  return useInfiniteQuery(pages(['cases', 'queue', view], '/api/cases/queue', { view }));
}

/** Search by case number or applicant name (only when something was typed). */
export function useCaseSearch(q: string) {
  return useInfiniteQuery(pages(['cases', 'search', q], '/api/cases', { q }, q.length > 0));
}

/** 超期监控: overdue acceptances or decisions in the supervisor's scope. */
export function useOverdue(kind: OverdueKind) {
  return useInfiniteQuery(pages(['cases', 'overdue', kind], '/api/cases/overdue', { kind }));
}

export function useCase(id: string) {
  return useQuery({ queryKey: ['case', id], queryFn: () => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`) });
}

/**
 * The messages sent about a case and how far each got. `null` when the server has no message list
 * (404/405: an older server) — the page then says so instead of failing.
 */
export function useCaseMessages(id: string) {
  return useQuery({
    queryKey: ['case', id, 'messages'],
    queryFn: async (): Promise<CaseMessage[] | null> => {
      try {
        return (await api.get<{ items: CaseMessage[] }>(`/api/cases/${encodeURIComponent(id)}/messages`)).items;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
        throw e;
      }
    },
  });
}

/** Takes an action on the case the viewer saw (its version); the answer is the case as it now is. */
export function useCaseAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version, body }: { action: CaseAction; version: number; body: Record<string, unknown> }) =>
      api.post<CaseDetail>(`/api/cases/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, { ...body, version }),
    onSuccess: (detail) => {
      qc.setQueryData(['case', id], detail);
      void qc.invalidateQueries({ queryKey: ['case', id, 'messages'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

/** The implementations (实施清单) the clerk may enter applications for: those in scope with a guide in force. */
export function useApplicableImplementations() {
  return useQuery({
    queryKey: ['cases', 'implementations'],
    queryFn: async () => (await api.get<{ items: Implementation[] }>('/api/catalog/implementations')).items.filter((i) => i.publishedVersion && i.status !== 'retired'),
    staleTime: 5 * 60_000,
  });
}

/** The guide in force today for an implementation: its situations and materials. */
export function useGuideInForce(implementationId: string | undefined) {
  return useQuery({
    queryKey: ['guide-in-force', implementationId],
    enabled: !!implementationId,
    queryFn: () => api.get<PublicVersion>(`/api/catalog/implementations/${encodeURIComponent(implementationId!)}/in-force`),
  });
}

/**
 * 窗口收件: the materials of the chosen situation that the platform holds as the applicant's
 * e-licences (Art. 10(四), Art. 20): shown as provided, never collected. Asked only once the item,
 * the situation and a complete identity number or credit code are known.
 */
export function useHeldLicences(q: { implementationId?: string; situationId?: string; kind: 'person' | 'enterprise'; identity?: string } | null) {
  return useQuery({
    queryKey: ['cases', 'held-licences', q],
    enabled: !!q?.implementationId && !!q.identity,
    queryFn: () =>
      api.get<HeldLicences>('/api/cases/held-licences', {
        implementationId: q!.implementationId,
        situationId: q!.situationId,
        kind: q!.kind,
        ...(q!.kind === 'enterprise' ? { creditCode: q!.identity } : { idNumber: q!.identity }),
      }),
    staleTime: 60_000,
  });
}

export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WindowApplication) => api.post<CaseDetail>('/api/cases', body),
    onSuccess: (detail) => {
      qc.setQueryData(['case', detail.id], detail);
      void qc.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

// The same CSRF cookie api/client.ts reads: XMLHttpRequest is used for uploads because fetch
// reports no upload progress.
function csrfToken(): string | null {
  const match = document.cookie.split('; ').find((c) => c.startsWith('tb_csrf='));
  return match ? decodeURIComponent(match.slice('tb_csrf='.length)) : null;
}

function problemOf(xhr: XMLHttpRequest): ApiError {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(xhr.responseText) as Record<string, unknown>;
  } catch {
    // not JSON
  }
  const detail = typeof body.detail === 'string' ? body.detail : `上传失败 (${xhr.status} ${xhr.statusText})`;
  return new ApiError(xhr.status, typeof body.code === 'string' ? body.code : 'http-error', detail, Array.isArray(body.invalidParams) ? body.invalidParams : [], body);
}

/**
 * Uploads one material file (POST /api/case-files, multipart field "file"). The server keeps a
 * clerk's upload under the clerk until the submission claims it for the applicant.
 */
export function uploadCaseFile(file: File, onProgress: (percent: number) => void): Promise<CaseFile> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/case-files');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as CaseFile);
        } catch {
          reject(new ApiError(xhr.status, 'bad-response', '服务器返回的内容无法识别'));
        }
      } else reject(problemOf(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network-error', '网络连接失败，请检查网络后重试 (network error)'));
    xhr.send(form);
  });
}
