// Catalog import (POST, background job) and export (GET, file download).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../http/auth.js';
import { badRequest, notFound } from '../../http/errors.js';
import { readingMultipart } from '../../http/multipart.js';
import { ImportJobRunner } from './import-jobs.js';
import { malformedFile } from './issues.js';
import { presentImportJob } from './presenter.js';
import { ExportQuerySchema, ImportAcceptedSchema, ImportJobSchema, ImportQuerySchema, JobParamsSchema } from './schema.js';
import { exportCatalog, importJobVisibleTo } from './service.js';

/** The one uploaded file, read into memory (≤ 20 MB, the multipart limit in app.ts). */
async function readUpload(request: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  if (!request.isMultipart()) {
    throw malformedFile('multipart-required', '请以 multipart/form-data 上传文件，字段名 file', 'upload the file as multipart/form-data in the field "file"', 415);
  }
  const part = await request.file().catch(() => undefined);
  if (!part) throw badRequest('file-required', '请选择要导入的文件 (choose a file to import)', [{ name: 'file', reason: 'missing' }]);
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw badRequest('file-required', '文件字段名应为 file (the file field must be named "file")', [{ name: 'file', reason: `got field "${part.fieldname}"` }]);
  }
  try {
    return { fileName: part.filename || 'upload', bytes: await readingMultipart(() => part.toBuffer()) };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw malformedFile('file-too-large', '文件超过 20 MB', 'the file exceeds 20 MB', 413);
    throw error;
  }
}

const binary = Type.Unknown({ description: 'the file (JSON, xlsx or JSON-LD) as an attachment' });

export const catalogIoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const runner = new ImportJobRunner(app.deps, app.log);
  app.addHook('onClose', () => runner.drain());

  app.post(
    '/api/catalog/import',
    {
      config: { permission: 'catalog.import' },
      schema: {
        tags: ['catalog'],
        summary: '导入事项目录与办事指南 Import the catalog (JSON or xlsx, multipart field "file")',
        consumes: ['multipart/form-data'],
        querystring: ImportQuerySchema,
        response: { 202: ImportAcceptedSchema },
      },
    },
    async (request, reply) => {
      const { fileName, bytes } = await readUpload(request);
      const dryRun = request.query.dryRun ?? false;
      const jobId = await runner.startFile(actorOf(request), { fileName, bytes, dryRun, ip: request.ip });
      return reply.status(202).send({ jobId, status: 'validating' as const, dryRun });
    },
  );

  app.get(
    '/api/catalog/import/:jobId',
    {
      config: { permission: 'catalog.import' },
      schema: { tags: ['catalog'], summary: '导入任务进度与结果 Import job status', params: JobParamsSchema, response: { 200: ImportJobSchema } },
    },
    async (request) => {
      const visible = await importJobVisibleTo(app.deps, actorOf(request), request.params.jobId);
      const job = visible ? await runner.get(request.params.jobId) : null;
      if (!job) throw notFound('import-job-not-found', '导入任务不存在 (import job not found)');
      return presentImportJob(job);
    },
  );

  app.get(
    '/api/catalog/export',
    {
      // Public: JSON and JSON-LD hold only published guides. The xlsx editing copy checks catalog.import in the service.
      config: { public: true },
      schema: { tags: ['catalog'], summary: '导出事项目录 Export the published catalog (json | xlsx | jsonld)', querystring: ExportQuerySchema, response: { 200: binary } },
    },
    async (request, reply) => {
      const file = await exportCatalog(app.deps, request.actor, request.query.format, { publicUrl: app.deps.config.publicUrl });
      return reply
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .type(file.contentType)
        .send(file.body);
    },
  );
};
