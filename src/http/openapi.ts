// The published OpenAPI description (/api/openapi.json) and its browsable docs (/api/docs).
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '通办 Tongban API',
        description: '兴安盟政务服务平台开放接口 (Xing\'an League government services platform). Errors are RFC 9457 problem+json.',
        version: '0.1.0',
      },
      tags: [
        { name: 'catalog', description: '事项目录与办事指南 Catalog and service guides' },
        { name: 'search', description: '检索 Search' },
        { name: 'orgs', description: '组织机构 Organizations' },
        { name: 'identity', description: '身份认证 Sign-in' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
