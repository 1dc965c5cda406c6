// Public verification of issued documents (电子文书核验, Art. 26): no sign-in.
//   GET  /verify/:documentId              the page the QR code opens (genuine? by whom? seal valid?)
//   GET  /verify/:documentId/document.pdf the issued PDF, byte for byte
//   GET  /verify                          upload form;  POST /verify  (multipart "file") → result page
//   GET  /api/public/verify/:documentId   the same as JSON;  POST /api/public/verify (multipart) → JSON
// Verification writes nothing: the upload is hashed, looked up and dropped.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { badRequest, DomainError } from '../../http/errors.js';
import { readingMultipart } from '../../http/multipart.js';
import { attachmentDisposition } from '../../lib/pdf.js';
import { errorPage } from '../portal/views/layout.js';
import { presentVerification } from './presenter.js';
import { DocumentParams, ProblemSchema, VerificationSchema } from './schema.js';
import { issuedPdf, verifyStored, verifyUpload } from './service.js';
import { notIssuedPage, uploadPage, verificationPage, type LicenceOfDocument } from './views.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';

const HTML = 'text/html; charset=utf-8';
/** Issued documents are a few hundred kB; a larger upload is not one of ours. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const noUpload = () => badRequest('file-required', '请选择要核验的 PDF 文件 (choose the PDF file to verify): file', [{ name: 'file', reason: 'missing' }]);

/** The uploaded file's bytes, or a 400 naming the field; 413 when larger than MAX_UPLOAD_BYTES. */
async function uploadedBytes(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw badRequest('multipart-required', '请以 multipart/form-data 上传文件 (send the file as multipart/form-data): file', [{ name: 'file', reason: 'missing' }]);
  const part = await readingMultipart(() => request.file({ limits: { fileSize: MAX_UPLOAD_BYTES } }));
  if (!part || part.fieldname !== 'file') throw noUpload();
  const bytes = await readingMultipart(() => part.toBuffer());
  if (bytes.length === 0) throw noUpload();
  return bytes;
}

const verifyCss = fs.readFileSync(path.resolve('src/modules/documents/verify.css'));
const verifyCssEtag = `"${verifyCss.reduce((h, b) => (h * 31 + b) >>> 0, 7).toString(36)}"`;

/** The pages: errors become Chinese pages, not problem+json. */
const pages: FastifyPluginAsyncTypebox = async (app) => {
  app.setErrorHandler((error, request, reply) => {
    const status = error instanceof DomainError ? error.status : (error as { validation?: unknown }).validation ? 400 : ((error as { statusCode?: number }).statusCode ?? 500);
    if (status === 404) return reply.status(404).type(HTML).send(notIssuedPage());
    if (status === 413) return reply.status(413).type(HTML).send(uploadPage(`文件过大：本平台签发的文书不超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB。`));
    if (status === 400 || status === 406 || status === 415) return reply.status(400).type(HTML).send(uploadPage('请选择要核验的 PDF 文件后再提交。'));
    request.log.error({ err: error }, 'verification page failed');
    return reply.status(500).type(HTML).send(errorPage(500, '服务暂时不可用', '请稍后再试，或拨打 12345 咨询。'));
  });

  app.get('/verify', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.type(HTML).send(uploadPage()));

  /**
   * A licence's sealed PDF (kind 'licence'): the page also says the licence's status now and links
   * to its own verification page — the document can be genuine while the licence is 已注销.
   */
  async function licenceOf(documentId: string | undefined): Promise<LicenceOfDocument | null> {
    if (!documentId) return null;
    const row = await app.deps.db.selectFrom('licences').select(['identifier', 'status', 'valid_until']).where('document_id', '=', documentId).executeTakeFirst();
    if (!row) return null;
    const expired = row.status === 'active' && row.valid_until !== null && row.valid_until < shanghaiDate();
    return { identifier: row.identifier, status: expired ? 'expired' : row.status };
  }

  app.get('/verify/:documentId', { config: { public: true }, schema: { hide: true, params: DocumentParams } }, async (request, reply) => {
    const result = await verifyStored(app.deps, request.params.documentId);
    return reply.type(HTML).header('Cache-Control', 'no-store').send(verificationPage(result, { uploaded: false, licence: await licenceOf(result.document?.id) }));
  });

  app.post('/verify', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const result = await verifyUpload(app.deps, await uploadedBytes(request));
    return reply.type(HTML).header('Cache-Control', 'no-store').send(verificationPage(result, { uploaded: true, licence: await licenceOf(result.document?.id) }));
  });

  app.get('/verify/:documentId/document.pdf', { config: { public: true }, schema: { hide: true, params: DocumentParams } }, async (request, reply) => {
    const pdf = await issuedPdf(app.deps.db, request.params.documentId);
    return reply
      .type('application/pdf')
      .header('Content-Disposition', attachmentDisposition(pdf.fileName))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "sandbox; default-src 'none'")
      .header('ETag', `"${pdf.digest}"`)
      .header('Cache-Control', 'private, max-age=86400, immutable')
      .send(pdf.bytes);
  });

  app.get('/assets/verify.css', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    reply.header('ETag', verifyCssEtag).header('Cache-Control', 'public, max-age=3600');
    if (request.headers['if-none-match'] === verifyCssEtag) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(verifyCss);
  });
};

const publicApi: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['documents'];
  app.get(
    '/api/public/verify/:documentId',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '核验本平台签发的文书（按二维码中的编号）Verify an issued document by its id',
        description: 'Recomputes the SM3 digest of the stored PDF and checks the SM2 signature; says whether the seal was valid when it signed and its status now.',
        params: DocumentParams,
        response: { 200: VerificationSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const result = await verifyStored(app.deps, request.params.documentId);
      reply.header('Cache-Control', 'no-store');
      return presentVerification(result, app.deps.config.publicUrl);
    },
  );

  app.post(
    '/api/public/verify',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '核验上传的 PDF 文书 Verify an uploaded PDF (multipart field "file")',
        description: 'genuine: an exact copy of a document the platform issued, signature valid; altered: the file names an issued document (its verification address) but its SM3 digest differs; not-ours: neither.',
        consumes: ['multipart/form-data'],
        response: { 200: VerificationSchema, 400: ProblemSchema, 413: ProblemSchema },
      },
    },
    async (request, reply) => {
      const result = await verifyUpload(app.deps, await uploadedBytes(request));
      reply.header('Cache-Control', 'no-store');
      return presentVerification(result, app.deps.config.publicUrl);
    },
  );
};

export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(pages);
  await app.register(publicApi);
};
