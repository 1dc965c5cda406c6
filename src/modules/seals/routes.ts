// HTTP API of electronic seals (电子印章, Art. 26), for administrators holding seals.manage:
// system administrators for every organization, department administrators within their scope
// (404 for a seal outside it, 403 when creating one for an organization outside it).
// The private key never appears here: responses are built by the presenter from rows without it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { presentPublicKey, presentSeal } from './presenter.js';
import * as s from './schema.js';
import * as service from './service.js';

const tags = ['seals'];
const MANAGE = { permission: 'seals.manage' } as const;

export const sealRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.post(
    '/api/seals',
    {
      config: MANAGE,
      schema: {
        tags,
        summary: '创建电子印章（生成 SM2 密钥对）Create a seal with a new SM2 key pair',
        body: s.CreateSealBody,
        response: { 201: s.SealSchema },
      },
    },
    async (request, reply) => {
      const seal = await service.createSeal(deps, actorOf(request), request.body);
      return reply.status(201).send(presentSeal(seal));
    },
  );

  app.get(
    '/api/seals',
    {
      config: MANAGE,
      schema: { tags, summary: '电子印章列表（管理范围内）Seals within scope', querystring: s.SealListQuery, response: { 200: s.SealListSchema } },
    },
    async (request) => {
      const rows = await service.listSeals(deps, actorOf(request), request.query);
      return { items: rows.map((row) => presentSeal(row)) };
    },
  );

  app.get(
    '/api/seals/:id',
    { config: MANAGE, schema: { tags, summary: '电子印章详情及状态历史 A seal with its status history', params: s.IdParams, response: { 200: s.SealSchema } } },
    async (request) => {
      const { seal, history } = await service.getSeal(deps, actorOf(request), request.params.id);
      return presentSeal(seal, history);
    },
  );

  const transitions = [
    ['suspend', '暂停使用电子印章（暂停期间不能签章）Suspend a seal: it signs nothing until resumed', s.ReasonBody],
    ['resume', '恢复使用电子印章 Resume a suspended seal', s.ResumeBody],
    ['revoke', '吊销电子印章（不可恢复）Revoke a seal for good', s.ReasonBody],
  ] as const;
  for (const [action, summary, body] of transitions) {
    app.post(
      `/api/seals/:id/${action}`,
      { config: MANAGE, schema: { tags, summary, params: s.IdParams, body, response: { 200: s.SealSchema } } },
      async (request) => {
        const reason = (request.body as { reason?: string }).reason?.trim() ?? null;
        const { seal, history } = await service.changeSealStatus(deps, actorOf(request), request.params.id, action, reason);
        return presentSeal(seal, history);
      },
    );
  }

  app.get(
    '/api/seals/:id/image.svg',
    {
      config: MANAGE,
      schema: { tags, summary: '印章图样（SVG，由平台绘制）The seal image, drawn by the platform', params: s.IdParams, produces: ['image/svg+xml'] },
    },
    async (request, reply) => {
      const svg = await service.sealImage(deps, actorOf(request), request.params.id);
      return reply.type('image/svg+xml; charset=utf-8').header('Cache-Control', 'private, max-age=300').send(svg);
    },
  );

  app.get(
    '/api/seals/:id/public-key',
    { config: MANAGE, schema: { tags, summary: '印章公钥（SM2）The seal public key', params: s.IdParams, response: { 200: s.PublicKeySchema } } },
    async (request) => presentPublicKey(await service.sealPublicKey(deps, actorOf(request), request.params.id)),
  );
};
