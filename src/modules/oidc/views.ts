// The sign-in pages of the platform's identity provider (统一身份认证), server-rendered in Chinese in
// the portal's frame: two tabs (工作人员 / 群众·企业) that are plain links, plain HTML forms, no script,
// so they work on a 375 px phone, with a screen reader, and under a strict content security policy.
// Every form carries the interaction's form token; errors are announced (role=alert) and tied to
// their fields (aria-describedby).
import type { KoaContextWithOIDC } from 'oidc-provider';
import { html, raw, type Html } from '../portal/html.js';
import { demoCodeBox, errorPage, page } from '../portal/views/layout.js';

export type LoginTab = 'staff' | 'applicant';

export interface LoginView {
  uid: string;
  formToken: string;
  tab: LoginTab;
  clientName: string;
  /** Offer the upstream (自治区) provider. */
  upstream: boolean;
  /** A Chinese message for the whole form (role=alert). */
  message?: string;
  /** Field name → Chinese message. */
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** Applicant step 2: the code was sent to this (masked) number. */
  codeSentTo?: string;
  /** Development/demo only (demoLoginCode): the code, shown on the page because no SMS is sent. */
  demoCode?: string | null;
  /** An upstream identity waits to be linked by signing in once with a local account. */
  pendingUpstreamLink?: boolean;
}

export interface SecondFactorView {
  uid: string;
  formToken: string;
  message?: string;
}

const STYLES = html`<link rel="stylesheet" href="/assets/login.css">`;

function alert(message: string | undefined): Html | string {
  return message ? html`<p class="login-error" role="alert">${message}</p>` : '';
}

