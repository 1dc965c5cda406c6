// Trusting an upstream provider (自治区政务服务统一身份认证平台): the sign-in page sends the browser
// there (authorization code + PKCE, state, nonce, through openid-client); the callback maps the
// upstream subject to a local staff account by upstream_links, or to an applicant by the resident ID
// number claim, and finishes the interaction the browser was in. An unknown subject is asked to sign
// in once with a local staff account, which links it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import * as client from 'openid-client';
import { DomainError, pageStatusOf } from '../../http/errors.js';
import { applicantForIdNumber, recordSignIn, staffForUpstream } from './accounts.js';
import type { OidcRuntime } from './runtime.js';
import { signValue, verifyValue } from './signed.js';
import { loginErrorPage } from './views.js';

export const UPSTREAM_CALLBACK_PATH = '/auth/upstream/callback';
const STATE_COOKIE = 'tb_upstream_state';
/** Set when an upstream subject has no local account yet: the next local staff sign-in links it. */
export const UPSTREAM_LINK_COOKIE = 'tb_upstream_link';
const HTML = 'text/html; charset=utf-8';

interface UpstreamState extends Record<string, unknown> {
  uid: string;
  state: string;
  nonce: string;
  verifier: string;
}

/** Leaves the sign-in page for the upstream provider's authorization endpoint. */
export async function startUpstreamLogin(rt: OidcRuntime, reply: FastifyReply, uid: string) {
  const config = await rt.upstreamClient();
  if (!config) throw new DomainError(404, 'upstream-not-configured', '未配置上级统一身份认证平台 (no upstream provider is configured)');
  const verifier = client.randomPKCECodeVerifier();
  const value: UpstreamState = { uid, state: client.randomState(), nonce: client.randomNonce(), verifier };
  reply.setCookie(STATE_COOKIE, signValue(rt.deps.config.sso.cookieKeys, 'upstream', value, 10 * 60), {
    path: UPSTREAM_CALLBACK_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: rt.deps.config.publicUrl.startsWith('https://'),
  });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${rt.deps.config.publicUrl}${UPSTREAM_CALLBACK_PATH}`,
    scope: 'openid profile',
    state: value.state,
    nonce: value.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return reply.redirect(url.href, 303);
}

const refused = (detail: string) => new DomainError(400, 'upstream-sign-in-refused', detail);

/** Exchanges the code and returns the upstream subject and its claims (ID token and userinfo). */
async function upstreamIdentity(rt: OidcRuntime, callbackUrl: URL, saved: UpstreamState) {
  const config = (await rt.upstreamClient())!;
  const tokens = await client
    .authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: saved.verifier, expectedState: saved.state, expectedNonce: saved.nonce, idTokenExpected: true })
    .catch(() => {
      throw refused('上级平台登录校验未通过，请重新登录 (the upstream sign-in failed its checks)');
    });
  const idClaims = tokens.claims()!;
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => ({}));
  return { subject: idClaims.sub, claims: { ...userinfo, ...idClaims } as Record<string, unknown> };
}

export function upstreamRoutes(rt: OidcRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { deps } = rt;
    const keys = deps.config.sso.cookieKeys;
    app.setErrorHandler((error, request, reply) => {
      if (error instanceof DomainError && error.status < 500) return reply.status(error.status).type(HTML).send(loginErrorPage(error.status, '登录未能完成', error.detail.replace(/\s*\(.*\)$/, '')));
      // A query the schema refused (a repeated or over-long parameter): the caller's mistake, not ours.
      const status = pageStatusOf(error);
      if (status < 500) return reply.status(status).type(HTML).send(loginErrorPage(status, '请求有误', '链接中的参数不正确，请返回重新登录。'));
      request.log.error({ err: error }, 'upstream sign-in failed');
      return reply.status(502).type(HTML).send(loginErrorPage(502, '上级平台暂时无法访问', '请稍后再试，或使用本平台账号登录。'));
    });

    app.get(UPSTREAM_CALLBACK_PATH, { config: { public: true }, schema: { hide: true, querystring: Type.Record(Type.String(), Type.String({ maxLength: 2048 })) } }, async (request, reply) => {
      const saved = verifyValue<UpstreamState>(keys, 'upstream', request.cookies[STATE_COOKIE]);
      reply.clearCookie(STATE_COOKIE, { path: UPSTREAM_CALLBACK_PATH });
      if (!saved) throw refused('登录状态已失效，请返回重新登录 (the sign-in state is missing or expired)');
      const upstream = deps.config.sso.upstream!;
      const { subject, claims } = await upstreamIdentity(rt, new URL(request.url, deps.config.publicUrl), saved);

      const staffId = await staffForUpstream(deps.db, upstream.issuer, subject);
      const idNumber = claims[upstream.idNumberClaim];
      const applicantId = !staffId && typeof idNumber === 'string' ? await applicantForIdNumber(deps, idNumber) : null;
      const provider = await rt.provider();
      const interaction = await provider.Interaction.find(saved.uid);
      if (!interaction) throw refused('登录已过期，请返回原页面重新登录 (the sign-in has expired)');
      if (!staffId && !applicantId) {
        reply.setCookie(UPSTREAM_LINK_COOKIE, signValue(keys, 'upstream-link', { issuer: upstream.issuer, subject }, 10 * 60), {
          path: `/oidc/interaction/${saved.uid}`,
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.config.publicUrl.startsWith('https://'),
        });
        return reply.redirect(`/oidc/interaction/${saved.uid}?tab=staff&link=1`, 303);
      }
      const account = staffId ? { kind: 'staff' as const, id: staffId } : { kind: 'applicant' as const, id: applicantId! };
      // The interaction cookie is scoped to the sign-in page's path, so finish the interaction by its
      // uid (proved by the signed state cookie set in this same browser) rather than by cookie.
      interaction.result = { login: { accountId: `${account.kind}:${account.id}`, amr: ['fed'] } };
      await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
      await recordSignIn(deps.db, account, 'upstream', request.ip);
      return reply.redirect(interaction.returnTo, 303);
    });
  };
}
