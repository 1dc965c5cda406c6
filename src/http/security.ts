// Browser-facing protections (docs/security.md): CSRF protection of state-changing requests, the
// security headers and content security policy of every answer, and the cookie settings.
//
// CSRF (跨站请求伪造): an unsafe request (POST/PUT/PATCH/DELETE) under /api that carries a session
// cookie must send X-CSRF-Token equal to the session's token — derived from the session token, so it
// is per session and never stored; the tb_csrf cookie (readable by the page's script, not HttpOnly)
// hands it to the admin app. Any unsafe /api request whose Origin (or, lacking one, Referer) names
// another host is refused as well, which also stops sign-in forgery. Requests with an Authorization
// header (machine clients with Bearer tokens) are exempt: a browser cannot add that header across
// sites without a CORS preflight we never grant. Server-rendered forms use issueFormToken/verifyFormToken.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { SESSION_COOKIE } from './auth.js';
import { DomainError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Opt a route out of the CSRF check (say why beside it): e.g. an OAuth token endpoint called by other origins. */
    csrfExempt?: boolean;
  }
}

export const CSRF_COOKIE = 'tb_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const FORM_COOKIE = 'tb_form';
export const FORM_FIELD = '_csrf';
/** Cookies that authenticate a browser: staff (tb_session) and applicants (tb_applicant). */
export const SESSION_COOKIES = [SESSION_COOKIE, 'tb_applicant'] as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Served over TLS (PUBLIC_URL is https://, also behind a TLS-terminating proxy): cookies get Secure. */
export const servedOverTls = (config: Config) => config.publicUrl.startsWith('https://');

/** The session cookie: HttpOnly, SameSite=Lax (top-level links from other sites keep the session), Secure over TLS. */
export function sessionCookieOptions(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: servedOverTls(config) };
}

/** The CSRF token of a session: derived from its (secret) token, so it needs no storage. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`tongban-csrf\0${sessionToken}`).digest('base64url');
}

/** Sets the staff session cookie and its CSRF cookie (sign-in, password change, OIDC BFF). */
export function setSessionCookies(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(config));
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(token), { ...sessionCookieOptions(config), httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
  reply.clearCookie(CSRF_COOKIE, { ...sessionCookieOptions(config), httpOnly: false });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether the request comes from the platform's own pages: its Origin (or Referer) names this host
 * (as the browser addressed it, or PUBLIC_URL's). Requests with neither header (curl, servers) pass:
 * the session cookie is SameSite=Lax, and the token check still applies to them.
 */
export function sameOriginOrAbsent(request: FastifyRequest, config: Config): boolean {
  const source = request.headers.origin ?? request.headers.referer;
  if (!source) return true;
  let host: string;
  try {
    host = new URL(source).host;
  } catch {
    return false; // "null" (sandboxed frames, file:) and garbage
  }
  // URL drops a default port (:80, :443) that a Host header may carry.
  const ours = [request.host, new URL(config.publicUrl).host].map((h) => h.replace(/:(80|443)$/, ''));
  return ours.includes(host);
}

const crossOrigin = () =>
  new DomainError(403, 'cross-origin-request', '拒绝来自其他网站的请求 (request from another site refused)');
const csrfMissing = () =>
  new DomainError(403, 'csrf-token-invalid', '请求缺少有效的防伪令牌，请刷新页面后重试 (missing or wrong X-CSRF-Token; reload the page and try again)');

/** The session cookie this request authenticates with (the first present), and its value. */
function sessionCookieOf(request: FastifyRequest): string | null {
  for (const name of SESSION_COOKIES) {
    const value = request.cookies?.[name];
    if (value) return value;
  }
  return null;
}

function checkCsrf(request: FastifyRequest, config: Config, session: string | null): void {
  if (SAFE_METHODS.has(request.method)) return;
  if (!request.url.startsWith('/api/')) return; // pages with forms check their own form token
  if (!request.routeOptions.url) return; // no such route: let it be a 404
  if (request.routeOptions.config?.csrfExempt) return;
  if (request.headers.authorization) return;
  if (!sameOriginOrAbsent(request, config)) throw crossOrigin();
  if (!session) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameText(sent, csrfTokenFor(session))) throw csrfMissing();
}

// ——— form tokens for server-rendered pages (setup, OIDC login, portal “我的”) ———

/** A form token for a server-rendered form: put it in a hidden field named FORM_FIELD. */
export function issueFormToken(request: FastifyRequest, reply: FastifyReply, config: Config): string {
  const existing = request.cookies?.[FORM_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(FORM_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: servedOverTls(config) });
  return token;
}

/** Whether a submitted form came from our own page: same origin and the form token matches its cookie. */
export function verifyFormToken(request: FastifyRequest, config: Config, submitted: unknown): boolean {
  const cookie = request.cookies?.[FORM_COOKIE];
  return sameOriginOrAbsent(request, config) && typeof submitted === 'string' && !!cookie && sameText(submitted, cookie);
}

// ——— headers ———

/** The public portal pages other government sites may frame (政务服务入口): home, search, guides, kiosk. */
export function isEmbeddablePage(pathname: string): boolean {
  return pathname === '/' || pathname === '/search' || pathname.startsWith('/guides/') || pathname.startsWith('/kiosk/');
}

const BASE = ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "connect-src 'self'"];