function field(o: { id: string; name: string; label: string; type?: string; value?: string; hint?: string; error?: string; attrs?: Html }): Html {
  const describedBy = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="login-field">
  <label for="${o.id}">${o.label}</label>
  ${o.hint ? html`<p class="login-hint" id="${o.id}-hint">${o.hint}</p>` : ''}
  <input id="${o.id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}" required${describedBy ? html` aria-describedby="${describedBy}"` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.attrs ?? ''}>
  ${o.error ? html`<p class="login-field-error" id="${o.id}-error">${o.error}</p>` : ''}
</div>`;
}

const token = (value: string) => html`<input type="hidden" name="token" value="${value}">`;

function tabs(view: LoginView): Html {
  const tab = (id: LoginTab, label: string) =>
    html`<a class="login-tab" href="/oidc/interaction/${view.uid}?tab=${id}"${view.tab === id ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<nav class="login-tabs" aria-label="登录方式">${tab('staff', '工作人员')}${tab('applicant', '群众/企业')}</nav>`;
}

function staffForm(view: LoginView): Html {
  const e = view.errors ?? {};
  return html`<form method="post" action="/oidc/interaction/${view.uid}/login" class="login-form" novalidate>
  ${token(view.formToken)}
  ${field({ id: 'username', name: 'username', label: '用户名', value: view.values?.username, error: e.username, attrs: html` autocomplete="username" maxlength="64" autocapitalize="none"` })}
  ${field({ id: 'password', name: 'password', label: '密码', type: 'password', error: e.password, attrs: html` autocomplete="current-password" maxlength="200"` })}
  <button type="submit">登录</button>
</form>`;
}

const PHONE_ATTRS = html` inputmode="numeric" autocomplete="tel-national" maxlength="11" pattern="1[3-9][0-9]{9}"`;
const CODE_ATTRS = html` inputmode="numeric" autocomplete="one-time-code" maxlength="6" pattern="[0-9]{6}"`;

function applicantForms(view: LoginView): Html {
  const e = view.errors ?? {};
  const phone = view.values?.phone ?? '';
  if (!view.codeSentTo) {
    return html`<form method="post" action="/oidc/interaction/${view.uid}/phone-code" class="login-form" novalidate>
  ${token(view.formToken)}
  ${field({ id: 'phone', name: 'phone', label: '手机号', type: 'tel', value: phone, hint: '11 位中国大陆手机号，首次登录将自动创建账号', error: e.phone, attrs: PHONE_ATTRS })}
  <button type="submit">获取验证码</button>
</form>`;
  }
  return html`<p class="login-status" role="status">验证码已发送至 ${view.codeSentTo}，5 分钟内有效。</p>
${demoCodeBox(view.demoCode, 'login-dev demo-code')}
<form method="post" action="/oidc/interaction/${view.uid}/applicant" class="login-form" novalidate>
  ${token(view.formToken)}
  <input type="hidden" name="phone" value="${phone}">
  ${field({ id: 'code', name: 'code', label: '短信验证码', hint: '6 位数字', error: e.code, attrs: CODE_ATTRS })}
  <button type="submit">登录</button>
</form>
<form method="post" action="/oidc/interaction/${view.uid}/phone-code" class="login-form login-inline">
  ${token(view.formToken)}
  <input type="hidden" name="phone" value="${phone}">
  <button type="submit" class="button secondary">重新获取验证码</button>
</form>
<p><a href="/oidc/interaction/${view.uid}?tab=applicant">换一个手机号</a></p>`;
}

export function loginPage(view: LoginView): string {
  return page(
    { title: '统一身份认证登录', q: null },
    html`${STYLES}<section class="login-card" aria-labelledby="login-title">
  <h1 id="login-title">统一身份认证登录</h1>
  <p class="login-lead">兴安盟政务服务平台 · 登录后前往：${view.clientName}</p>
  ${tabs(view)}
  ${view.pendingUpstreamLink ? html`<p class="login-status" role="status">自治区政务服务账号尚未关联本平台账号：请用本平台工作人员账号登录一次，完成关联。</p>` : ''}
  ${alert(view.message)}
  ${view.tab === 'staff' ? staffForm(view) : applicantForms(view)}
  ${view.upstream ? html`<p class="login-or">或</p><p><a class="button secondary login-upstream" href="/oidc/interaction/${view.uid}/upstream">使用自治区政务服务账号登录</a></p>` : ''}
</section>`,
  );
}

/** Step 2 for staff who enabled the authenticator app (双因素认证). */
export function secondFactorPage(view: SecondFactorView): string {
  return page(
    { title: '动态验证码', q: null },
    html`${STYLES}<section class="login-card" aria-labelledby="totp-title">
  <h1 id="totp-title">输入动态验证码</h1>
  <p class="login-lead">您的账号已开启双因素认证。请打开身份验证器应用，输入显示的 6 位数字。</p>
  ${alert(view.message)}
  <form method="post" action="/oidc/interaction/${view.uid}/totp" class="login-form" novalidate>
    ${token(view.formToken)}
    ${field({ id: 'totp', name: 'code', label: '动态验证码', hint: '6 位数字，每 30 秒更新', error: view.message ? '验证码不正确或已使用' : undefined, attrs: CODE_ATTRS })}
    <button type="submit">验证并登录</button>
  </form>
  <p><a href="/oidc/interaction/${view.uid}?tab=staff">返回重新登录</a></p>
</section>`,
  );
}

export interface NewPasswordView {
  uid: string;
  formToken: string;
  message?: string;
  errors?: Record<string, string>;
}

/** The first sign-in with a one-time password: the person sets their own before going on. */
export function newPasswordPage(view: NewPasswordView): string {
  const errors = view.errors ?? {};
  return page(
    { title: '设置新密码', q: null },
    html`${STYLES}<section class="login-card" aria-labelledby="new-password-title">
  <h1 id="new-password-title">设置您自己的密码</h1>
  <p class="login-lead">您正在使用管理员发放的初始密码登录。为保护账号安全，请先设置只有您知道的新密码。</p>
  ${alert(view.message)}
  <form method="post" action="/oidc/interaction/${view.uid}/new-password" class="login-form" novalidate>
    ${token(view.formToken)}
    ${field({ id: 'new-password', name: 'newPassword', label: '新密码', type: 'password', hint: '至少 12 位，包含大写字母、小写字母、数字、符号中的三类，不含用户名，不能与最近五次密码相同', error: errors.newPassword, attrs: html` autocomplete="new-password"` })}
    ${field({ id: 'confirm-password', name: 'confirmPassword', label: '再次输入新密码', type: 'password', error: errors.confirmPassword, attrs: html` autocomplete="new-password"` })}
    <button type="submit">保存并登录</button>
  </form>
  <p><a href="/oidc/interaction/${view.uid}?tab=staff">返回重新登录</a></p>
</section>`,
  );
}

/** A sign-in that cannot go on (expired or unknown interaction, unlinked account …). */
export function loginErrorPage(status: number, title: string, detail: string): string {
  return errorPage(status, title, detail);
}

const OIDC_ERRORS: Record<string, string> = {
  invalid_request: '登录请求的参数不正确。',
  invalid_client: '发起登录的应用未注册或已停用。',
  invalid_redirect_uri: '登录完成后的返回地址未登记。',
  unauthorized_client: '该应用无权使用此登录方式。',
  access_denied: '登录已取消。',
  session_not_found: '登录已过期，请重新登录。',
};

/** oidc-provider's renderError: a Chinese page instead of its English default. */
export async function oidcErrorPage(ctx: KoaContextWithOIDC, out: { error?: string }): Promise<void> {
  ctx.type = 'html';
  const detail = OIDC_ERRORS[out.error ?? ''] ?? '登录请求无法处理，请返回重新登录。';
  ctx.body = errorPage(ctx.status >= 400 ? ctx.status : 400, '登录未能完成', `${detail}（${out.error ?? 'error'}）`);
}

/** oidc-provider's logoutSource: confirm signing out of every application (单点退出). */
export async function logoutConfirmPage(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.type = 'html';
  ctx.body = page(
    { title: '退出登录', q: null },
    html`${STYLES}<section class="login-card" aria-labelledby="logout-title">
  <h1 id="logout-title">退出统一身份认证</h1>
  <p class="login-lead">将同时退出通过统一身份认证登录的所有应用。</p>
  ${raw(form)}
  <p><button type="submit" form="op.logoutForm" name="logout" value="yes">确认退出</button></p>
</section>`,
  );
}

/**
 * oidc-provider's postLogoutSuccessSource: signed out, and no application to return to. Replaces its
 * English default, whose inline <style> the pages' policy would block.
 */
export async function signedOutPage(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = 'html';
  ctx.body = page(
    { title: '已退出登录', q: null },
    html`${STYLES}<section class="login-card" aria-labelledby="signed-out-title">
  <h1 id="signed-out-title">您已退出统一身份认证</h1>
  <p class="login-lead">已退出通过统一身份认证登录的所有应用。使用公共电脑时，请关闭浏览器。</p>
  <p><a class="button secondary" href="/">返回办事大厅首页</a></p>
</section>`,
  );
}
