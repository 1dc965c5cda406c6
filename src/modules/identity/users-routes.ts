// HTTP API of staff administration (用户管理): accounts, their organization, window and roles.
// Every route needs users.manage; which accounts and roles an administrator reaches is decided in
// users-service.ts by the grant rules of permissions.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { presentGrantableRoles, presentUser } from './users-presenter.js';
import * as s from './users-schema.js';
import * as service from './users-service.js';

const tags = ['identity'];

export const userAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get(
    '/api/users',
    {
      config: { permission: 'users.manage' },
      schema: { tags, summary: '用户列表（本辖区）Staff accounts in scope, by username, keyset-paged', querystring: s.UserListQuery, response: { 200: s.UserListResponse } },
    },
    async (request) => {
      const actor = actorOf(request);
      const page = await service.listStaff(deps, actor, request.query);
      return { items: page.items.map(presentUser), nextCursor: page.nextCursor, grantableRoles: presentGrantableRoles(actor) };
    },
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        summary: '新增用户 Create a staff account (a one-time password is generated when none is given)',
        body: s.CreateUserBody,
        response: { 201: s.UserWithPasswordSchema },
      },
    },
    async (request, reply) => {
      const { user, initialPassword } = await service.createStaff(deps, actorOf(request), request.body, request.ip);
      return reply.status(201).send({ user: presentUser(user), initialPassword });
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: { tags, summary: '修改用户（姓名、角色、机构、窗口、停用）Update a staff account', params: s.IdParams, body: s.PatchUserBody, response: { 200: s.UserSchema } },
    },
    async (request) => presentUser(await service.updateStaff(deps, actorOf(request), request.params.id, request.body, request.ip)),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { permission: 'users.manage' },
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: { tags, summary: '重置密码 Reset a password (ends the account’s sessions)', params: s.IdParams, body: s.ResetPasswordBody, response: { 200: s.UserWithPasswordSchema } },
    },
    async (request) => {
      const { user, initialPassword } = await service.resetStaffPassword(deps, actorOf(request), request.params.id, request.body, request.ip);
      return { user: presentUser(user), initialPassword };
    },
  );
};
