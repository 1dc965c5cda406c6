import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listOrgs } from './service.js';

const OrgSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  level: Type.String(),
  divisionCode: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
});

export const orgRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/orgs',
    {
      config: { public: true },
      schema: { tags: ['orgs'], summary: '组织机构列表 Organization tree (public)', response: { 200: Type.Object({ items: Type.Array(OrgSchema) }) } },
    },
    async () => {
      const rows = await listOrgs(app.deps.db);
      return {
        items: rows.map((o) => ({ id: o.id, code: o.code, name: o.name, kind: o.kind, level: o.level, divisionCode: o.division_code, parentId: o.parent_id })),
      };
    },
  );
};
