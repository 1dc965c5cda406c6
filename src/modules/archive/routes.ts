// GET /api/cases/:id/archive — a finished case as one archive package (zip), for staff with
// case.read within the case's organization subtree (404 outside it, 409 while the case is open).
// The export is recorded in the audit trail with the SM3 of the package's manifest.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../http/auth.js';
import { attachmentDisposition } from '../../lib/pdf.js';
import { ProblemSchema } from '../cases/schema.js';
import { exportCaseArchive } from './service.js';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const ZipResponse = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/zip (attachment “<办件编号> 档案.zip”)' });

export const archiveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  app.get(
    '/api/cases/:id/archive',
    {
      config: { permission: 'case.read' },
      schema: {
        tags: ['cases'],
        summary: '导出办件档案包 Export a finished case as one archive package (zip)',
        description:
          '办结的办件（已送达、不予受理、终止、撤回）导出为一个 zip：签发的全部电子文书、收取的全部申请材料、办件记录及办理过程、办件审计记录、印章公钥，以及各文件 SM3 的清单（由办件所属机构的电子印章 SM2 签名）。离线校验：tongban archive verify FILE。见 docs/archive.md。',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: ZipResponse, ...problems },
      },
    },
    async (request, reply) => {
      const archive = await exportCaseArchive(deps, actorOf(request), request.params.id);
      return reply
        .header('Content-Type', 'application/zip')
        .header('Content-Disposition', attachmentDisposition(archive.fileName))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store')
        .send(archive.bytes);
    },
  );
};
