// HTTP API of the actions on a case and of its notices:
//   POST /api/cases/:id/actions/<action>        staff (one route per action, each naming the action's
//                                               permission; body {version, …}; answers CaseDetail)
//   POST /api/my/cases/:id/supply | corrections | withdraw   the applicant on their own case
//   GET  /api/cases/:id/notices/:noticeId/pdf   staff with case.read within the case's organization
//   GET  /api/my/cases/:id/notices/:noticeId/pdf  the applicant of the case
// Refusals: 404 outside the organization / not one's own case, 403 a role without the action's
// permission, 409 case-changed (someone acted first) or case-wrong-state, 422 naming the field.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../http/auth.js';
import { unauthorized } from '../../http/errors.js';
import { attachmentDisposition } from '../../lib/pdf.js';
import { requireApplicant } from '../applicants/session-cookie.js';
import type { ApplicantSession } from '../applicants/service.js';
import { ACTION_BODIES, ApplicantSupplyBody, CaseIdParams, NoticeParams, STAFF_ACTIONS, WithdrawBody, type StaffAction } from './action-schema.js';
import { takeAction, withdrawCase } from './actions-service.js';
import { loadCaseDetail } from './detail.js';
import { noticeFor, sealedNoticePdf, type NoticeViewer } from './notices.js';
import { CASE_ACTIONS } from './rules.js';
import { CaseDetailSchema, ProblemSchema } from './schema.js';
import { applicantActor, staffActor } from './store.js';

const tags = ['cases'];
const myTags = ['cases (applicant)'];
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const PdfResponse = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf (attachment)' });

const DESCRIPTIONS: Partial<Record<StaffAction, string>> = {
  'request-supplement': '一次性告知：每项须为办事指南所选情形中的材料（Art. 8），已提交并确认的材料不能再要求；期限不早于今天。逾期未补正，平台自动视为撤回。',
  'accept-tolerant': '受理并列明需补正的材料和期限；逾期未补正，平台自动终止办理并通知申请人。',
  pause: '暂停计时（听证、专家评审、检验检测、公示…）；开始日期默认今天，不早于受理日和上次暂停结束日。',
  grant: '暂停计时期间或容缺材料未补正时不能准予（409 case-paused / case-correction-pending）。',
  refuse: '暂停计时期间不能作出决定（409 case-paused）；决定书自动载明办理机构。',
  deliver: '邮寄送达须填写寄递企业 carrier 和运单号 trackingNumber。',
};

async function sendPdf(reply: FastifyReply, pdf: { bytes: Uint8Array; filename: string }) {
  return reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', attachmentDisposition(pdf.filename))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-store')
    .send(Buffer.from(pdf.bytes));
}

export const caseActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  const sessions = new WeakMap<FastifyRequest, ApplicantSession>();
  // Checked before the body: without a session the answer is 401, not a 400 describing the input.
  const signedIn = async (request: FastifyRequest) => {
    sessions.set(request, await requireApplicant(request, deps));
  };
  const applicantOf = async (request: FastifyRequest) => {
    const session = sessions.get(request);
    if (!session) throw unauthorized();
    const row = await deps.db.selectFrom('applicants').select(['id', 'name']).where('id', '=', session.applicantId).executeTakeFirst();
    if (!row) throw unauthorized();
    return applicantActor(row);
  };

  // ——— staff: one route per action ———
  for (const action of STAFF_ACTIONS) {
    const rule = CASE_ACTIONS[action];
    const permission = 'permission' in rule && rule.permission ? rule.permission : 'case.read';
    app.post(
      `/api/cases/:id/actions/${action}`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `${rule.name} (${action})`,
          description: DESCRIPTIONS[action],
          params: CaseIdParams,
          body: ACTION_BODIES[action],
          response: { 200: CaseDetailSchema, ...problems },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await takeAction(deps, staffActor(actor), request.params.id, action, request.body as never);
        return loadCaseDetail(deps, { kind: 'staff', actor }, request.params.id);
      },
    );
  }

  app.get(
    '/api/cases/:id/notices/:noticeId/pdf',
    { config: { permission: 'case.read' }, schema: { tags, summary: '下载文书 PDF (受理凭证、告知书、决定书)', params: NoticeParams, response: { 200: PdfResponse, ...problems } } },
    async (request, reply) => {
      const viewer: NoticeViewer = { kind: 'staff', actor: actorOf(request) };
      return sendPdf(reply, await sealedNoticePdf(deps, await noticeFor(deps, viewer, request.params.id, request.params.noticeId)));
    },
  );

  // ——— the applicant on their own case ———
  const mine = (summary: string, description?: string) => ({
    config: { public: true },
    preValidation: signedIn,
    schema: { tags: myTags, summary, ...(description ? { description } : {}), params: CaseIdParams, body: ApplicantSupplyBody, response: { 200: CaseDetailSchema, ...problems } },
  });

  app.post('/api/my/cases/:id/supply', mine('补齐补正材料 Supply the materials of the supplement notice', '须一次提交告知清单中的全部材料；提交后重新计算一个工作日的受理期限。'), async (request) => {
    const actor = await applicantOf(request);
    await takeAction(deps, actor, request.params.id, 'supply', request.body);
    return loadCaseDetail(deps, { kind: 'applicant', applicantId: actor.applicantId! }, request.params.id);
  });

  app.post('/api/my/cases/:id/corrections', mine('容缺补正材料 Supply the corrections of a tolerant acceptance'), async (request) => {
    const actor = await applicantOf(request);
    await takeAction(deps, actor, request.params.id, 'supply-correction', request.body);
    return loadCaseDetail(deps, { kind: 'applicant', applicantId: actor.applicantId! }, request.params.id);
  });

  app.post(
    '/api/my/cases/:id/withdraw',
    {
      config: { public: true },
      preValidation: signedIn,
      schema: { tags: myTags, summary: '撤回申请 Withdraw my application (before a decision)', params: CaseIdParams, body: WithdrawBody, response: { 200: CaseDetailSchema, ...problems } },
    },
    async (request) => {
      const actor = await applicantOf(request);
      await withdrawCase(deps, actor, request.params.id, request.body);
      return loadCaseDetail(deps, { kind: 'applicant', applicantId: actor.applicantId! }, request.params.id);
    },
  );

  app.get(
    '/api/my/cases/:id/notices/:noticeId/pdf',
    { config: { public: true }, preValidation: signedIn, schema: { tags: myTags, summary: '下载我的办件文书 PDF', params: NoticeParams, response: { 200: PdfResponse, ...problems } } },
    async (request, reply) => {
      const session = sessions.get(request);
      if (!session) throw unauthorized();
      return sendPdf(reply, await sealedNoticePdf(deps, await noticeFor(deps, { kind: 'applicant', applicantId: session.applicantId }, request.params.id, request.params.noticeId)));
    },
  );
};
