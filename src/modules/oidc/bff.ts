// The web app signs in through the provider as a backend-for-frontend (BFF): the server runs the
// authorization-code flow with openid-client (PKCE, state, nonce), exchanges the code itself, and
// gives the browser only the platform's own session cookie — tb_session for staff (the admin app),
// tb_applicant for applicants (the portal's "我的"). No token ever reaches the browser.
//
//   GET /auth/login?returnTo=/admin/…   → the provider's authorization endpoint
//   GET /auth/callback?code&state       → session cookie, then returnTo (same-origin paths only)
//   GET /auth/logout?returnTo=/          → ends the platform session and the provider session
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { SESSION_COOKIE } from '../../http/auth.js';
import { DomainError, pageStatusOf } from '../../http/errors.js';
import { clearSessionCookies, setSessionCookies } from '../../http/security.js';
import { createApplicantSession, revokeApplicantSession } from '../applicants/service.js';
import { APPLICANT_COOKIE, clearApplicantCookie, setApplicantCookie } from '../applicants/session-cookie.js';
import { createSession, logout } from '../identity/service.js';
import { BFF_CALLBACK_PATH, parseAccountId } from './provider.js';
import type { OidcRuntime } from './runtime.js';
import { signValue, verifyValue } from './signed.js';
import { loginErrorPage } from './views.js';

const STATE_COOKIE = 'tb_bff_state';
const HTML = 'text/html; charset=utf-8';

interface BffState extends Record<string, unknown> {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

/** Only a path on this site (never //host or /\host, which browsers treat as another origin). */
export function safeReturnTo(value: string | undefined, fallback = '/admin/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\r\n]/.test(value)) return fallback;
  return value;
}

const isApplicantPath = (path: string) => path === '/my' || path.startsWith('/my/') || path.startsWith('/my?');

const refused = (detail: string) => new DomainError(400, 'sign-in-callback-refused', detail);

const ReturnQuery = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 512 })) });
const CallbackQuery = Type.Record(Type.String(), Type.String({ maxLength: 2048 }));

