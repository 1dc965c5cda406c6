// Auditors' routes (审计日志): search the trail, export it, verify its hash chain (Art. 21, 37).
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../http/auth.js';
import { ActorListSchema, FilterOptionsSchema, ActorQuery, AuditPageSchema, AuditQuery, ExportQuery, VerifyResponse } from './schema.js';
import { auditFilterOptions, exportAudit, searchAudit, searchAuditActors, verifyAudit } from './service.js';

const tags = ['audit'];

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '审计日志查询 Search the audit trail (newest first, keyset pages)',
        querystring: AuditQuery,
        response: { 200: AuditPageSchema },
      },
    },
    async (request) => searchAudit(app.deps.db, actorOf(request), request.query),
  );

  app.get(
    '/api/audit/export',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '审计日志导出 Export the audit trail (csv | json, same filters, chain order)',
        querystring: ExportQuery,
        response: { 200: Type.Unknown({ description: 'the records as an attachment' }) },
      },
    },
    async (request, reply) => {
      const file = await exportAudit(app.deps.db, actorOf(request), request.query);
      return reply
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .type(file.contentType)
        .send(Readable.from(file.chunks));
    },
  );

  app.get(
    '/api/audit/filter-options',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '审计查询选项 The actions and object types of the trail by their Chinese names (the 操作 and 对象类型 filters)',
        response: { 200: FilterOptionsSchema },
      },
    },
    async (request) => auditFilterOptions(actorOf(request)),
  );

  app.get(
    '/api/audit/actors',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: '按姓名查找操作人 Staff in the auditor’s scope by name or username (the 操作人 filter)',
        querystring: ActorQuery,
        response: { 200: ActorListSchema },
      },
    },
    async (request) => searchAuditActors(app.deps, actorOf(request), request.query),
  );

  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: { tags, summary: '校验审计日志完整性 Verify the hash chain of the trail', response: { 200: VerifyResponse } },
    },
    async (request) => verifyAudit(app.deps.db, actorOf(request)),
  );
};
