// The citizen's case pages in the portal (办事大厅): GET /apply/:implementationId (网上申请, step by
// step), GET /my/cases (我的办件) and GET /my/cases/:id (one case: timeline, next steps, notices,
// messages), and the script behind them (/assets/cases.js). Pages only read: every write goes
// through the applicant JSON API (/api/my/…) from cases.js, with the session's CSRF token.
// The applicant is the one of the tb_applicant session; nothing is looked up by an id from the
// request except the case, which must be the applicant's own (else 404).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app.js';
import { DomainError, notFound, pageStatusOf } from '../../http/errors.js';
import { todayOf } from '../../lib/clock.js';
import { maskCreditCode, maskIdentityNumber, maskPhone } from '../../lib/mask.js';
import { applicantSessionOf } from '../applicants/session-cookie.js';
import { ownProfile, type ApplicantSession } from '../applicants/service.js';
import { KIND_NAMES } from '../applicants/presenter.js';
import * as catalog from '../catalog/queries.js';
import { getGuideInForce, type PublishedGuide } from '../portal/service.js';
import { errorPage } from '../portal/views/layout.js';
import { portalMessagesOf } from '../outbox/service.js';
import { heldLicenceMaterials, materialsOfSituation, reusableOffers } from './apply-service.js';
import { loadCaseDetail } from './detail.js';
import { applicantHolderHash } from './files.js';
import { myCases } from './lists.js';
import { applyFormPage, myCasePage, myCasesPage, notOnlinePage, realNameNeededPage, situationStepPage, type ApplicantSummary, type HeldItem, type ReusableItem } from './portal-views.js';

