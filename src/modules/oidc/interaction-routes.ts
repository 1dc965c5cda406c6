// The provider's sign-in pages (/oidc/interaction/:uid …): plain HTML forms, each carrying the
// interaction's form token (CSRF) and sent only with the interaction's own cookie. A failed form is
// shown again with its message; success finishes the interaction and returns (303) to the provider.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, pageStatusOf } from '../../http/errors.js';
import { sameOriginOrAbsent } from '../../http/security.js';
import { maskPhone } from '../../lib/mask.js';
import { sendLoginCode, verifyLoginCode } from '../applicants/service.js';
import { demoLoginCode } from '../applicants/sms.js';
import { authenticateStaff, checkLimit } from '../identity/login-guard.js';
import { linkUpstreamAccount, recordSignIn, type SignInMethod } from './accounts.js';
import type { OidcRuntime } from './runtime.js';
import { formToken, formTokenValid, signValue, verifyValue } from './signed.js';
import { checkSignInCode, totpRequired } from './totp-service.js';
import { startUpstreamLogin, UPSTREAM_LINK_COOKIE } from './upstream.js';
import { loginErrorPage, loginPage, newPasswordPage, secondFactorPage, type LoginTab, type LoginView } from './views.js';
import { passwordMustChange, replaceOneTimePassword } from '../identity/credentials.js';

const HTML = 'text/html; charset=utf-8';
const FORM = 'application/x-www-form-urlencoded';
const SECOND_FACTOR_COOKIE = 'tb_op_2fa';
const NEW_PASSWORD_COOKIE = 'tb_op_newpw';
const TOTP_ATTEMPTS = { limit: 5, windowSeconds: 5 * 60 };

const UidParams = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
const Text = (maxLength: number) => Type.String({ maxLength });
const StaffForm = Type.Object({ token: Text(128), username: Text(64), password: Text(200) });
const CodeForm = Type.Object({ token: Text(128), code: Text(16) });
const NewPasswordForm = Type.Object({ token: Text(128), newPassword: Text(200), confirmPassword: Text(200) });
const PhoneForm = Type.Object({ token: Text(128), phone: Text(32) });
const ApplicantForm = Type.Object({ token: Text(128), phone: Text(32), code: Text(16) });
const TabQuery = Type.Object({ tab: Type.Optional(Type.Union([Type.Literal('staff'), Type.Literal('applicant')])), link: Type.Optional(Text(1)) });

type Details = Awaited<ReturnType<Awaited<ReturnType<OidcRuntime['provider']>>['interactionDetails']>>;

/** The Chinese part of a "中文 (English)" detail: pages speak Chinese. */
const chinese = (detail: string) => detail.replace(/\s*\([^()]*(\([^()]*\)[^()]*)*\)\s*$/, '');

const expired = () => new DomainError(400, 'interaction-expired', '登录已过期或已完成，请返回原页面重新登录 (the sign-in has expired or finished; start again)');

