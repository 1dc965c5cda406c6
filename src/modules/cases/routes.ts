// HTTP API of cases (办件), apart from the actions (action-routes.ts), the notice PDFs and the
// messages: the workbench lists and detail, window applications, case files, and the applicant's
// own routes under /api/my/… . Staff routes name their permission; applicant routes are
// config.public for src/http/auth.ts and check the applicant's own session (cookie tb_applicant)
// themselves, acting on that session's applicant only, never on an id taken from the request.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../http/auth.js';
import { badRequest, unauthorized } from '../../http/errors.js';
import { readingMultipart } from '../../http/multipart.js';
import { attachmentDisposition } from '../../lib/pdf.js';
import type { ApplicantSession } from '../applicants/service.js';
import { applicantSessionOf, requireApplicant } from '../applicants/session-cookie.js';
import { portalMessagesOf } from '../outbox/service.js';
import { todayOf } from '../../lib/clock.js';
import { heldLicencesForWindow, reusableOffers, submitApplication } from './apply-service.js';
import { loadCaseDetail } from './detail.js';
import { presentMaterialLicence } from './presenter.js';
import { MAX_CASE_FILE_BYTES, readCaseFile, uploadCaseFile, type Uploader } from './files.js';
import { caseQueue, myCases, overdueCases, searchCases } from './lists.js';
import * as s from './schema.js';
import { applicantActor, staffActor } from './store.js';

const tags = ['cases'];
const myTags = ['cases (applicant)'];
const PUBLIC = { public: true } as const;
const problems = { 400: s.ProblemSchema, 401: s.ProblemSchema, 403: s.ProblemSchema, 404: s.ProblemSchema, 409: s.ProblemSchema, 422: s.ProblemSchema };
const uploadProblems = { ...problems, 413: s.ProblemSchema, 415: s.ProblemSchema };

