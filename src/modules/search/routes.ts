// Search routes: public search and typeahead; the synonym list for catalog staff.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { presentSearch } from './presenter.js';
import { SearchQuerySchema, SearchResponseSchema, SuggestQuerySchema, SuggestResponseSchema, SynonymGroupsSchema } from './schema.js';
import { getSynonymGroups, replaceSynonymGroups, searchGuides, suggestNames } from './service.js';

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/search',
    {
      config: { public: true },
      schema: {
        tags: ['search'],
        summary: '查找事项 Search published guides (Chinese, pinyin, initials, typos, synonyms)',
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema },
      },
    },
    async (request) => presentSearch(await searchGuides(app.deps.db, request.query)),
  );

  app.get(
    '/api/search/suggest',
    {
      config: { public: true },
      schema: { tags: ['search'], summary: '输入提示 Typeahead: up to 8 item names', querystring: SuggestQuerySchema, response: { 200: SuggestResponseSchema } },
    },
    async (request) => ({ items: await suggestNames(app.deps.db, request.query.q) }),
  );

  app.get(
    '/api/search/synonyms',
    {
      config: { permission: 'catalog.read' },
      schema: { tags: ['search'], summary: '同义词表 The synonym groups', response: { 200: SynonymGroupsSchema } },
    },
    async () => ({ groups: await getSynonymGroups(app.deps.db) }),
  );

  app.put(
    '/api/search/synonyms',
    {
      config: { permission: 'catalog.item.write' },
      schema: {
        tags: ['search'],
        summary: '替换同义词表 Replace the synonym groups (audited)',
        body: SynonymGroupsSchema,
        response: { 200: SynonymGroupsSchema },
      },
    },
    async (request) => ({ groups: await replaceSynonymGroups(app.deps, actorOf(request), request.body.groups) }),
  );
};