export function interactionRoutes(rt: OidcRuntime): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { deps } = rt;
    const keys = deps.config.sso.cookieKeys;
    const secure = deps.config.publicUrl.startsWith('https://');
    if (!app.hasContentTypeParser(FORM)) {
      app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
    }
    app.setErrorHandler((error, request, reply) => {
      if (error instanceof DomainError && error.status < 500) return reply.status(error.status).type(HTML).send(loginErrorPage(error.status, '登录未能完成', chinese(error.detail)));
      // A failed validation, or a form Fastify refused (over the 4 KB limit: 413).
      const status = pageStatusOf(error);
      if (status < 500) return reply.status(status).type(HTML).send(loginErrorPage(status, '请求有误', '表单内容不正确，请返回重新登录。'));
      request.log.error({ err: error }, 'sign-in page failed');
      return reply.status(500).type(HTML).send(loginErrorPage(500, '服务暂时不可用', '请稍后再试。'));
    });
    app.addHook('onSend', async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
    });

    /** The interaction this browser is in (by its cookie), which must be the one in the address. */
    async function details(request: FastifyRequest, reply: FastifyReply, uid: string): Promise<Details> {
      const provider = await rt.provider();
      const found = await provider.interactionDetails(request.raw, reply.raw).catch(() => null);
      if (!found || found.uid !== uid) throw expired();
      return found;
    }

    async function view(d: Details, tab: LoginTab, extra: Partial<LoginView> = {}): Promise<LoginView> {
      const provider = await rt.provider();
      const clientRecord = await provider.Client.find(String(d.params.client_id));
      return { uid: d.uid, formToken: formToken(keys, d.uid), tab, clientName: clientRecord?.clientName ?? '通办', upstream: !!deps.config.sso.upstream, ...extra };
    }

    /** CSRF: the form must come from our own page (Origin) and carry this interaction's form token. */
    function assertToken(request: FastifyRequest, d: Details, token: string): void {
      if (!sameOriginOrAbsent(request, deps.config) || !formTokenValid(keys, d.uid, token)) throw new DomainError(403, 'form-token-invalid', '表单已失效，请刷新页面后重新提交 (the form token is invalid; reload the page)');
    }

    async function finish(request: FastifyRequest, reply: FastifyReply, account: { kind: 'staff' | 'applicant'; id: string }, method: SignInMethod) {
      const provider = await rt.provider();
      const amr = { password: ['pwd'], 'password+totp': ['pwd', 'otp'], 'phone-code': ['sms'], upstream: ['fed'] }[method];
      const returnTo = await provider.interactionResult(request.raw, reply.raw, { login: { accountId: `${account.kind}:${account.id}`, amr } }, { mergeWithLastSubmission: false });
      await recordSignIn(deps.db, account, method, request.ip);
      return reply.redirect(returnTo, 303);
    }

    /**
     * A staff member who proved their password (and second factor): one signing in with a one-time
     * password sets their own first (the sign-in completes only after that), anyone else is done.
     */
    async function staffAuthenticated(request: FastifyRequest, reply: FastifyReply, d: Details, userId: string, method: 'password' | 'password+totp') {
      if (await passwordMustChange(deps.db, userId)) {
        reply.setCookie(NEW_PASSWORD_COOKIE, signValue(keys, 'new-password', { uid: d.uid, userId, method }, 10 * 60), { path: `/oidc/interaction/${d.uid}`, httpOnly: true, sameSite: 'lax', secure });
        return reply.redirect(`/oidc/interaction/${d.uid}/new-password`, 303);
      }
      return finish(request, reply, { kind: 'staff', id: userId }, method);
    }

    /** A failed form shown again (status kept), with Retry-After for limits. */
    function again(reply: FastifyReply, error: DomainError, page: string) {
      const retry = (error.extra as { retryAfter?: number }).retryAfter;
      if (retry) reply.header('Retry-After', String(retry));
      return reply.status(error.status).type(HTML).send(page);
    }

    const fieldErrors = (error: DomainError) => Object.fromEntries(error.invalidParams.map((p) => [p.name.replace(/^body\./, ''), chinese(p.reason)]));

    app.get('/oidc/interaction/:uid', { config: { public: true }, schema: { hide: true, params: UidParams, querystring: TabQuery } }, async (request, reply) => {
      const d = await details(request, reply, request.params.uid);
      if (d.prompt.name === 'consent') return consentImplicitly(request, reply, d);
      const tab = request.query.tab ?? (d.params.tb_tab === 'applicant' ? 'applicant' : 'staff');
      const pendingUpstreamLink = !!verifyValue(keys, 'upstream-link', request.cookies[UPSTREAM_LINK_COOKIE]);
      return reply.type(HTML).send(loginPage(await view(d, tab, { pendingUpstreamLink })));
    });

    /** First-party clients only reach here if a grant went missing: grant what they asked, silently. */
    async function consentImplicitly(request: FastifyRequest, reply: FastifyReply, d: Details) {
      const provider = await rt.provider();
      const grant = new provider.Grant({ accountId: d.session!.accountId, clientId: String(d.params.client_id) });
      grant.addOIDCScope(String(d.params.scope ?? 'openid'));
      const grantId = await grant.save();
      const returnTo = await provider.interactionResult(request.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return reply.redirect(returnTo, 303);
    }

    app.post('/oidc/interaction/:uid/login', { config: { public: true }, schema: { hide: true, params: UidParams, body: StaffForm } }, async (request, reply) => {
      const d = await details(request, reply, request.params.uid);
      assertToken(request, d, request.body.token);
      const { username, password } = request.body;
      const missing = { ...(username.trim() ? {} : { username: '请输入用户名' }), ...(password ? {} : { password: '请输入密码' }) };
      if (Object.keys(missing).length) return reply.status(400).type(HTML).send(loginPage(await view(d, 'staff', { message: '请填写用户名和密码', errors: missing, values: { username } })));
      let userId: string;
      try {
        ({ userId } = await authenticateStaff(deps.db, { username: username.trim(), password, ip: request.ip }));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return again(reply, error, loginPage(await view(d, 'staff', { message: chinese(error.detail), values: { username } })));
      }
      const pending = verifyValue<{ issuer: string; subject: string }>(keys, 'upstream-link', request.cookies[UPSTREAM_LINK_COOKIE]);
      if (pending) {
        await linkUpstreamAccount(deps.db, { issuer: pending.issuer, subject: pending.subject, userId }, request.ip);
        reply.clearCookie(UPSTREAM_LINK_COOKIE, { path: `/oidc/interaction/${d.uid}` });
      }
      if (await totpRequired(deps.db, userId)) {
        reply.setCookie(SECOND_FACTOR_COOKIE, signValue(keys, 'second-factor', { uid: d.uid, userId }, 5 * 60), { path: `/oidc/interaction/${d.uid}`, httpOnly: true, sameSite: 'lax', secure });
        return reply.redirect(`/oidc/interaction/${d.uid}/totp`, 303);
      }
      return staffAuthenticated(request, reply, d, userId, 'password');
    });

    const pendingSecondFactor = (request: FastifyRequest, uid: string) => {
      const value = verifyValue<{ uid: string; userId: string }>(keys, 'second-factor', request.cookies[SECOND_FACTOR_COOKIE]);
      return value && value.uid === uid ? value.userId : null;
    };

    app.get('/oidc/interaction/:uid/totp', { config: { public: true }, schema: { hide: true, params: UidParams } }, async (request, reply) => {
      const d = await details(request, reply, request.params.uid);
      if (!pendingSecondFactor(request, d.uid)) return reply.redirect(`/oidc/interaction/${d.uid}?tab=staff`, 303);
      return reply.type(HTML).send(secondFactorPage({ uid: d.uid, formToken: formToken(keys, d.uid) }));
    });

    app.post('/oidc/interaction/:uid/totp', { config: { public: true }, schema: { hide: true, params: UidParams, body: CodeForm } }, async (request, reply) => {
      const d = await details(request, reply, request.params.uid);
      assertToken(request, d, request.body.token);
      const userId = pendingSecondFactor(request, d.uid);
      if (!userId) return reply.redirect(`/oidc/interaction/${d.uid}?tab=staff`, 303);
      const attempts = await checkLimit(deps.db, `totp:${userId}`, TOTP_ATTEMPTS.limit, TOTP_ATTEMPTS.windowSeconds);
      if (!attempts.allowed) {
        reply.header('Retry-After', String(attempts.retryAfterSeconds));
        return reply.status(429).type(HTML).send(secondFactorPage({ uid: d.uid, formToken: formToken(keys, d.uid), message: '动态验证码错误次数过多，请稍后再试' }));
      }
      if (!(await checkSignInCode(deps, userId, request.body.code))) {
        return reply.status(422).type(HTML).send(secondFactorPage({ uid: d.uid, formToken: formToken(keys, d.uid), message: '动态验证码不正确或已使用，请输入身份验证器中最新的验证码' }));
      }
      reply.clearCookie(SECOND_FACTOR_COOKIE, { path: `/oidc/interaction/${d.uid}` });
      return staffAuthenticated(request, reply, d, userId, 'password+totp');
    });

    const pendingNewPassword = (request: FastifyRequest, uid: string) => {
      const value = verifyValue<{ uid: string; userId: string; method: 'password' | 'password+totp' }>(keys, 'new-password', request.cookies[NEW_PASSWORD_COOKIE]);
      return value && value.uid === uid ? value : null;
    };

    app.get('/oidc/interaction/:uid/new-password', { config: { public: true }, schema: { hide: true, params: UidParams } }, async (request, reply) => {
      const d = await details(request, reply, request.params.uid);
      if (!pendingNewPassword(request, d.uid)) return reply.redirect(`/oidc/interaction/${d.uid}?tab=staff`, 303);
      return reply.type(HTML).send(newPasswordPage({ uid: d.uid, formToken: formToken(keys, d.uid) }));
    });

    app.post('/oidc/interaction/:uid/new-password', { config: { public: true }, schema: { hide: true, params: UidParams, body: NewPasswordForm } }, async (request, reply) => {
      const d = await details(request, reply, request.params.uid);
      assertToken(request, d, request.body.token);
      const pending = pendingNewPassword(request, d.uid);
      if (!pending) return reply.redirect(`/oidc/interaction/${d.uid}?tab=staff`, 303);
      const { newPassword, confirmPassword } = request.body;
      const formPage = (message: string, errors: Record<string, string>) => newPasswordPage({ uid: d.uid, formToken: formToken(keys, d.uid), message, errors });
      if (newPassword !== confirmPassword) return reply.status(422).type(HTML).send(formPage('两次输入的新密码不一致', { confirmPassword: '与新密码不一致' }));
      try {
        await replaceOneTimePassword(deps.db, pending.userId, newPassword, request.ip);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return reply.status(error.status).type(HTML).send(formPage(chinese(error.detail), fieldErrors(error)));
      }
      reply.clearCookie(NEW_PASSWORD_COOKIE, { path: `/oidc/interaction/${d.uid}` });
      return finish(request, reply, { kind: 'staff', id: pending.userId }, pending.method);
    });

    app.post('/oidc/interaction/:uid/phone-code', { config: { public: true }, schema: { hide: true, params: UidParams, body: PhoneForm } }, async (request, reply) => {
      const d = await details(request, reply, request.params.uid);
      assertToken(request, d, request.body.token);
      const phone = request.body.phone.replace(/[\s-]/g, '');
      try {
        const sent = await sendLoginCode(deps, phone, request.ip);
        return reply.type(HTML).send(loginPage(await view(d, 'applicant', { codeSentTo: sent.sentTo, demoCode: await demoLoginCode(deps, phone), values: { phone } })));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return again(reply, error, loginPage(await view(d, 'applicant', { message: chinese(error.detail), errors: fieldErrors(error), values: { phone } })));
      }
    });

    app.post('/oidc/interaction/:uid/applicant', { config: { public: true }, schema: { hide: true, params: UidParams, body: ApplicantForm } }, async (request, reply) => {
      const d = await details(request, reply, request.params.uid);
      assertToken(request, d, request.body.token);
      const phone = request.body.phone.replace(/[\s-]/g, '');
      try {
        const applicant = await verifyLoginCode(deps, phone, request.body.code.trim(), request.ip);
        return await finish(request, reply, { kind: 'applicant', id: applicant.id }, 'phone-code');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const demoCode = await demoLoginCode(deps, phone);
        return again(reply, error, loginPage(await view(d, 'applicant', { message: chinese(error.detail), errors: fieldErrors(error), values: { phone }, codeSentTo: maskPhone(phone), demoCode })));
      }
    });

    app.get('/oidc/interaction/:uid/upstream', { config: { public: true }, schema: { hide: true, params: UidParams } }, async (request, reply) => {
      const d = await details(request, reply, request.params.uid);
      return startUpstreamLogin(rt, reply, d.uid);
    });
  };
}
