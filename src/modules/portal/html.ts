// A tiny html`` tagged template: every interpolated value is escaped unless it is already Html
// (the result of another html`` or of raw()). Arrays are joined, null/undefined/false render nothing.
// Enough for server-rendered pages without a template engine.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type Renderable = Html | string | number | null | undefined | false | readonly Renderable[];

function render(value: Renderable): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

/** Trusted markup that must not be escaped (an SVG we generated ourselves). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** A query string from the non-empty entries, for links that keep the current filters. */
export function queryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** An href from stored data: only http(s) and site-relative links; anything else (javascript:) becomes '#'. */
export function safeUrl(url: string): string {
  return /^(https?:\/\/|\/(?!\/))/i.test(url.trim()) ? url.trim() : '#';
}