const HTML = 'text/html; charset=utf-8';
const PAGE = { config: { public: true } } as const;
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** The published guide in force today (the platform's clock) of an active implementation, or 404. */
async function guideOfImplementation(deps: AppDeps, implementationId: string): Promise<PublishedGuide> {
  const implementation = await catalog.findImplementation(deps.db, implementationId);
  if (!implementation || implementation.status !== 'active' || implementation.item_status !== 'active') {
    throw notFound('implementation-not-found', '事项不存在或已不在目录中 (no such implementation)');
  }
  return getGuideInForce(deps, implementation.code, todayOf(deps));
}

/** The signed-in applicant as step 3 shows them: masked, like every screen. */
async function applicantSummary(deps: AppDeps, session: ApplicantSession): Promise<ApplicantSummary & { verified: boolean }> {
  const me = await ownProfile(deps, session);
  return {
    verified: !!me.realNameVerifiedAt && !!me.kind,
    name: me.name,
    kindName: me.kind ? KIND_NAMES[me.kind] : '未实名',
    idNumber: me.idNumber ? maskIdentityNumber(me.idNumber) : null,
    creditCode: me.creditCode ? maskCreditCode(me.creditCode) : null,
    phone: maskPhone(me.phone),
  };
}

/** Earlier materials of the same holder offered for this situation's materials (一证办理), as GET /api/my/reusable gives them. */
async function reusable(deps: AppDeps, applicantId: string, implementationId: string, situationId: string | null): Promise<ReusableItem[]> {
  const offers = await reusableOffers(deps, applicantId, { implementationId, ...(situationId ? { situationId } : {}) });
  return offers.map((o) => ({ materialId: o.materialId, name: o.name, fromCaseNumber: o.fromCaseNumber, caseMaterialId: o.caseMaterialId, fileName: o.fileName, submittedAt: o.submittedAt.toISOString() }));
}

/** The materials the platform holds as e-licences for the applicant today: shown as provided, never asked for (Art. 10(四), Art. 20). */
async function held(deps: AppDeps, applicantId: string, materials: Parameters<typeof heldLicenceMaterials>[2]): Promise<HeldItem[]> {
  const found = await heldLicenceMaterials(deps.db, await applicantHolderHash(deps.db, applicantId), materials, todayOf(deps));
  return [...found].map(([materialId, l]) => ({ materialId, typeName: l.typeName, licenceNumber: l.licenceNumber, validUntil: l.validUntil }));
}

/** The script of these pages, read once and served like the portal's own (ETag, an hour's cache). */
function staticAsset(file: string) {
  const body = fs.readFileSync(path.resolve(file));
  const etag = `"${Buffer.from(body).reduce((h, b) => (h * 31 + b) >>> 0, 7).toString(36)}"`;
  return { body, etag };
}

export const casePortalPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  app.setErrorHandler((error, request, reply) => {
    const status = pageStatusOf(error);
    if (status === 404) return reply.status(404).type(HTML).send(errorPage(404, '没有找到这个页面', '该事项或办件不存在，或不属于您的账号。'));
    if (status < 500) return reply.status(status).type(HTML).send(errorPage(status, '请求有误', '链接中的参数不正确，请返回重新打开。'));
    request.log.error({ err: error }, 'case page failed');
    return reply.status(500).type(HTML).send(errorPage(500, '服务暂时不可用', '请稍后再试，或拨打 12345 咨询。'));
  });

  /** The applicant's session, or a redirect to the portal's sign-in (null: the reply is sent). */
  const signedIn = async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await applicantSessionOf(request, deps);
    if (!session) reply.redirect(`/my/login?next=${encodeURIComponent(request.url)}`, 303);
    return session;
  };
  const send = (reply: FastifyReply, body: string) => reply.type(HTML).header('Cache-Control', 'no-store').send(body);

  app.get(
    '/apply/:implementationId',
    { ...PAGE, schema: { hide: true, params: Type.Object({ implementationId: Id }), querystring: Type.Object({ situation: Type.Optional(Type.String({ maxLength: 64 })) }) } },
    async (request, reply) => {
      const guide = await guideOfImplementation(deps, request.params.implementationId);
      const session = await signedIn(request, reply);
      if (!session) return reply;
      if (!guide.content.handlingForms.includes('online')) return send(reply, notOnlinePage(guide));
      const applicant = await applicantSummary(deps, session);
      if (!applicant.verified) return send(reply, realNameNeededPage(guide));

      const situations = guide.content.situations;
      const given = request.query.situation || undefined;
      let situation: { id: string; name: string } | null = null;
      if (situations.length === 1) situation = situations[0]!;
      else if (situations.length > 1) {
        const found = given ? situations.find((s) => s.id === given) : undefined;
        if (!found) return reply.status(given ? 400 : 200).type(HTML).header('Cache-Control', 'no-store').send(situationStepPage(guide, given ? '所选情形不在办事指南中，请重新选择。' : undefined));
        situation = found;
      }
      const materials = materialsOfSituation(guide.content, situation?.id ?? null);
      const [offers, heldLicences] = await Promise.all([reusable(deps, session.applicantId, guide.implementation.id, situation?.id ?? null), held(deps, session.applicantId, materials)]);
      return send(
        reply,
        applyFormPage({ guide, situation: situation ? { id: situation.id, name: situation.name } : null, hasSituationStep: situations.length > 1, materials, reusable: offers, held: heldLicences, applicant }),
      );
    },
  );

  app.get(
    '/my/cases',
    { ...PAGE, schema: { hide: true, querystring: Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const session = await signedIn(request, reply);
      if (!session) return reply;
      const [list, messages] = await Promise.all([myCases(deps, session.applicantId, { cursor: request.query.cursor || undefined, limit: 20 }), portalMessagesOf(deps.db, session.applicantId, 10)]);
      return send(reply, myCasesPage({ items: list.items, nextCursor: list.nextCursor, messages }));
    },
  );

  const DONE: Record<string, string> = {
    supply: '补齐补正材料已提交，等待工作人员受理。',
    corrections: '容缺补正材料已提交。',
    withdraw: '申请已撤回。',
  };
  app.get(
    '/my/cases/:id',
    {
      ...PAGE,
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        querystring: Type.Object({ submitted: Type.Optional(Type.String({ maxLength: 1 })), done: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const session = await signedIn(request, reply);
      if (!session) return reply;
      // Another applicant's case, or none: 404 (loadCaseDetail), never a hint that it exists.
      const c = await loadCaseDetail(deps, { kind: 'applicant', applicantId: session.applicantId }, request.params.id);
      const messages = (await portalMessagesOf(deps.db, session.applicantId, 200)).filter((m) => m.caseId === c.id);
      const notice = request.query.submitted ? `申请已提交，办件编号 ${c.caseNumber}。办理进度会通过“我的消息”、短信${c.applicant.email ? '和电子邮件' : ''}告知您。` : request.query.done ? DONE[request.query.done] : undefined;
      return send(reply, myCasePage({ c, messages, notice }));
    },
  );

  const script = staticAsset('assets/js/cases.js');
  app.get('/assets/cases.js', { ...PAGE, schema: { hide: true } }, async (request, reply) => {
    reply.header('ETag', script.etag).header('Cache-Control', 'public, max-age=3600');
    if (request.headers['if-none-match'] === script.etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(script.body);
  });
};
