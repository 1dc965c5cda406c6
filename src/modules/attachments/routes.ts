import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/auth.js';
import { badRequest } from '../../http/errors.js';
import { readingMultipart } from '../../http/multipart.js';
import { attachmentDisposition } from '../../lib/pdf.js';
import { MAX_ATTACHMENT_BYTES } from './rules.js';
import { demoSamplePdf, readAttachment, uploadAttachment } from './service.js';

const AttachmentSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
});

// Downloads are never rendered as the platform's own pages: nosniff, a sandboxing CSP, and a
// Content-Disposition that names the file. PDFs and images open inline so samples can be viewed.
const INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg']);

export const attachmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/attachments',
    {
      config: { permission: 'catalog.guide.write' },
      schema: {
        tags: ['catalog'],
        summary: '上传指南附件（空白表格、示例样表、结果样本） Upload a guide attachment',
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw badRequest('multipart-required', '请以 multipart/form-data 上传文件 (send the file as multipart/form-data)', [{ name: 'file', reason: 'missing' }]);
      const part = await readingMultipart(() => request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES + 1 } }));
      if (!part) throw badRequest('file-required', '缺少文件 (file is required)', [{ name: 'file', reason: 'missing' }]);
      const bytes = await readingMultipart(() => part.toBuffer());
      const stored = await uploadAttachment(app.deps, actorOf(request), { fileName: part.filename, bytes });
      return reply.status(201).send(stored);
    },
  );

  app.get(
    '/attachments/:id/:name',
    { config: { public: true }, schema: { hide: true, params: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String({ maxLength: 300 }) }) } },
    async (request, reply) => {
      const file = await readAttachment(app.deps, request.params.id);
      const disposition = attachmentDisposition(file.fileName);
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', INLINE.has(file.contentType) ? disposition.replace(/^attachment/, 'inline') : disposition)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; default-src 'none'")
        .header('ETag', file.etag)
        .header('Cache-Control', 'public, max-age=86400, immutable')
        .send(file.bytes);
    },
  );

  app.get(
    '/samples/:name',
    { config: { public: true }, schema: { hide: true, params: Type.Object({ name: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}\\.pdf$' }) }) } },
    async (request, reply) => {
      const bytes = await demoSamplePdf(request.params.name);
      return reply
        .header('Content-Type', 'application/pdf')
        .header('Content-Disposition', attachmentDisposition(request.params.name).replace(/^attachment/, 'inline'))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'public, max-age=86400')
        .send(Buffer.from(bytes));
    },
  );
};
