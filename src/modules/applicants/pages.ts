// The portal's "我的" pages: GET /my, GET /my/login, and the plain HTML form posts behind them.
// A failed form is shown again with its messages (never a problem+json in a browser); success
// redirects (303) so that reloading never re-sends a form.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, pageStatusOf } from '../../http/errors.js';
import { issueFormToken, verifyFormToken } from '../../http/security.js';
import { maskPhone } from '../../lib/mask.js';
import { errorPage } from '../portal/views/layout.js';
import { presentRecord } from './presenter.js';
import { realNameCheckerFor } from './real-name.js';
import { demoLoginCode } from './sms.js';
import { withRetryAfter } from './retry-after.js';
import { APPLICANT_COOKIE, applicantSessionOf, clearApplicantCookie, rememberNext, setApplicantCookie, takeNext } from './session-cookie.js';
import { createApplicantSession, linkRealName, ownRecord, revokeApplicantSession, sendLoginCode, verifyLoginCode, type ApplicantSession } from './service.js';
import { codeStepPage, myPage, phoneStepPage, type FieldErrors, type FormState } from './views.js';

const HTML = 'text/html; charset=utf-8';
const PAGE = { config: { public: true } } as const;
const FORM = 'application/x-www-form-urlencoded';
const FormText = (maxLength: number) => Type.String({ maxLength });
const CsrfField = { _csrf: Type.Optional(Type.String({ maxLength: 100 })) };

/** The Chinese part of a "中文 (English)" detail: pages speak Chinese. */
function chinese(detail: string): string {
  return detail.replace(/\s*\([^()]*(\([^()]*\)[^()]*)*\)\s*$/, '');
}

/** invalidParams (body.idNumber …) → the form's own field names. */
function fieldErrors(error: DomainError, rename: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const p of error.invalidParams) {
    const field = p.name.replace(/^body\./, '');
    const name = rename[field] ?? field;
    out[name] = out[name] ? `${out[name]}；${chinese(p.reason)}` : chinese(p.reason);
  }
  return out;
}

/** Runs a form action; a domain error becomes the page again with its messages (status kept). */
async function formAction(reply: FastifyReply, run: () => Promise<unknown>, again: (state: FormState) => string, rename?: Record<string, string>) {
  try {
    await withRetryAfter(reply, run);
    return true;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    reply.status(error.status).type(HTML).send(again({ message: chinese(error.detail), errors: fieldErrors(error, rename) }));
    return false;
  }
}

