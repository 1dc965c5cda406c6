import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SESSION_COOKIE } from '../../http/auth.js';
import { unauthorized } from '../../http/errors.js';
import { login, logout } from './service.js';
import { ROLES, type Actor } from './permissions.js';

const ActorSchema = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  roles: Type.Array(Type.String()),
  roleNames: Type.Array(Type.String()),
});

export const identityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const present = (a: Actor) => ({
    userId: a.userId,
    username: a.username,
    displayName: a.displayName,
    orgId: a.orgId,
    orgName: a.orgName,
    roles: a.roles,
    roleNames: a.roles.map((r) => ROLES[r]),
  });

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['identity'],
        summary: '工作人员登录 Staff sign-in',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: ActorSchema },
      },
    },
    async (request, reply) => {
      const { token, actor } = await login(app.deps.db, request.body.username, request.body.password);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.deps.config.publicUrl.startsWith('https://'),
      });
      return present(actor);
    },
  );

  app.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['identity'], summary: '退出登录 Sign out' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(app.deps.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get(
    '/api/auth/me',
    { config: { public: true }, schema: { tags: ['identity'], summary: '当前用户 Who am I', response: { 200: ActorSchema } } },
    async (request) => {
      if (!request.actor) throw unauthorized();
      return present(request.actor);
    },
  );
};
