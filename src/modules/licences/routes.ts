// HTTP of electronic licences (电子证照, Art. 27):
//   staff (licences.manage, within the issuing organization's subtree): list, detail, cancel, revoke;
//   department systems (Bearer token with scope licences.read → licences.share): GET /api/licences/shared;
//   client administrators (clients.manage): which licence types a department system may obtain;
//   anyone: GET /api/public/licences/:identifier, and the pages /verify/licence/:identifier and /my/licences.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { DomainError, notFound } from '../../http/errors.js';
import { licencePages } from './pages.js';
import { maskedHolder, presentLicence, presentLicenceDetail, presentPublic, presentShared } from './presenter.js';
import * as s from './schema.js';
import * as service from './service.js';
import * as sharing from './sharing.js';

const tags = ['licences'];

const api: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get(
    '/api/licences',
    {
      config: { permission: 'licences.manage' },
      schema: { tags, summary: '电子证照列表（本辖区签发，新的在前）Licences issued within scope, newest first', querystring: s.LicenceListQuery, response: { 200: s.LicenceListResponse } },
    },
    async (request) => {
      const actor = actorOf(request);
      const page = await service.listLicences(deps, actor, request.query);
      return { items: page.items.map((v) => presentLicence(deps, v, actor)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/licences/shared',
    {
      config: { permission: 'licences.share' },
      schema: {
        tags,
        summary: '证照共享查询（部门业务系统）A department system obtains a holder’s licences of given types',
        description:
          '需 Bearer 令牌（授权范围 licences.read）。只返回本系统获授权的证照类型中持证人现行有效的证照；未授权的类型列于 refusedTypes，全部未授权返回 403 licence-share-not-granted。每次调用（无论结果）都记入调用日志，持证人可在办事大厅“我的证照”中查看。',
        querystring: s.ShareQuery,
        response: { 200: s.ShareResponse },
      },
    },
    async (request) => {
      const result = await sharing.shareLicences(deps, actorOf(request), request.query);
      return {
        accessId: result.accessId,
        holder: maskedHolder(result.holderKind, request.query.holder.normalize('NFKC').replace(/\s+/g, '').toUpperCase()),
        items: result.items.map((v) => presentShared(deps, v)),
        grantedTypes: result.grantedTypes,
        refusedTypes: result.refusedTypes,
      };
    },
  );

  app.get(
    '/api/licences/share-grants/:clientId',
    {
      config: { permission: 'clients.manage' },
      schema: { tags, summary: '接入系统可共享的证照类型 Licence types a department system may obtain', params: s.ClientParams, response: { 200: s.ShareGrantsSchema } },
    },
    async (request) => sharing.shareGrants(deps, actorOf(request), request.params.clientId),
  );

  app.put(
    '/api/licences/share-grants/:clientId',
    {
      config: { permission: 'clients.manage' },
      schema: { tags, summary: '设置接入系统可共享的证照类型 Replace the licence types a department system may obtain', params: s.ClientParams, body: s.ShareGrantsBody, response: { 200: s.ShareGrantsSchema } },
    },
    async (request) => sharing.setShareGrants(deps, actorOf(request), request.params.clientId, request.body.typeCodes),
  );

  app.get(
    '/api/licences/:id',
    {
      config: { permission: 'licences.manage' },
      schema: { tags, summary: '电子证照详情（含各版本与变更记录）A licence with its versions and history', params: s.IdParams, response: { 200: s.LicenceDetailSchema } },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentLicenceDetail(deps, await service.licenceDetail(deps, actor, request.params.id), actor);
    },
  );

  for (const [path, to, summary] of [
    ['cancel', 'cancelled', '注销证照 Cancel the licence (with the reason, shown on its verification page)'],
    ['revoke', 'revoked', '吊销证照 Revoke the licence (with the reason, shown on its verification page)'],
  ] as const) {
    app.post(
      `/api/licences/:id/${path}`,
      { config: { permission: 'licences.manage' }, schema: { tags, summary, params: s.IdParams, body: s.ReasonBody, response: { 200: s.LicenceDetailSchema } } },
      async (request) => {
        const actor = actorOf(request);
        return presentLicenceDetail(deps, await service.changeLicenceStatus(deps, actor, request.params.id, to, request.body.reason), actor);
      },
    );
  }

  app.get(
    '/api/public/licences/:identifier',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '电子证照核验 Verify a licence by its identifier: its status now, the holder masked',
        params: s.IdentifierParams,
        response: { 200: s.PublicLicenceSchema, 400: s.ProblemSchema, 404: s.ProblemSchema },
      },
    },
    async (request, reply) => {
      const v = await service.verifyLicence(deps, request.params.identifier);
      if (!v.parse.valid) {
        throw new DomainError(
          400,
          'licence-identifier-invalid',
          `证照标识格式有误：${v.parse.errors.map((e) => e.part).join(', ')} (not a valid e-licence identifier)`,
          v.parse.errors.map((e) => ({ name: `params.identifier.${e.part}`, reason: e.message })),
        );
      }
      if (!v.view) throw notFound('licence-not-found', '本平台没有签发过该标识的电子证照 (no licence with this identifier was issued here)');
      reply.header('Cache-Control', 'no-cache');
      return presentPublic({ ...v, view: v.view });
    },
  );
};

export const licenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(api);
  await app.register(licencePages);
};