export const applicantPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;
  // Browsers post forms url-encoded; only these pages accept that, the API stays JSON.
  if (!app.hasContentTypeParser(FORM)) {
    app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
  }
  app.setErrorHandler((error, request, reply) => {
    const status = pageStatusOf(error);
    if (status < 500) return reply.status(status).type(HTML).send(errorPage(status, '请求有误', '请返回重新填写。'));
    request.log.error({ err: error }, 'applicant page failed');
    return reply.status(500).type(HTML).send(errorPage(500, '服务暂时不可用', '请稍后再试，或拨打 12345 咨询。'));
  });

  const showMy = async (request: FastifyRequest, reply: FastifyReply, session: ApplicantSession, state: FormState = {}, notice?: string) => {
    state = { ...state, formToken: tokenFor(request, reply) };
    const me = presentRecord(await ownRecord(deps, session));
    const developmentCheck = realNameCheckerFor(deps.config).development;
    return reply.type(HTML).header('Cache-Control', 'no-store').send(myPage({ me, realName: state, developmentCheck, notice }));
  };
  const signedIn = (request: FastifyRequest) => applicantSessionOf(request, deps);
  const tokenFor = (request: FastifyRequest, reply: FastifyReply) => issueFormToken(request, reply, deps.config);
  // Every form post must come from our own page (same origin, and the form token of this browser).
  const forged = (request: FastifyRequest, reply: FastifyReply) => {
    if (verifyFormToken(request, deps.config, (request.body as { _csrf?: string } | undefined)?._csrf)) return false;
    reply.status(403).type(HTML).send(errorPage(403, '页面已过期', '请返回重新打开页面后再提交。'));
    return true;
  };

  const NextQuery = { next: Type.Optional(Type.String({ maxLength: 300 })) };
  app.get('/my', { ...PAGE, schema: { hide: true, querystring: Type.Object({ linked: Type.Optional(Type.String({ maxLength: 1 })), ...NextQuery }) } }, async (request, reply) => {
    rememberNext(reply, deps, request.query.next);
    const session = await signedIn(request);
    if (!session) return reply.redirect('/my/login', 303);
    return showMy(request, reply, session, {}, request.query.linked ? '实名核验已完成，账号已绑定证件。' : undefined);
  });

  app.get('/my/login', { ...PAGE, schema: { hide: true, querystring: Type.Object(NextQuery) } }, async (request, reply) => {
    rememberNext(reply, deps, request.query.next);
    if (await signedIn(request)) return reply.redirect(takeNext(request, reply, deps, '/my'), 303);
    return reply.type(HTML).header('Cache-Control', 'no-store').send(phoneStepPage({ formToken: tokenFor(request, reply) }));
  });

  const PhoneForm = Type.Object({ phone: FormText(40), ...CsrfField });
  app.post('/my/login/code', { ...PAGE, schema: { hide: true, body: PhoneForm } }, async (request, reply) => {
    if (forged(request, reply)) return reply;
    const phone = request.body.phone.trim();
    const formToken = tokenFor(request, reply);
    let sent: Awaited<ReturnType<typeof sendLoginCode>> | undefined;
    const ok = await formAction(reply, async () => (sent = await sendLoginCode(deps, phone, request.ip)), (s) => phoneStepPage({ ...s, formToken, values: { phone } }));
    if (ok && sent) return reply.type(HTML).header('Cache-Control', 'no-store').send(codeStepPage({ formToken, phone, sentTo: sent.sentTo, demoCode: await demoLoginCode(deps, phone) }));
    return reply;
  });

  const SignInForm = Type.Object({ phone: FormText(40), code: FormText(20), ...CsrfField });
  app.post('/my/login', { ...PAGE, schema: { hide: true, body: SignInForm } }, async (request, reply) => {
    if (forged(request, reply)) return reply;
    const { phone, code } = { phone: request.body.phone.trim(), code: request.body.code.trim() };
    const formToken = tokenFor(request, reply);
    let token = '';
    // A wrong code shows the page again; in a demo, with the code still on it (demoLoginCode).
    const demoCode = await demoLoginCode(deps, phone);
    const again = (s: FormState) =>
      s.errors?.phone ? phoneStepPage({ ...s, formToken, values: { phone } }) : codeStepPage({ ...s, formToken, phone, sentTo: maskPhone(phone), demoCode });
    const ok = await formAction(reply, async () => {
      const applicant = await verifyLoginCode(deps, phone, code, request.ip);
      token = await createApplicantSession(deps, applicant.id, { ip: request.ip });
    }, again);
    if (!ok) return reply;
    setApplicantCookie(reply, deps, token);
    return reply.redirect(takeNext(request, reply, deps, '/my'), 303);
  });

  const RealNameForm = Type.Object({ kind: FormText(20), name: FormText(200), number: FormText(60), ...CsrfField });
  app.post('/my/real-name', { ...PAGE, schema: { hide: true, body: RealNameForm } }, async (request, reply) => {
    if (forged(request, reply)) return reply;
    const session = await signedIn(request);
    if (!session) return reply.redirect('/my/login', 303);
    const { kind: rawKind, name, number } = request.body;
    const kind: 'person' | 'enterprise' = rawKind === 'enterprise' ? 'enterprise' : 'person';
    const input = kind === 'person' ? { kind, name, idNumber: number || undefined } : { kind, name, creditCode: number || undefined };
    try {
      await linkRealName(deps, session, input, request.ip);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      reply.status(error.status);
      const errors = fieldErrors(error, { idNumber: 'number', creditCode: 'number' });
      return showMy(request, reply, session, { message: chinese(error.detail), errors, values: { kind, name } });
    }
    return reply.redirect(takeNext(request, reply, deps, '/my?linked=1'), 303);
  });

  app.post('/my/logout', { ...PAGE, schema: { hide: true, body: Type.Object(CsrfField) } }, async (request, reply) => {
    if (forged(request, reply)) return reply;
    const token = request.cookies[APPLICANT_COOKIE];
    if (token) await revokeApplicantSession(deps, token, request.ip);
    clearApplicantCookie(reply, deps);
    return reply.redirect('/my/login', 303);
  });
};
