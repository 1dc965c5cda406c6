// HTTP API of machine-client administration (部门业务系统接入). The rules, scope checks and audit
// records live in src/modules/oidc/clients.ts (engineer C); these routes frame them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { notFound } from '../../http/errors.js';
import { createMachineClient, disableMachineClient, listMachineClients, rotateSecret, type ClientDeps, type MachineClient } from '../oidc/clients.js';
import { MACHINE_SCOPES, type Actor } from './permissions.js';
import * as s from './clients-schema.js';

const tags = ['identity'];

/** The client as listed after a write (the write functions return only id and secret). */
async function clientView(deps: ClientDeps, actor: Actor, clientId: string): Promise<MachineClient> {
  const found = (await listMachineClients(deps, actor)).find((c) => c.clientId === clientId);
  if (!found) throw notFound('machine-client-not-found', `接入系统不存在 (machine client ${clientId} not found)`);
  return found;
}

export const machineClientRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get(
    '/api/machine-clients',
    {
      config: { permission: 'clients.manage' },
      schema: { tags, summary: '接入系统列表（本辖区）Machine clients in scope', querystring: s.ClientListQuery, response: { 200: s.ClientListResponse } },
    },
    async (request) => ({
      items: await listMachineClients(deps, actorOf(request), request.query),
      availableScopes: Object.entries(MACHINE_SCOPES).map(([scope, permissions]) => ({ scope, permissions: [...permissions] })),
    }),
  );

  app.post(
    '/api/machine-clients',
    {
      config: { permission: 'clients.manage' },
      schema: { tags, summary: '登记接入系统 Register a machine client (the secret is shown once)', body: s.CreateClientBody, response: { 201: s.ClientSecretResponse } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { clientId, clientSecret } = await createMachineClient(deps, actor, request.body);
      return reply.status(201).send({ client: await clientView(deps, actor, clientId), clientSecret });
    },
  );

  app.post(
    '/api/machine-clients/:id/rotate-secret',
    {
      config: { permission: 'clients.manage' },
      schema: { tags, summary: '更换密钥 Rotate the secret (old secret and tokens stop working)', params: s.ClientParams, response: { 200: s.ClientSecretResponse } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { clientId, clientSecret } = await rotateSecret(deps, actor, request.params.id);
      return { client: await clientView(deps, actor, clientId), clientSecret };
    },
  );

  app.post(
    '/api/machine-clients/:id/disable',
    {
      config: { permission: 'clients.manage' },
      schema: { tags, summary: '停用接入系统 Disable a machine client (its tokens stop working)', params: s.ClientParams, response: { 200: s.MachineClientSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      await disableMachineClient(deps, actor, request.params.id);
      return clientView(deps, actor, request.params.id);
    },
  );
};