async function readUpload(request: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw badRequest('multipart-required', '请以 multipart/form-data 上传文件 (send the file as multipart/form-data)', [{ name: 'file', reason: 'missing' }]);
  const part = await readingMultipart(() => request.file({ limits: { fileSize: MAX_CASE_FILE_BYTES + 1 } }));
  if (!part) throw badRequest('file-required', '缺少文件 (file is required)', [{ name: 'file', reason: 'missing' }]);
  return { fileName: part.filename, bytes: await readingMultipart(() => part.toBuffer()) };
}

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  // The applicant session of a request, set by the preValidation hook below (checked before the
  // body: without a session the answer is 401, not a 400 describing the input).
  const sessions = new WeakMap<FastifyRequest, ApplicantSession>();
  const signedIn = async (request: FastifyRequest) => {
    sessions.set(request, await requireApplicant(request, deps));
  };
  const session = (request: FastifyRequest) => {
    const found = sessions.get(request);
    if (!found) throw unauthorized();
    return found;
  };
  const applicantOf = async (request: FastifyRequest) => {
    const { applicantId } = session(request);
    const row = await deps.db.selectFrom('applicants').select(['id', 'name']).where('id', '=', applicantId).executeTakeFirst();
    if (!row) throw unauthorized();
    return applicantActor(row);
  };

  // ——— staff: the workbench ———

  app.get(
    '/api/cases/queue',
    {
      config: { permission: 'case.read' },
      schema: {
        tags,
        summary: '我的待办队列 Work queue of the viewer’s organizations, soonest due first',
        description: 'view=acceptance 按受理期限；review/decision/delivery/open 按办结期限。键集分页：nextCursor 为 null 时到末页。',
        querystring: s.QueueQuery,
        response: { 200: s.CasePageSchema, ...problems },
      },
    },
    async (request) => caseQueue(deps, actorOf(request), request.query as { view?: 'open'; cursor?: string; limit?: number }),
  );

  app.get(
    '/api/cases',
    {
      config: { permission: 'case.read' },
      schema: { tags, summary: '办件查询 Search cases by number or applicant name, newest first', querystring: s.SearchQuery, response: { 200: s.CasePageSchema, ...problems } },
    },
    async (request) => searchCases(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/cases/overdue',
    {
      config: { permission: 'case.supervise' },
      schema: {
        tags,
        summary: '逾期办件 Overdue cases: acceptance not decided in one working day, or past the due date',
        querystring: s.OverdueQuery,
        response: { 200: s.CasePageSchema, ...problems },
      },
    },
    async (request) => overdueCases(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/cases/:id',
    { config: { permission: 'case.read' }, schema: { tags, summary: '办件详情 Case detail', params: s.IdParams, response: { 200: s.CaseDetailSchema, ...problems } } },
    async (request) => loadCaseDetail(deps, { kind: 'staff', actor: actorOf(request) }, request.params.id),
  );

  app.post(
    '/api/cases',
    {
      config: { permission: 'case.accept' },
      schema: {
        tags,
        summary: '窗口收件 Enter an application at the window',
        description: '材料：fileId（POST /api/case-files 上传）、paper: true（纸质）或 reuseMaterialId（一证办理复用）；数据共享获取的材料无需提交。',
        body: s.WindowApplicationBody,
        response: { 201: s.CaseDetailSchema, ...problems },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await submitApplication(deps, staffActor(actor), request.body);
      return reply.status(201).send(await loadCaseDetail(deps, { kind: 'staff', actor }, created.id));
    },
  );

  app.get(
    '/api/cases/held-licences',
    {
      config: { permission: 'case.accept' },
      schema: {
        tags,
        summary: '窗口收件：平台已持有的证照 The guide materials the platform holds as e-licences for an applicant (not to be collected)',
        querystring: s.HeldLicencesQuery,
        response: { 200: s.HeldLicencesSchema, ...problems },
      },
    },
    async (request) => {
      const today = todayOf(deps);
      const items = await heldLicencesForWindow(deps, actorOf(request), request.query);
      return { items: items.map((i) => ({ materialId: i.materialId, materialName: i.materialName, licence: presentMaterialLicence({ ...i.licence, status: 'active' }, today) })) };
    },
  );

  app.post(
    '/api/case-files',
    {
      config: { permission: 'case.accept' },
      schema: {
        tags,
        summary: '窗口上传申请材料 Upload an applicant’s file at the window (PDF, JPEG, PNG; ≤ 20 MB)',
        consumes: ['multipart/form-data'],
        response: { 201: s.CaseFileSchema, ...uploadProblems },
      },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      return reply.status(201).send(await uploadCaseFile(deps, { kind: 'staff', actor: actorOf(request) }, file));
    },
  );

  // Staff (case.read, a case using the file within their scope) or the holder applicant: both
  // sessions reach this route, so it is public to the permission layer and checks each itself.
  app.get(
    '/api/case-files/:id',
    { config: PUBLIC, schema: { tags, summary: '下载申请材料 Download a case file (staff in scope, or its holder)', params: s.IdParams } },
    async (request, reply) => {
      let file;
      if (request.actor) {
        file = await readCaseFile(deps, { kind: 'staff', actor: request.actor }, request.params.id);
      } else {
        const applicant = await applicantSessionOf(request, deps);
        if (!applicant) throw unauthorized();
        file = await readCaseFile(deps, { kind: 'applicant', applicantId: applicant.applicantId }, request.params.id);
      }
      return reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', attachmentDisposition(file.fileName))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; default-src 'none'")
        .header('Cache-Control', 'private, no-store')
        .send(file.bytes);
    },
  );

  // ——— the applicant's own ———

  app.get(
    '/api/my/cases',
    { config: PUBLIC, preValidation: signedIn, schema: { tags: myTags, summary: '我的办件 My cases, newest first', querystring: s.MyCasesQuery, response: { 200: s.CasePageSchema, ...problems } } },
    async (request) => myCases(deps, session(request).applicantId, request.query),
  );

  app.get(
    '/api/my/cases/:id',
    { config: PUBLIC, preValidation: signedIn, schema: { tags: myTags, summary: '我的办件详情 My case', params: s.IdParams, response: { 200: s.CaseDetailSchema, ...problems } } },
    async (request) => loadCaseDetail(deps, { kind: 'applicant', applicantId: session(request).applicantId }, request.params.id),
  );

  app.get(
    '/api/my/reusable',
    {
      config: PUBLIC,
      preValidation: signedIn,
      schema: { tags: myTags, summary: '可复用材料（一证办理）Earlier materials I can reuse for this guide', querystring: s.ReusableQuery, response: { 200: s.ReusableSchema, ...problems } },
    },
    async (request) => {
      const offers = await reusableOffers(deps, session(request).applicantId, request.query);
      return {
        items: offers.map((o) => ({
          materialId: o.materialId,
          name: o.name,
          fromCaseNumber: o.fromCaseNumber,
          caseMaterialId: o.caseMaterialId,
          fileName: o.fileName,
          submittedAt: o.submittedAt.toISOString(),
        })),
      };
    },
  );

  app.post(
    '/api/my/case-files',
    {
      config: PUBLIC,
      preValidation: signedIn,
      schema: { tags: myTags, summary: '上传申请材料 Upload a file for my application (PDF, JPEG, PNG; ≤ 20 MB)', consumes: ['multipart/form-data'], response: { 201: s.CaseFileSchema, ...uploadProblems } },
    },
    async (request, reply) => {
      const file = await readUpload(request);
      const uploader: Uploader = { kind: 'applicant', applicantId: session(request).applicantId };
      return reply.status(201).send(await uploadCaseFile(deps, uploader, file));
    },
  );

  app.get(
    '/api/my/messages',
    {
      config: PUBLIC,
      preValidation: signedIn,
      schema: {
        tags: myTags,
        summary: '我的消息 My portal messages, newest first',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false }),
        response: { 200: s.PortalMessagesSchema, ...problems },
      },
    },
    async (request) => {
      const rows = await portalMessagesOf(deps.db, session(request).applicantId, request.query.limit ?? 50);
      return { items: rows.map((m) => ({ id: m.id, caseId: m.caseId, templateKey: m.templateKey, subject: m.subject, body: m.body, createdAt: new Date(m.createdAt).toISOString() })) };
    },
  );

  app.post(
    '/api/my/applications',
    {
      config: PUBLIC,
      preValidation: signedIn,
      schema: {
        tags: myTags,
        summary: '网上申请 Apply online',
        description: '须先实名核验。办件绑定提交当日现行有效的办事指南版本。',
        body: s.OnlineApplicationBody,
        response: { 201: s.CaseDetailSchema, ...problems },
      },
    },
    async (request, reply) => {
      const actor = await applicantOf(request);
      const created = await submitApplication(deps, actor, request.body);
      return reply.status(201).send(await loadCaseDetail(deps, { kind: 'applicant', applicantId: actor.applicantId! }, created.id));
    },
  );
};
