// buildApp(deps): plugins, modules, error handler. Each module registers its own routes.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';
import type { Clock } from './lib/clock.js';
import type { Database } from './db/database.js';
import { authPlugin } from './http/auth.js';
import { errorHandler, routerErrorHandler } from './http/errors.js';
import { inputGuardPlugin } from './http/input-guard.js';
import { securityPlugin } from './http/security.js';
import { registerOpenApi } from './http/openapi.js';
import { loggerOptions } from './lib/logger.js';
import { modules } from './modules/index.js';
import { errorPage } from './modules/portal/views/layout.js';

export interface AppDeps {
  db: Database;
  config: Config;
  /** Where log lines go (default stdout); tests pass a stream to read every line back. */
  logStream?: DestinationStream;
  /** The platform's clock (default: system time); tests move a ManualClock to fire timers. */
  clock?: Clock;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

const WEB_DIST = path.resolve('web/dist');

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel, deps.logStream),
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // Behind a reverse proxy request.ip is the proxy's unless trusted (per-address sign-in limits).
    trustProxy: deps.config.security.trustProxy,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    // The router's refusals (a malformed %-escape, an over-long path parameter) as problem+json.
    frameworkErrors: routerErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    // The admin app's own routes (/admin/catalog/…) are pages of the single-page app: answer with
    // its index.html and let the browser router take over. Missing files (a dot in the name) stay 404.
    const pathOnly = request.url.split('?')[0];
    if (request.method === 'GET' && pathOnly.startsWith('/admin/') && !/\.[A-Za-z0-9]+$/.test(pathOnly) && typeof reply.sendFile === 'function') {
      return reply.sendFile('index.html', WEB_DIST);
    }
    // A person who mistyped an address in the browser (a page request: Accept names text/html) gets
    // the portal's Chinese 404 page, with a title, a language and a way back; the API and every
    // non-browser client keep problem+json.
    const pageRequest = (request.method === 'GET' || request.method === 'HEAD') && /\btext\/html\b/.test(request.headers.accept ?? '');
    if (pageRequest && !/^\/api(\/|$)/.test(pathOnly)) {
      return reply.status(404).type('text/html; charset=utf-8').send(errorPage(404, '没有找到这个页面', '您打开的地址不存在，可能输入有误或页面已移除。请从首页重新查找，或拨打 12345 咨询。'));
    }
    reply
      .status(404)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Not Found 未找到', status: 404, code: 'route-not-found', detail: `没有这个地址 (no route ${request.method} ${request.url.split('?')[0]})`, instance: request.url.split('?')[0], invalidParams: [] });
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await registerOpenApi(app);
  await app.register(authPlugin);
  await app.register(securityPlugin);
  await app.register(inputGuardPlugin);
  for (const mod of modules) await app.register(mod);

  // The admin/workbench single-page app, built by Vite into web/dist.
  if (fs.existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/admin/', decorateReply: true });
    app.get('/admin', { schema: { hide: true } }, (_req, reply) => reply.redirect('/admin/'));
  }
  return app;
}
