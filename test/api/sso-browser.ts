// A tiny browser over app.inject for sign-in flows: a cookie jar honouring Path, redirects followed
// while they stay on the app's origin, forms posted url-encoded. Enough to walk the BFF → provider →
// sign-in page → provider → callback chain without a socket.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

export class InjectBrowser {
  private cookies: StoredCookie[] = [];
  readonly origin: string;

  constructor(
    private readonly app: FastifyInstance,
    publicUrl: string,
  ) {
    this.origin = new URL(publicUrl).origin;
  }

  cookie(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name)?.value;
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
    this.cookies.push({ name, value, path });
  }

  private store(response: LightMyRequestResponse): void {
    for (const raw of [response.headers['set-cookie'] ?? []].flat()) {
      const [pair, ...attrs] = String(raw).split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const attr = (key: string) => attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
      const path = attr('path') ?? '/';
      const expired = attr('max-age') === '0' || /1970/.test(attr('expires') ?? '') || value === '';
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (!expired) this.cookies.push({ name, value, path });
    }
  }

  private header(pathname: string): string {
    return this.cookies
      .filter((c) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/')
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** A path on the app for an absolute URL of its origin; null for another origin. */
  local(url: string): string | null {
    const target = new URL(url, this.origin);
    return target.origin === this.origin ? target.pathname + target.search : null;
  }

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<LightMyRequestResponse> {
    const path = this.local(url);
    if (!path) throw new Error(`not on this app: ${url}`);
    const response = await this.app.inject({
      method,
      url: path,
      headers: {
        host: new URL(this.origin).host,
        cookie: this.header(path.split('?')[0]!),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload: form ? new URLSearchParams(form).toString() : undefined,
    });
    this.store(response);
    return response;
  }

  /** Follows redirects on this origin until `stop(path)` says so or a non-redirect answer comes. */
  async follow(response: LightMyRequestResponse, stop: (path: string) => boolean = () => false): Promise<{ response: LightMyRequestResponse; path: string }> {
    let current = response;
    let path = '';
    for (let hops = 0; hops < 20; hops++) {
      const location = current.headers.location;
      if (current.statusCode < 300 || current.statusCode >= 400 || !location) return { response: current, path };
      const next = this.local(String(location));
      if (!next) return { response: current, path: String(location) };
      path = next;
      if (stop(next)) return { response: current, path };
      current = await this.request('GET', next);
    }
    throw new Error('too many redirects');
  }

  async get(url: string, stop?: (path: string) => boolean) {
    return this.follow(await this.request('GET', url), stop);
  }

  async post(url: string, form: Record<string, string>, stop?: (path: string) => boolean) {
    return this.follow(await this.request('POST', url, form), stop);
  }
}

/** The hidden form token of a sign-in page. */
export function formTokenOf(html: string): string {
  const m = /name="token" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no form token on the page');
  return m[1]!;
}

/** The interaction uid from a sign-in page path (/oidc/interaction/<uid>…). */
export function interactionUid(path: string): string {
  const m = /\/oidc\/interaction\/([^/?]+)/.exec(path);
  if (!m) throw new Error(`not a sign-in page: ${path}`);
  return m[1]!;
}