/**
 * The content security policy for a path. The admin app (Vite build) loads scripts only from this
 * origin; antd writes its CSS-in-JS as <style> elements at run time, hence style-src 'unsafe-inline'
 * there (styles cannot run script; scripts stay locked to 'self'). Swagger UI sets inline styles too.
 * The portal needs nothing inline at all.
 */
export function contentSecurityPolicy(pathname: string, config: Config): string {
  if (pathname === '/admin' || pathname.startsWith('/admin/')) {
    return [...BASE, "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:", "form-action 'self'", "frame-ancestors 'none'"].join('; ');
  }
  if (pathname.startsWith('/api/docs')) {
    return [...BASE, "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "font-src 'self' data:", "frame-ancestors 'none'"].join('; ');
  }
  if (isEmbeddablePage(pathname) || pathname.startsWith('/assets/')) {
    const ancestors = config.security.embedOrigins.join(' ');
    return [...BASE, "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "form-action 'self'", `frame-ancestors ${ancestors}`].join('; ');
  }
  // Everything else (JSON, sign-in pages, 我的, setup): nothing inline, never framed. No form-action
  // here: a sign-in form's redirect chain ends at a client's redirect_uri on another origin.
  return [...BASE, "style-src 'self'", "img-src 'self' data:", "font-src 'self'", "frame-ancestors 'none'"].join('; ');
}

/**
 * The security headers of an answer at this path. Also used by answers that bypass Fastify's hooks:
 * the OIDC provider writes its own pages (error, sign-out, auto-submitting form_post) to the raw
 * response, so its mount sets these before handing the request over.
 */
export function securityHeaders(pathname: string, config: Config): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    // Search words (which may hold a name) stay on this site; our own pages still see the Referer.
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    'Content-Security-Policy': contentSecurityPolicy(pathname, config),
  };
  if (!isEmbeddablePage(pathname) && !pathname.startsWith('/assets/')) headers['X-Frame-Options'] = 'DENY';
  if (servedOverTls(config)) headers['Strict-Transport-Security'] = 'max-age=31536000';
  return headers;
}

function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply, config: Config): void {
  for (const [name, value] of Object.entries(securityHeaders(request.url.split('?')[0]!, config))) {
    // A route that composes its own policy keeps it.
    if (name === 'Content-Security-Policy' && reply.hasHeader(name)) continue;
    reply.header(name, value);
  }
}

export const securityPlugin = fp(async (app: FastifyInstance) => {
  const config = app.deps.config;

  // After the auth plugin's onRequest (registered earlier), before any body is read.
  app.addHook('onRequest', async (request, reply) => {
    const session = sessionCookieOf(request);
    // A browser holding a session but not (or no longer) its CSRF cookie gets it with this answer,
    // so the admin app always has the token to send.
    if (session && request.cookies?.[CSRF_COOKIE] !== csrfTokenFor(session)) {
      reply.setCookie(CSRF_COOKIE, csrfTokenFor(session), { ...sessionCookieOptions(config), httpOnly: false });
    }
    checkCsrf(request, config, session);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    setSecurityHeaders(request, reply, config);
    return payload;
  });
});
