// Single sign-on (统一身份认证, Art. 22): the OpenID provider mounted at /oidc, its sign-in pages, the
// BFF sign-in of the web app (/auth/…), the upstream provider's callback, and TOTP enrolment.
import type { IncomingMessage, ServerResponse } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { bffRoutes } from './bff.js';
import { interactionRoutes } from './interaction-routes.js';
import { OIDC_PREFIX } from './provider.js';
import { createOidcRuntime, type OidcRuntime } from './runtime.js';
import { TotpCodeBody, TotpSetupResponse, TotpStatusResponse } from './schema.js';
import { disableTotp, enableTotp, setupTotp, totpRequired } from './totp-service.js';
import { upstreamRoutes } from './upstream.js';
import { unauthorized } from '../../http/errors.js';
import { securityHeaders } from '../../http/security.js';

/**
 * The provider itself (discovery, authorization, token, userinfo, JWKS, end-session …). Fastify
 * hands the raw request over untouched: its body parsers are switched off here because the
 * provider reads the body itself, and the /oidc prefix is stripped the way Express's mounting does
 * (originalUrl keeps it, which the provider uses to build its own URLs).
 */
function providerMount(rt: OidcRuntime): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null));
    type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;
    let handler: Handler | null = null;
    app.all(`${OIDC_PREFIX}/*`, { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      handler ??= (await rt.provider()).callback() as Handler;
      const raw = request.raw as IncomingMessage & { originalUrl?: string };
      const pathname = raw.url!.split('?')[0]!;
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(OIDC_PREFIX.length) || '/';
      // The provider writes its answers (its error and sign-out pages included) straight to the raw
      // response, past Fastify's onSend hook, so the platform's security headers go on first: the
      // strict policy of server-rendered pages, nothing inline. Its one inline script — the
      // auto-submitting form_post page — is allowed by hash: the provider appends the script's
      // 'sha256-…' to the script-src it finds on the response.
      for (const [name, value] of Object.entries(securityHeaders(pathname, rt.deps.config))) reply.raw.setHeader(name, value);
      reply.hijack();
      handler!(raw, reply.raw);
    });
  };
}

const totpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Any signed-in staff member, for their own account (as /api/auth/me): checked in the service.
  const self = { config: { public: true } } as const;
  app.get('/api/auth/totp', { ...self, schema: { tags: ['identity'], summary: '双因素认证状态 Is my TOTP second factor on', response: { 200: TotpStatusResponse } } }, async (request) => {
    if (!request.actor || request.actor.kind === 'machine') throw unauthorized();
    return { enabled: await totpRequired(app.deps.db, request.actor.userId) };
  });
  app.post('/api/auth/totp/setup', { ...self, schema: { tags: ['identity'], summary: '生成动态验证码密钥 Start TOTP enrolment', response: { 200: TotpSetupResponse } } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return setupTotp(app.deps, request.actor);
  });
  app.post('/api/auth/totp/enable', { ...self, schema: { tags: ['identity'], summary: '开启双因素认证 Enable TOTP with a first code', body: TotpCodeBody } }, async (request, reply) => {
    await enableTotp(app.deps, request.actor, request.body.code);
    return reply.status(204).send();
  });
  app.post('/api/auth/totp/disable', { ...self, schema: { tags: ['identity'], summary: '关闭双因素认证 Disable TOTP (needs a current code)', body: TotpCodeBody } }, async (request, reply) => {
    await disableTotp(app.deps, request.actor, request.body.code);
    return reply.status(204).send();
  });
};

const LOGIN_CSS = fs.readFileSync(path.resolve('assets/css/login.css'));

export const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const rt = createOidcRuntime(app, app.deps);
  await app.register(providerMount(rt));
  await app.register(interactionRoutes(rt));
  await app.register(bffRoutes(rt));
  await app.register(upstreamRoutes(rt));
  await app.register(totpRoutes);
  app.get('/assets/login.css', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(LOGIN_CSS),
  );
};
