// The portal's "我的" pages, server-rendered in the portal's frame: sign-in with a phone code (two
// plain HTML forms, no script needed), and the applicant's own record — masked — with the real-name
// form and the sign-in history. Every value shown comes from presentApplicant (masked).
import { html, type Html } from '../portal/html.js';
import { formatDateTimeZh } from '../portal/labels.js';
import { demoCodeBox, page } from '../portal/views/layout.js';
import type { ApplicantMe } from './schema.js';

/** Field name → message, for the form that failed (from a DomainError's invalidParams). */
export type FieldErrors = Record<string, string>;

export interface FormState {
  /** The anti-forgery token (防伪令牌) of this browser, for every form on the page. */
  formToken?: string;
  /** The message for the whole form (role=alert). */
  message?: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

/** The hidden anti-forgery field every form carries (checked by verifyFormToken in src/http/security.ts). */
function tokenField(token: string | undefined): Html | string {
  return token ? html`<input type="hidden" name="_csrf" value="${token}">` : '';
}

function alert(message: string | undefined): Html | string {
  return message ? html`<p class="form-error" role="alert" id="form-error">${message}</p>` : '';
}

/** One labelled input with its hint and error wired up for screen readers. */
function input(o: { id: string; name: string; label: string; type?: string; value?: string; hint?: string; error?: string; attrs?: Html }): Html {
  const describedBy = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="form-field">
  <label for="${o.id}">${o.label}</label>
  ${o.hint ? html`<p class="hint" id="${o.id}-hint">${o.hint}</p>` : ''}
  <input id="${o.id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}" required${describedBy ? html` aria-describedby="${describedBy}"` : ''}${o.error ? html` aria-invalid="true"` : ''}${o.attrs ?? ''}>
  ${o.error ? html`<p class="field-error" id="${o.id}-error">${o.error}</p>` : ''}
</div>`;
}

const PHONE_ATTRS = html` inputmode="numeric" autocomplete="tel-national" maxlength="11" pattern="1[3-9][0-9]{9}"`;
const CODE_ATTRS = html` inputmode="numeric" autocomplete="one-time-code" maxlength="6" pattern="[0-9]{6}"`;

/** Step 1: the phone number. */
export function phoneStepPage(state: FormState = {}): string {
  return page(
    { title: '登录', q: null },
    html`<section class="my-card" aria-labelledby="login-title">
  <h1 id="login-title">办事人登录</h1>
  <p class="lead">用手机号接收短信验证码登录。首次登录将自动创建账号，之后可完成实名核验。</p>
  ${alert(state.message)}
  <form method="post" action="/my/login/code" class="my-form" novalidate>
    ${tokenField(state.formToken)}
    ${input({ id: 'phone', name: 'phone', label: '手机号', type: 'tel', value: state.values?.phone, hint: '11 位中国大陆手机号', error: state.errors?.phone, attrs: PHONE_ATTRS })}
    <button type="submit">获取验证码</button>
  </form>
</section>`,
  );
}

export interface CodeStepView extends FormState {
  phone: string;
  sentTo: string;
  /** Development/demo only (demoLoginCode): the code, shown on the page because no SMS is sent. */
  demoCode?: string | null;
}

/** Step 2: the code, with the phone carried in a hidden field (never in the address bar). */
export function codeStepPage(view: CodeStepView): string {
  return page(
    { title: '输入验证码', q: null },
    html`<section class="my-card" aria-labelledby="code-title">
  <h1 id="code-title">输入验证码</h1>
  <p class="lead" role="status">验证码已发送至 ${view.sentTo}，5 分钟内有效。</p>
  ${demoCodeBox(view.demoCode, 'dev-note demo-code')}
  ${alert(view.message)}
  <form method="post" action="/my/login" class="my-form" novalidate>
    ${tokenField(view.formToken)}
    <input type="hidden" name="phone" value="${view.phone}">
    ${input({ id: 'code', name: 'code', label: '短信验证码', value: '', hint: '6 位数字', error: view.errors?.code, attrs: CODE_ATTRS })}
    <button type="submit">登录</button>
  </form>
  <form method="post" action="/my/login/code" class="my-form inline">
    ${tokenField(view.formToken)}
    <input type="hidden" name="phone" value="${view.phone}">
    <button type="submit" class="button secondary">重新获取验证码</button>
  </form>
  <p><a href="/my/login">换一个手机号</a></p>
</section>`,
  );
}

function fact(label: string, value: string | Html | null): Html {
  return html`<div><dt>${label}</dt><dd>${value ?? html`<span class="hint">未填写</span>`}</dd></div>`;
}

function realNameForm(state: FormState): Html {
  const v = state.values ?? {};
  const kind = v.kind === 'enterprise' ? 'enterprise' : 'person';
  return html`<section class="my-card" aria-labelledby="real-name-title">
  <h2 id="real-name-title">实名核验</h2>
  <p>依据“一证办理”，账号需与本人身份证号码（或企业统一社会信用代码）绑定后才能申请办理事项。绑定后不能自行更改。</p>
  ${alert(state.message)}
  <form method="post" action="/my/real-name" class="my-form" novalidate>
    ${tokenField(state.formToken)}
    <fieldset>
      <legend>办事人类型</legend>
      <label class="choice"><input type="radio" name="kind" value="person"${kind === 'person' ? html` checked` : ''}> 自然人（身份证）</label>
      <label class="choice"><input type="radio" name="kind" value="enterprise"${kind === 'enterprise' ? html` checked` : ''}> 法人及其他组织（统一社会信用代码）</label>
    </fieldset>
    ${input({ id: 'rn-name', name: 'name', label: '姓名或单位名称', value: v.name, error: state.errors?.name, attrs: html` autocomplete="name" maxlength="100"` })}
    ${input({ id: 'rn-number', name: 'number', label: '身份证号码或统一社会信用代码', value: '', hint: '18 位；身份证末位可为 X', error: state.errors?.number, attrs: html` autocomplete="off" maxlength="40"` })}
    <button type="submit">核验并绑定</button>
  </form>
</section>`;
}

const SIGN_IN_METHODS: Record<string, string> = { 'phone-code': '短信验证码登录', oidc: '统一身份认证登录' };

function signInHistory(me: ApplicantMe): Html {
  return html`<section class="my-card" aria-labelledby="history-title">
  <h2 id="history-title">我的记录</h2>
  <p><a class="button" href="/my/cases">我的办件</a> 查看您申请的事项、办理进度和告知书。</p>
  <p><a class="button secondary" href="/my/licences">我的证照</a> 查看您的电子证照，以及哪些部门在何时因何事使用过它们。</p>
  <h3>登录记录</h3>
  <ul class="history">
    ${me.signIns.map((s) => html`<li><time datetime="${s.at}">${formatDateTimeZh(s.at)}</time> · ${SIGN_IN_METHODS[s.method] ?? s.method}${s.current ? html` <span class="tag">当前</span>` : s.ended ? html` <span class="tag muted">已退出或过期</span>` : ''}</li>`)}
  </ul>
</section>`;
}

export interface MyPageView {
  me: ApplicantMe;
  realName: FormState;
  /** The real-name check verifies nothing (development-accept): say so. */
  developmentCheck: boolean;
  notice?: string;
}

/** The applicant's own page: profile (masked), real-name status or form, history, sign-out. */
export function myPage(view: MyPageView): string {
  const { me } = view;
  return page(
    { title: '我的', q: null },
    html`<h1>我的</h1>
${view.notice ? html`<p class="form-ok" role="status">${view.notice}</p>` : ''}
<section class="my-card" aria-labelledby="profile-title">
  <h2 id="profile-title">账号信息</h2>
  <dl class="facts my-facts">
    ${fact('手机号', me.phone)}
    ${fact('实名状态', me.realNameVerified ? html`<span class="tag">已实名</span> ${me.kindName}` : html`<span class="tag muted">未实名</span>`)}
    ${me.realNameVerified ? fact(me.kind === 'enterprise' ? '单位名称' : '姓名', me.name) : ''}
    ${me.idNumber ? fact('身份证号码', me.idNumber) : ''}
    ${me.creditCode ? fact('统一社会信用代码', me.creditCode) : ''}
  </dl>
  ${me.realNameVerified && view.developmentCheck && me.realNameProvider === 'development-accept' ? html`<p class="dev-note">开发模式：实名核验未连接公安或市场监管系统，任何姓名与号码都会通过。</p>` : ''}
  <p class="hint">为保护个人信息，号码仅显示部分数字。</p>
</section>
${me.realNameVerified ? '' : realNameForm(view.realName)}
${signInHistory(me)}
<form method="post" action="/my/logout" class="my-form">${tokenField(view.realName.formToken)}<button type="submit" class="button secondary">退出登录</button></form>`,
  );
}
