// The portal pages of e-licences: GET /verify/licence/:identifier (anyone, from the QR code) and
// GET /my/licences (the signed-in applicant's own licences and their 使用记录). Errors are Chinese
// pages, never problem+json.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DomainError, pageStatusOf } from '../../http/errors.js';
import { applicantSessionOf } from '../applicants/session-cookie.js';
import { errorPage } from '../portal/views/layout.js';
import { presentPublic } from './presenter.js';
import { IdentifierParams } from './schema.js';
import { verifyLicence } from './service.js';
import { holderOverview } from './sharing.js';
import { myLicencesPage, verifyInvalidPage, verifyNotFoundPage, verifyPage } from './views.js';

const HTML = 'text/html; charset=utf-8';
const PAGE = { config: { public: true } } as const;

export const licencePages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  app.setErrorHandler((error, request, reply) => {
    const status = pageStatusOf(error);
    if (status < 500) return reply.status(status).type(HTML).send(errorPage(status, '请求有误', '链接中的参数不正确，请核对后重试。'));
    request.log.error({ err: error }, 'licence page failed');
    return reply.status(500).type(HTML).send(errorPage(500, '服务暂时不可用', '请稍后再试，或拨打 12345 咨询。'));
  });

  app.get('/verify/licence/:identifier', { ...PAGE, schema: { hide: true, params: IdentifierParams } }, async (request, reply) => {
    const v = await verifyLicence(deps, request.params.identifier);
    // The status is "now": never served from a cache.
    reply.type(HTML).header('Cache-Control', 'no-store');
    if (!v.parse.valid) return reply.status(400).send(verifyInvalidPage(v.parse.normalized, v.parse.errors));
    if (!v.view) return reply.status(404).send(verifyNotFoundPage(v.parse.normalized));
    return reply.send(verifyPage(presentPublic({ ...v, view: v.view })));
  });

  app.get('/my/licences', { ...PAGE, schema: { hide: true } }, async (request, reply) => {
    const session = await applicantSessionOf(request, deps);
    if (!session) return reply.redirect(`/my/login?next=${encodeURIComponent('/my/licences')}`, 303);
    const o = await holderOverview(deps, session.applicantId);
    const name = (code: string) => o.typeNames.get(code) ?? code;
    const body = myLicencesPage({
      verified: o.verified,
      licences: o.licences.map((v) => ({
        identifier: v.row.identifier,
        typeName: v.row.type_name,
        licenceNumber: v.row.licence_number,
        version: v.row.version,
        issuerName: v.row.issuer_name,
        validFrom: v.row.valid_from,
        validUntil: v.row.valid_until,
        status: v.status,
      })),
      accesses: o.accesses.map((a) => ({
        at: a.at,
        clientName: a.client_name,
        orgName: a.client_org_name,
        purpose: a.purpose,
        caseNumber: a.case_number,
        // What was provided; for a refusal, what was asked for.
        typeNames: (a.result === 'refused' ? a.requested_types : a.granted_types).map(name),
        result: a.result,
        count: a.licence_ids.length,
      })),
    });
    return reply.type(HTML).header('Cache-Control', 'no-store').send(body);
  });
};
