import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SESSION_COOKIE } from '../../http/auth.js';
import { unauthorized } from '../../http/errors.js';
import { clearSessionCookies, setSessionCookies } from '../../http/security.js';
import { changeOwnPassword } from './credentials.js';
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
  const sessionLifetime = { idleMinutes: app.deps.config.security.sessionIdleMinutes, maxHours: app.deps.config.security.sessionMaxHours };
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
      const { token, actor } = await login(app.deps.db, request.body.username, request.body.password, {
        ip: request.ip,
        lifetime: sessionLifetime,
      });
      setSessionCookies(reply, app.deps.config, token);
      return present(actor);
    },
  );

  app.post('/api/auth/logout', { config: { public: true }, schema: { tags: ['identity'], summary: '退出登录 Sign out' } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await logout(app.deps.db, token);
    clearSessionCookies(reply, app.deps.config);
    return reply.status(204).send();
  });

  app.post(
    '/api/auth/password',
    {
      // Any signed-in staff member, for their own account: checked in the handler as /api/auth/me does.
      config: { public: true },
      schema: {
        tags: ['identity'],
        summary: '修改本人密码 Change my password',
        description:
          '密码策略 (docs/security.md): ≥12 characters, three of four classes, not containing the username, not one of the last five. Ends every session of the account; this device gets a new one.',
        body: Type.Object(
          { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ changed: Type.Literal(true), endedSessions: Type.Integer({ description: '结束的会话数 sessions ended (all devices)' }) }) },
      },
    },
    async (request, reply) => {
      if (!request.actor) throw unauthorized();
      const result = await changeOwnPassword(app.deps.db, request.actor, request.body, { ip: request.ip, lifetime: sessionLifetime });
      setSessionCookies(reply, app.deps.config, result.token);
      return { changed: true as const, endedSessions: result.endedSessions };
    },
  );

  app.get(
    '/api/auth/me',
    { config: { public: true }, schema: { tags: ['identity'], summary: '当前用户 Who am I', response: { 200: ActorSchema } } },
    async (request) => {
      if (!request.actor) throw unauthorized();
      return present(request.actor);
    },
  );
};