export function bffRoutes(rt: OidcRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { deps } = rt;
    const keys = deps.config.sso.cookieKeys;
    const secure = () => deps.config.publicUrl.startsWith('https://');
    const maxAgeSeconds = () => deps.config.security.sessionIdleMinutes * 60;
    const lifetime = () => ({ idleMinutes: deps.config.security.sessionIdleMinutes, maxHours: deps.config.security.sessionMaxHours });

    app.setErrorHandler((error, request, reply) => {
      if (error instanceof DomainError && error.status < 500) return reply.status(error.status).type(HTML).send(loginErrorPage(error.status, '登录未能完成', error.detail.replace(/\s*\(.*\)$/, '')));
      // A query the schema refused (a repeated or over-long parameter): the caller's mistake, not ours.
      const status = pageStatusOf(error);
      if (status < 500) return reply.status(status).type(HTML).send(loginErrorPage(status, '请求有误', '链接中的参数不正确，请返回重新登录。'));
      request.log.error({ err: error }, 'sign-in callback failed');
      return reply.status(500).type(HTML).send(loginErrorPage(500, '服务暂时不可用', '请稍后再试。'));
    });

    app.get('/auth/login', { config: { public: true }, schema: { hide: true, querystring: ReturnQuery } }, async (request, reply) => {
      const config = await rt.ownClient();
      const returnTo = safeReturnTo(request.query.returnTo);
      const saved: BffState = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), returnTo };
      reply.setCookie(STATE_COOKIE, signValue(keys, 'bff', saved, 15 * 60), { path: BFF_CALLBACK_PATH, httpOnly: true, sameSite: 'lax', secure: secure() });
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: `${deps.config.publicUrl}${BFF_CALLBACK_PATH}`,
        scope: 'openid profile',
        state: saved.state,
        nonce: saved.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(saved.verifier),
        code_challenge_method: 'S256',
        // The provider's session must not outlive the platform's idle limit: once tb_session has
        // expired for inactivity, signing in again asks for the password (and code) again.
        max_age: String(maxAgeSeconds()),
        ...(isApplicantPath(returnTo) ? { tb_tab: 'applicant' } : {}),
      });
      return reply.header('Cache-Control', 'no-store').redirect(url.href, 303);
    });

    app.get(BFF_CALLBACK_PATH, { config: { public: true }, schema: { hide: true, querystring: CallbackQuery } }, async (request, reply) => {
      const saved = verifyValue<BffState>(keys, 'bff', request.cookies[STATE_COOKIE]);
      reply.clearCookie(STATE_COOKIE, { path: BFF_CALLBACK_PATH });
      if (!saved) throw refused('登录状态已失效，请重新登录 (the sign-in state cookie is missing or expired)');
      const config = await rt.ownClient();
      // openid-client checks state, the code exchange with the PKCE verifier, and the ID token's
      // issuer, audience, expiry and nonce; any mismatch refuses the sign-in.
      const tokens = await client
        .authorizationCodeGrant(config, new URL(request.url, deps.config.publicUrl), { pkceCodeVerifier: saved.verifier, expectedState: saved.state, expectedNonce: saved.nonce, maxAge: maxAgeSeconds(), idTokenExpected: true })
        .catch((error: unknown) => {
          request.log.warn({ code: (error as { code?: string }).code }, 'sign-in callback refused');
          throw refused('登录校验未通过（状态或随机数不匹配），请重新登录 (state, nonce or code check failed)');
        });
      const account = parseAccountId(tokens.claims()?.sub ?? '');
      if (!account) throw refused('无法识别的账号 (unknown account)');
      return account.kind === 'staff' ? staffSession(request, reply, account.id, saved.returnTo) : applicantSession(request, reply, account.id, saved.returnTo);
    });

    async function staffSession(_request: FastifyRequest, reply: FastifyReply, userId: string, returnTo: string) {
      const token = await createSession(deps.db, userId, lifetime());
      setSessionCookies(reply, deps.config, token);
      return reply.redirect(isApplicantPath(returnTo) ? '/admin/' : returnTo, 303);
    }

    async function applicantSession(request: FastifyRequest, reply: FastifyReply, applicantId: string, returnTo: string) {
      const token = await createApplicantSession(deps, applicantId, { method: 'oidc', ip: request.ip });
      setApplicantCookie(reply, deps, token);
      return reply.redirect(isApplicantPath(returnTo) ? returnTo : '/my', 303);
    }

    app.get('/auth/logout', { config: { public: true }, schema: { hide: true, querystring: ReturnQuery } }, async (request, reply) => {
      const staffToken = request.cookies[SESSION_COOKIE];
      if (staffToken) await logout(deps.db, staffToken);
      const applicantToken = request.cookies[APPLICANT_COOKIE];
      if (applicantToken) await revokeApplicantSession(deps, applicantToken, request.ip);
      await endProviderSession(request, reply);
      clearSessionCookies(reply, deps.config);
      clearApplicantCookie(reply, deps);
      return reply.header('Cache-Control', 'no-store').redirect(safeReturnTo(request.query.returnTo, '/'), 303);
    });

    /** Single sign-out: the provider's session goes too, so the next sign-in asks again. */
    async function endProviderSession(request: FastifyRequest, reply: FastifyReply) {
      const provider = await rt.provider();
      const ctx = provider.createContext(request.raw, reply.raw);
      const name = provider.cookieName('session');
      const sessionId = ctx.cookies.get(name, { signed: true });
      if (sessionId) {
        const session = await provider.Session.find(sessionId);
        if (session) await session.destroy();
      }
      reply.clearCookie(name, { path: '/' });
      reply.clearCookie(`${name}.sig`, { path: '/' });
    }
  };
}
