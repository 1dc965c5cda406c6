// The one fetch wrapper of the admin app: JSON in and out, the session cookie sent (same origin),
// and RFC 9457 problem+json answers turned into an ApiError whose message people can read.

export interface InvalidParam {
  name: string;
  reason: string;
}

/** An error answer of the server (problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly invalidParams: InvalidParam[] = [],
    /** The whole problem body: some carry more, e.g. `lint` on a refused submission. */
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page): fall back to the status text.
  }
  const detail = typeof body.detail === 'string' ? body.detail : `请求失败 (${res.status} ${res.statusText})`;
  const code = typeof body.code === 'string' ? body.code : 'http-error';
  const params = Array.isArray(body.invalidParams) ? (body.invalidParams as InvalidParam[]) : [];
  return new ApiError(res.status, code, detail, params, body);
}

/**
 * The session's CSRF token, which the server hands over in the tb_csrf cookie (readable by this
 * page's script only; see src/http/security.ts). Every state-changing request sends it back.
 */
function csrfToken(): string | null {
  const match = document.cookie.split('; ').find((c) => c.startsWith('tb_csrf='));
  return match ? decodeURIComponent(match.slice('tb_csrf='.length)) : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  const csrf = SAFE_METHODS.has(method.toUpperCase()) ? null : csrfToken();
  if (csrf) (init.headers as Record<string, string>)['x-csrf-token'] = csrf;
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), init);
  } catch {
    throw new ApiError(0, 'network-error', '网络连接失败，请检查网络后重试 (network error)');
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};

/** A message for people: the detail, then each named field and why. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.invalidParams.map((p) => `${p.name}：${p.reason}`);
    return fields.length ? `${error.detail}（${fields.join('；')}）` : error.detail;
  }
  return error instanceof Error ? error.message : String(error);
}
