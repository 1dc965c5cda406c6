// Who is calling, and may they call this route. Every route under /api declares either
// `config: { permission }` or `config: { public: true }`; a route declaring neither fails at start-up.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { actorForSession } from '../modules/identity/service.js';
import { actorForAccessToken } from '../modules/oidc/bearer.js';
import { can, type Actor, type Permission } from '../modules/identity/permissions.js';
import { DomainError, forbidden, unauthorized } from './errors.js';

export const SESSION_COOKIE = 'tb_session';

/** One /api route and what it demands: the table the authorization-matrix test checks. */
export interface RouteRule {
  method: string;
  url: string;
  permission: Permission | null;
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route registered so far with its permission (filled by the onRoute hook below). */
    routeRules: RouteRule[];
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    permission?: Permission;
    public?: boolean;
  }
}

export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('actor', null);
  app.decorate('routeRules', [] as RouteRule[]);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const config = (route.config ?? {}) as { permission?: Permission; public?: boolean };
    if (!config.permission && !config.public) {
      throw new Error(`route ${route.method} ${route.url} declares no permission (config.permission or config.public)`);
    }
    // HEAD twins of GET routes are Fastify's own; the GET entry stands for both.
    for (const method of [route.method].flat().filter((m) => m !== 'HEAD')) {
      app.routeRules.push({ method, url: route.url, permission: config.public ? null : (config.permission ?? null), public: !!config.public });
    }
  });

  app.addHook('onRequest', async (request) => {
    // A department system (machine client) presents its OAuth2 access token; a browser its session.
    const bearer = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(request.headers.authorization ?? '');
    if (bearer) {
      request.actor = await actorForAccessToken(app.deps.db, bearer[1]!);
      return;
    }
    const token = request.cookies?.[SESSION_COOKIE];
    if (token) request.actor = await actorForSession(app.deps.db, token);
  });

  // Checked before body validation: a caller without the permission gets 401/403, not a 400 that
  // describes the route's input.
  app.addHook('preValidation', async (request) => {
    // The audit trail records where an action came from without every service taking the request.
    if (request.actor && request.actor.ip === undefined) request.actor.ip = request.ip;
    const config = request.routeOptions.config as { permission?: Permission; public?: boolean };
    if (config.public || !config.permission) return;
    if (!request.actor) throw unauthorized();
    if (request.actor.mustChangePassword) {
      throw new DomainError(403, 'password-must-change', '请先修改初始密码后再办理业务 (change your one-time password first: POST /api/auth/password)');
    }
    // The refusal names the permission it lacks: people learn what to ask for, and the
    // authorization-matrix test tells this layer's refusals from a service's own.
    if (!can(request.actor, config.permission)) throw new DomainError(403, 'forbidden', forbidden().detail, [], { requiredPermission: config.permission });
  });
});

/** The signed-in actor of a route that declared a permission (the preValidation hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
