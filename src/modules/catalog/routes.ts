// HTTP API of the catalog: basic items (基本目录), implementation entries (实施清单) and the
// reports. Guide-version routes are in guide-routes.ts and registered from here.
// Out-of-scope organizations answer 403 "out-of-scope" everywhere (not 404): the catalog is public.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { guideRoutes } from './guide-routes.js';
import * as present from './presenter.js';
import * as s from './schema.js';
import * as service from './service.js';

const tags = ['catalog'];

export const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get(
    '/api/catalog/items',
    { config: { public: true }, schema: { tags, summary: '事项目录 List catalog items', querystring: s.ItemListQuery, response: { 200: Type.Object({ items: Type.Array(s.ItemSchema) }) } } },
    async (request) => ({ items: (await service.listCatalogItems(deps, request.query)).map(present.presentItem) }),
  );

  app.post(
    '/api/catalog/items',
    { config: { permission: 'catalog.item.write' }, schema: { tags, summary: '新增事项或子项 Create a catalog item or sub-item', body: s.CreateItemBody, response: { 201: s.ItemSchema } } },
    async (request, reply) => reply.status(201).send(present.presentItem(await service.createCatalogItem(deps, actorOf(request), request.body))),
  );

  app.get(
    '/api/catalog/items/:id',
    { config: { public: true }, schema: { tags, summary: '事项详情 Catalog item with sub-items and implementations', params: s.IdParams, response: { 200: s.ItemDetailSchema } } },
    async (request) => {
      const { item, subItems, implementations } = await service.getCatalogItem(deps, request.params.id);
      return {
        ...present.presentItem(item),
        subItems: subItems.map(present.presentItem),
        implementations: implementations.map((i) => present.presentItemImplementation(i.row, i.inForce)),
      };
    },
  );

  app.patch(
    '/api/catalog/items/:id',
    { config: { permission: 'catalog.item.write' }, schema: { tags, summary: '修改或取消事项 Update or retire an item', params: s.IdParams, body: s.PatchItemBody, response: { 200: s.ItemSchema } } },
    async (request) => present.presentItem(await service.updateCatalogItem(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/catalog/items/:id/implementations',
    {
      config: { permission: 'catalog.item.write' },
      schema: { tags, summary: '新增实施清单 Add an implementing organization', params: s.IdParams, body: s.CreateImplementationBody, response: { 201: s.ImplementationSchema } },
    },
    async (request, reply) => {
      const row = await service.addImplementation(deps, actorOf(request), request.params.id, request.body.orgId);
      return reply.status(201).send(present.presentImplementation(row, undefined, undefined));
    },
  );

  app.get(
    '/api/catalog/implementations',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, summary: '实施清单（本辖区）Implementation entries in scope', querystring: s.ImplementationListQuery, response: { 200: Type.Object({ items: Type.Array(s.ImplementationSchema) }) } },
    },
    async (request) => {
      const rows = await service.listImplementationsInScope(deps, actorOf(request), request.query);
      return { items: rows.map((r) => present.presentImplementation(r.row, r.latest, r.inForce)) };
    },
  );

  app.get(
    '/api/catalog/implementations/:id',
    { config: { permission: 'catalog.read' }, schema: { tags, summary: '实施清单详情 Implementation with its versions', params: s.IdParams, response: { 200: s.ImplementationDetailSchema } } },
    async (request) => {
      const { row, latest, inForce, versions } = await service.getImplementationInScope(deps, actorOf(request), request.params.id);
      return { ...present.presentImplementation(row, latest, inForce), versions: versions.map((v) => present.presentVersionSummary(v, inForce?.id)) };
    },
  );

  app.get(
    '/api/catalog/implementations/:id/in-force',
    {
      config: { public: true },
      schema: { tags, summary: '某日现行有效的办事指南 The guide version in force on a date', params: s.IdParams, querystring: s.InForceQuery, response: { 200: s.PublicVersionSchema } },
    },
    async (request) => present.presentPublicVersion(await service.versionInForce(deps, request.params.id, request.query.date)),
  );

  app.get(
    '/api/catalog/implementations/:id/versions',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '办事指南历史版本 Version history (public: published only; catalog.read in scope: all)',
        params: s.IdParams,
        response: { 200: s.VersionHistorySchema },
      },
    },
    async (request) => ({
      implementationId: request.params.id,
      items: (await service.versionHistory(deps, request.actor, request.params.id)).map(present.presentPublicVersion),
    }),
  );

  app.get(
    '/api/catalog/consistency',
    { config: { public: true }, schema: { tags, summary: '跨层级跨区域一致性 Consistency across organizations (Art. 9)', querystring: s.ConsistencyQuery, response: { 200: s.ConsistencyResponse } } },
    async (request) => ({ items: await service.consistency(deps, request.query.itemId) }),
  );

  app.get(
    '/api/catalog/simplification',
    { config: { public: true }, schema: { tags, summary: '减材料、减时限、减环节、减跑动 Simplification figures', querystring: s.SimplificationQuery, response: { 200: s.SimplificationResponse } } },
    async (request) => service.simplification(deps, request.query),
  );

  await app.register(guideRoutes);
};
