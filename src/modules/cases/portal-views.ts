// The citizen side of case handling (网上申请, 我的办件), server-rendered in the portal's frame:
// the apply steps (情形 → 材料 → 联系方式与提交) with the guide beside the form, the list of my cases,
// and one case with its timeline, what to do next, its notices and its messages. Uploads, reuse
// and the JSON posts run in /assets/cases.js (no inline script or style: the CSP forbids both).
// Every personal value shown here arrives masked.
import type { Material } from '../catalog/guide-content.js';
import { html, safeUrl, type Html } from '../portal/html.js';
import { feeSummary, formatDateTimeZh, formatDateZh, formatLimit, materialCopies, materialSource } from '../portal/labels.js';
import type { PublishedGuide } from '../portal/service.js';
import { page } from '../portal/views/layout.js';
import { phoneLinks } from '../portal/views/guide.js';
import { STATE_NAMES, type CaseState } from './rules.js';
import type { CaseDetail, CaseSummary } from './schema.js';

/** The file types and size the upload accepts (the server checks again; this is the hint). */
export const UPLOAD_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export const UPLOAD_HINT = '支持 PDF、JPG、PNG 文件，单个不超过 20 MB';

// ——— shapes (the contract's CaseSummary / CaseDetail as the applicant sees them) ———

type CaseSummaryView = CaseSummary;
type CaseDetailView = CaseDetail;
type CaseMaterialItem = NonNullable<CaseDetail['supplement']>['items'][number];

export interface PortalMessageView {
  id: string;
  subject: string;
  body: string;
  createdAt: Date;
  caseId: string | null;
}

export interface ReusableItem {
  materialId: string;
  name: string;
  fromCaseNumber: string;
  caseMaterialId: string;
  fileName: string;
  submittedAt: string;
}

/** A guide material the platform holds as an e-licence of the applicant (in force today). */
export interface HeldItem {
  materialId: string;
  typeName: string;
  licenceNumber: string;
  validUntil: string | null;
}

export interface ApplicantSummary {
  name: string | null;
  kindName: string;
  idNumber: string | null;
  creditCode: string | null;
  phone: string;
}

// ——— small parts ———

// One date style on these pages, the portal's: 2026年3月2日 for a day, 2026年3月2日 10:15 (Beijing
// time) for a moment — never a mix of 2026/03/02 and 2026年3月2日 on one card.

/** 2026年3月2日 10:15 in Beijing time, inside a <time>. */
function when(at: string | Date): Html {
  const d = new Date(at);
  return html`<time datetime="${d.toISOString()}">${formatDateTimeZh(d)}</time>`;
}

/** 2026年3月2日 for a YYYY-MM-DD date. */
function day(date: string | null | undefined): Html | string {
  if (!date) return '—';
  return html`<time datetime="${date}">${formatDateZh(date)}</time>`;
}

/** The name an application is for: the sub-item (企业注销登记) when the guide is one, else the item. */
function applyName(guide: PublishedGuide): string {
  return guide.content.subItemName?.trim() || guide.content.itemName;
}

function stateTag(state: string, name: string): Html {
  return html`<span class="state-tag state-${state}">${name}</span>`;
}

/** Pages that need cases.js (uploads and the JSON posts) end with it. */
const SCRIPT = html`<script src="/assets/cases.js" defer></script>`;
const NOSCRIPT = html`<noscript><p class="form-error">上传材料和提交需要启用浏览器脚本（JavaScript）。如无法启用，请到办事窗口办理。</p></noscript>`;

// ——— apply ———

export interface ApplyFrame {
  guide: PublishedGuide;
  /** 1, 2 or 3; the guide has one situation or none → no step 1. */
  step: 1 | 2 | 3;
  hasSituationStep: boolean;
}

function stepper(f: ApplyFrame): Html {
  const steps: [number, string][] = [
    ...(f.hasSituationStep ? [[1, '选择情形'] as [number, string]] : []),
    [2, '提交材料'],
    [3, '联系方式与提交'],
  ];
  return html`<ol class="stepper" aria-label="申请步骤">${steps.map(
    ([n, name], i) => html`<li data-step="${n}"${n === f.step ? html` aria-current="step"` : ''}${n < f.step ? html` class="done"` : ''}><span class="step-no">${i + 1}</span>${name}</li>`,
  )}</ol>`;
}

/** The guide beside the form (wide screens) or folded above it (phones): what a citizen checks while applying. */
function guideAside(guide: PublishedGuide, materials: Material[]): Html {
  const c = guide.content;
  return html`<details class="apply-guide" id="apply-guide" data-open-wide>
  <summary>办事指南：${applyName(guide)}</summary>
  <div class="apply-guide-body">
    <h2 class="apply-guide-title">办事指南要点</h2>
    <dl class="facts">
      <div><dt>实施机构</dt><dd>${guide.org.name}</dd></div>
      <div><dt>承诺时限</dt><dd>${formatLimit(c.promisedLimit)}（法定 ${formatLimit(c.legalLimit)}）</dd></div>
      <div><dt>收费</dt><dd>${feeSummary(c.fees)}</dd></div>
      <div><dt>咨询电话</dt><dd>${phoneLinks(c.consultation.phone)}</dd></div>
    </dl>
    <h3>所需材料</h3>
    ${materials.length ? html`<ul class="apply-guide-materials">${materials.map((m) => html`<li>${m.name}<span class="hint">（${materialCopies(m)}${m.required ? '' : '，非必要'}）</span></li>`)}</ul>` : html`<p>无需提交材料。</p>`}
    ${c.fees.charged ? html`<ul>${c.fees.items.map((f) => html`<li>${f.name}：${f.amountYuan} 元</li>`)}</ul>` : ''}
    <p><a href="/guides/${guide.implementation.code}">查看完整办事指南</a></p>
  </div>
</details>`;
}

function applyPage(f: ApplyFrame, materials: Material[], body: Html): string {
  const name = applyName(f.guide);
  return page(
    { title: `在线申请：${name}`, q: null },
    html`<p class="crumbs"><a href="/guides/${f.guide.implementation.code}">${name}</a> › 在线申请</p>
<h1>在线申请：${name}</h1>
<p class="meta">${f.guide.org.name}</p>
${stepper(f)}
<div class="apply-layout">
${guideAside(f.guide, materials)}
<div class="apply-main">${body}</div>
</div>
${SCRIPT}`,
  );
}

/** Signed in but not real-name verified: applying needs the identity (一证办理), so send them there first. */
export function realNameNeededPage(guide: PublishedGuide): string {
  return page(
    { title: '请先完成实名核验', q: null },
    html`<section class="my-card" aria-labelledby="rn-need-title">
  <h1 id="rn-need-title">请先完成实名核验</h1>
  <p>在线申请“${applyName(guide)}”需要账号已绑定身份证号码或统一社会信用代码（一证办理）。</p>
  <p><a class="button" href="/my?next=${`/apply/${guide.implementation.id}`}#real-name-title">去实名核验</a> <a class="button secondary" href="/guides/${guide.implementation.code}">返回办事指南</a></p>
  <p class="hint">完成核验后将自动回到在线申请。</p>
</section>`,
  );
}

/** The guide is not handled online (no 网上办理): say where to go instead. */
export function notOnlinePage(guide: PublishedGuide): string {
  return page(
    { title: '该事项暂不支持在线申请', q: null },
    html`<section class="my-card" aria-labelledby="not-online-title">
  <h1 id="not-online-title">该事项暂不支持在线申请</h1>
  <p>“${applyName(guide)}”请按办事指南到窗口或以邮寄方式办理。</p>
  <p><a class="button" href="/guides/${guide.implementation.code}">查看办事指南</a></p>
</section>`,
  );
}

/** Step 1: the situation (情形); each choice says how many materials it asks for. */
export function situationStepPage(guide: PublishedGuide, error?: string): string {
  const c = guide.content;
  return applyPage(
    { guide, step: 1, hasSituationStep: true },
    c.materials,
    html`<form method="get" action="/apply/${guide.implementation.id}" class="my-form apply-step" aria-labelledby="step1-h">
  <h2 id="step1-h">第 1 步 选择您的情形</h2>
  <p class="hint">不同情形需要的材料不同，选择后只需提交该情形的材料。</p>
  ${error ? html`<p class="form-error" role="alert">${error}</p>` : ''}
  <fieldset>
    <legend>办理情形</legend>
    ${c.situations.map(
      (s, i) => html`<label class="choice"><input type="radio" name="situation" value="${s.id}"${i === 0 ? html` required` : ''}> ${s.name}<span class="hint">（${s.materialIds.length} 份材料）</span></label>`,
    )}
  </fieldset>
  <button type="submit">下一步：提交材料</button>
</form>`,
  );
}

function reuseChoices(m: Material, offers: ReusableItem[]): Html | string {
  if (!offers.length) return '';
  return html`<fieldset class="reuse-choice">
    <legend>材料来源</legend>
    <label class="choice"><input type="radio" name="src-${m.id}" value="upload" checked data-source> 上传新文件</label>
    ${offers.map(
      (o) => html`<label class="choice"><input type="radio" name="src-${m.id}" value="${o.caseMaterialId}" data-source data-reuse-name="${o.fileName}"> 使用已有材料：${o.fileName}<span class="hint">（办件 ${o.fromCaseNumber}，${when(o.submittedAt)} 提交）</span></label>`,
    )}
  </fieldset>`;
}

/** One material to upload (with its progress bar) or, for a shared one, the note that nothing is needed. */
export function uploadField(o: { key: string; materialId: string; name: string; required: boolean; hint?: string; note?: string | null }): Html {
  const id = `file-${o.key}`;
  return html`<div class="upload" data-upload>
    <label for="${id}">选择文件：${o.name}</label>
    <p class="hint" id="${id}-hint">${o.hint ? html`${o.hint}。` : ''}${UPLOAD_HINT}</p>
    ${o.note ? html`<p class="hint">补正说明：${o.note}</p>` : ''}
    <input type="file" id="${id}" accept="${UPLOAD_ACCEPT}" aria-describedby="${id}-hint ${id}-status" data-file${o.required ? html` aria-required="true"` : ''}>
    <progress id="${id}-progress" max="100" value="0" aria-label="${o.name} 上传进度" hidden data-progress></progress>
    <p class="upload-status" id="${id}-status" role="status" data-status></p>
  </div>`;
}

/** 已由平台调取：食品经营许可证（编号 …，有效期至 …）: what stands for a held material. */
function heldText(h: HeldItem): Html {
  return html`已由平台调取：${h.typeName}（编号 ${h.licenceNumber}，${h.validUntil ? html`有效期至 ${day(h.validUntil)}` : '长期有效'}）`;
}

function materialField(m: Material, index: number, offers: ReusableItem[], held: HeldItem | undefined): Html {
  // A licence the platform holds is already provided, whatever the guide's source: no upload, and
  // data-shared tells cases.js not to require or send one.
  if (held) {
    return html`<li class="material-input shared" data-material="${m.id}" data-shared data-held="${held.typeName}（编号 ${held.licenceNumber}）">
  <h3>${index + 1}. ${m.name} <span class="tag">无需提交</span></h3>
  <p>${heldText(held)}</p>
  <p class="hint">平台持有您的电子证照，无需上传（一证办理）。</p>
</li>`;
  }
  if (m.source === 'sharing') {
    return html`<li class="material-input shared" data-material="${m.id}" data-shared>
  <h3>${index + 1}. ${m.name} <span class="tag">无需提交</span></h3>
  <p>该材料由办理部门通过数据共享获取（一证办理），您无需上传。</p>
</li>`;
  }
  return html`<li class="material-input" data-material="${m.id}" data-name="${m.name}"${m.required ? html` data-required` : ''}>
  <h3>${index + 1}. ${m.name} ${m.required ? html`<span class="tag">必要</span>` : html`<span class="tag muted">非必要</span>`}</h3>
  <p class="hint">${materialCopies(m)} · ${materialSource(m)}</p>
  ${m.blankForm ? html`<p><a href="${safeUrl(m.blankForm.url)}">下载空白表格：${m.blankForm.title}</a>${m.sampleForm ? html` · <a href="${safeUrl(m.sampleForm.url)}">填写示例</a>` : ''}</p>` : ''}
  ${reuseChoices(m, offers)}
  ${uploadField({ key: m.id, materialId: m.id, name: m.name, required: m.required })}
</li>`;
}

export interface ApplyFormView {
  guide: PublishedGuide;
  situation: { id: string; name: string } | null;
  hasSituationStep: boolean;
  materials: Material[];
  reusable: ReusableItem[];
  /** Materials the platform holds as the applicant's e-licences (default none). */
  held?: HeldItem[];
  applicant: ApplicantSummary;
}

/** Steps 2 and 3 in one form: cases.js shows one at a time and posts the application as JSON. */
export function applyFormPage(v: ApplyFormView): string {
  const { guide } = v;
  const toUpload = v.materials;
  const idLine = v.applicant.idNumber ?? v.applicant.creditCode;
  return applyPage(
    { guide, step: 2, hasSituationStep: v.hasSituationStep },
    v.materials,
    html`${NOSCRIPT}
<form id="apply-form" class="apply-form" novalidate data-implementation="${guide.implementation.id}"${v.situation ? html` data-situation="${v.situation.id}"` : ''}>
<section class="apply-step" id="step-materials" aria-labelledby="step2-h" data-step-panel="2">
  <h2 id="step2-h" tabindex="-1">第 ${v.hasSituationStep ? 2 : 1} 步 提交材料</h2>
  ${v.situation ? html`<p>您选择的情形：<strong>${v.situation.name}</strong>${v.hasSituationStep ? html` <a href="/apply/${guide.implementation.id}">重新选择</a>` : ''}</p>` : ''}
  <p class="hint">以下是${v.situation ? '该情形' : '本事项'}需要的全部材料；平台已持有的材料可直接使用，无需再次提交。</p>
  ${toUpload.length ? html`<ol class="material-inputs">${toUpload.map((m, i) => materialField(m, i, v.reusable.filter((r) => r.materialId === m.id), v.held?.find((h) => h.materialId === m.id)))}</ol>` : html`<p>本事项无需提交材料。</p>`}
  <p class="form-error" role="alert" data-step-error hidden></p>
  <button type="button" data-next>下一步：联系方式</button>
</section>
<section class="apply-step" id="step-contact" aria-labelledby="step3-h" data-step-panel="3">
  <h2 id="step3-h" tabindex="-1">第 ${v.hasSituationStep ? 3 : 2} 步 联系方式与确认提交</h2>
  <dl class="facts my-facts">
    <div><dt>申请人</dt><dd>${v.applicant.name ?? '—'}（${v.applicant.kindName}）</dd></div>
    ${idLine ? html`<div><dt>证件号码</dt><dd>${idLine}</dd></div>` : ''}
    <div><dt>手机号</dt><dd>${v.applicant.phone}<span class="hint">（办理进度短信发送到此号码）</span></dd></div>
  </dl>
  <div class="form-field">
    <label for="apply-email">电子邮箱（选填）</label>
    <p class="hint" id="apply-email-hint">填写后，办理进度也会发送到该邮箱。</p>
    <input id="apply-email" name="email" type="email" autocomplete="email" maxlength="200" aria-describedby="apply-email-hint">
  </div>
  <h3>材料清单</h3>
  <ul class="apply-summary" data-summary></ul>
  <p class="form-error" role="alert" data-submit-error hidden></p>
  <p class="actions"><button type="submit">确认提交</button> <button type="button" class="button secondary" data-back>上一步</button></p>
</section>
</form>`,
  );
}

// ——— my cases ———

function myNav(current: 'cases' | 'case'): Html {
  return html`<p class="crumbs"><a href="/my">我的</a> › ${current === 'cases' ? '我的办件' : html`<a href="/my/cases">我的办件</a> › 办件详情`}</p>`;
}

function messagesSection(messages: PortalMessageView[], emptyText: string): Html {
  return html`<section class="my-card" aria-labelledby="messages-title">
  <h2 id="messages-title">我的消息</h2>
  ${messages.length
    ? html`<ul class="messages">${messages.map((m) => html`<li><p class="message-subject"><strong>${m.subject}</strong> · ${when(m.createdAt)}</p><p class="message-body">${m.body}</p></li>`)}</ul>`
    : html`<p class="hint">${emptyText}</p>`}
</section>`;
}

export function myCasesPage(v: { items: CaseSummaryView[]; nextCursor: string | null; messages: PortalMessageView[] }): string {
  return page(
    { title: '我的办件', q: null },
    html`${myNav('cases')}
<h1>我的办件</h1>
${v.items.length
  ? html`<ul class="case-list">${v.items.map(
      (c) => html`<li class="case-card">
  <p class="case-title"><a href="/my/cases/${c.id}">${c.itemName}</a> ${stateTag(c.state, c.stateName)}</p>
  <p class="meta">办件编号 <span class="code">${c.caseNumber}</span> · ${c.orgName}</p>
  <p class="meta">提交于 ${when(c.submittedAt)}${c.dueOn ? html` · 承诺办结 ${day(c.dueOn)}` : ''}</p>
</li>`,
    )}</ul>
  ${v.nextCursor ? html`<p class="pager"><a class="button secondary" href="/my/cases?cursor=${encodeURIComponent(v.nextCursor)}">更早的办件</a></p>` : ''}`
  : html`<p class="empty">您还没有办件。在办事指南页面点击“在线申请”即可网上办理。</p><p><a class="button" href="/search">查找事项</a></p>`}
${messagesSection(v.messages, '暂无消息。')}`,
  );
}

const ACTOR_NAMES: Record<string, string> = { applicant: '申请人', staff: '工作人员', machine: '部门系统', system: '通办平台' };

/** The history as a timeline: every action with when, who (by role) and the state it led to. */
function timeline(c: CaseDetailView): Html {
  return html`<ol class="timeline">${c.history.map(
    (h) => html`<li class="${h.fromState !== h.toState ? 'state-change' : ''}">
  <p class="timeline-what"><strong>${h.actionName}</strong>${h.fromState !== h.toState ? html` → ${STATE_NAMES[h.toState as CaseState] ?? h.toState}` : ''}</p>
  <p class="meta">${when(h.at)} · ${ACTOR_NAMES[h.actor.kind] ?? h.actor.kind}${h.actor.kind === 'staff' && h.actor.name ? html`（${h.actor.name}）` : ''}</p>
</li>`,
  )}</ol>`;
}

/** The current state in words: what happens now and by when. */
function stateInWords(c: CaseDetailView): Html {
  const running = c.state === 'under-review' || c.state === 'awaiting-decision';
  const pause = c.pauses.find((p) => !p.endedOn);
  switch (c.state) {
    case 'submitted':
      return html`<p>您的申请已提交，等待受理。工作人员将在 ${day(c.acceptanceDueOn)} 前作出受理决定（一个工作日内）。</p>`;
    case 'awaiting-supplement':
      return html`<p>您的材料需要补齐补正。请在 ${day(c.supplement?.deadlineOn)} 前按下方告知补交，逾期未补正视为撤回申请。</p>`;
    case 'granted':
    case 'refused':
      return html`<p>已作出${c.state === 'granted' ? '准予' : '不予'}决定，等待送达。决定书可在下方“文书”中下载。</p>`;
    case 'delivered':
      return html`<p>已办结${c.delivery ? html`，${DELIVERY_WORDS[c.delivery.method] ?? c.delivery.method}（${when(c.delivery.at)}）${c.delivery.carrier ? html`，${c.delivery.carrier} 运单号 <span class="code">${c.delivery.trackingNumber ?? ''}</span>` : ''}` : ''}。</p>`;
    case 'not-accepted':
      return html`<p>不予受理。理由、依据与联系方式见下方《不予受理决定书》。</p>`;
    case 'ended':
      return html`<p>已终止办理。原因见下方办理记录与文书。</p>`;
    case 'withdrawn':
      return html`<p>申请已撤回。</p>`;
    default:
      if (!running) return html`<p>${c.stateName}</p>`;
      return html`<p>已受理（${day(c.acceptedOn)}），正在${c.state === 'under-review' ? '审查' : '等待决定'}。承诺 ${day(c.dueOn)} 前办结${c.remainingDays !== null ? html`，还剩 ${c.remainingDays} 个工作日` : ''}。</p>
      ${pause ? html`<p class="dev-note">办理时限暂停计时中：${pause.kindName}（${pause.reason}），自 ${day(pause.startedOn)} 起，不计入承诺时限。</p>` : ''}`;
  }
}

const DELIVERY_WORDS: Record<string, string> = { window: '窗口领取', electronic: '电子送达', mail: '邮寄送达' };

/** A form of uploads for notice items (补齐补正 or 容缺补正), posted by cases.js as JSON. */
function itemsForm(kind: 'supply' | 'corrections', c: CaseDetailView, items: CaseMaterialItem[], deadlineOn: string): Html {
  const title = kind === 'supply' ? '补齐补正材料' : '容缺补正材料';
  return html`<section class="my-card" aria-labelledby="${kind}-title">
  <h2 id="${kind}-title">${title}</h2>
  <p>请在 ${day(deadlineOn)} 前提交以下材料${kind === 'corrections' ? '，逾期未补正将终止办理（不予许可）' : ''}：</p>
  <form class="case-action-form" data-action="${kind}" data-case="${c.id}" data-version="${c.version}" novalidate>
    <ol class="material-inputs">${items.map(
      (it, i) => html`<li class="material-input" data-material="${it.materialId}" data-name="${it.name}" data-required>
  <h3>${i + 1}. ${it.name}</h3>
  ${uploadField({ key: `${kind}-${it.materialId}`, materialId: it.materialId, name: it.name, required: true, note: it.note })}
</li>`,
    )}</ol>
    <p class="form-error" role="alert" data-submit-error hidden></p>
    <button type="submit">提交${title}</button>
  </form>
</section>`;
}

function withdrawForm(c: CaseDetailView): Html {
  return html`<details class="my-card withdraw">
  <summary>撤回申请</summary>
  <form class="case-action-form" data-action="withdraw" data-case="${c.id}" data-version="${c.version}" novalidate>
    <div class="form-field">
      <label for="withdraw-reason">撤回原因（选填）</label>
      <textarea id="withdraw-reason" name="reason" maxlength="500" rows="3"></textarea>
    </div>
    <p class="hint">撤回后本办件终止办理，如需办理须重新申请。</p>
    <p class="form-error" role="alert" data-submit-error hidden></p>
    <button type="submit" class="button danger">确认撤回</button>
  </form>
</details>`;
}

/** What to do next: supplement or correction forms, and withdrawal while that is still possible. */
function nextSteps(c: CaseDetailView): Html | string {
  const parts: (Html | string)[] = [];
  if (c.supplement && c.allowedActions.includes('supply')) parts.push(itemsForm('supply', c, c.supplement.items, c.supplement.deadlineOn));
  if (c.tolerant && c.allowedActions.includes('supply-correction')) parts.push(itemsForm('corrections', c, c.tolerant.items, c.tolerant.deadlineOn));
  if (c.allowedActions.includes('withdraw')) parts.push(withdrawForm(c));
  if (!parts.length) return '';
  return html`<section aria-labelledby="next-title"><h2 id="next-title">下一步</h2>${parts}</section>`;
}

const MATERIAL_STATUS: Record<string, string> = { submitted: '已提交', accepted: '已收取', 'to-correct': '需补正' };

type CaseMaterialRow = CaseDetailView['materials'][number];

/** What stands for the material: the licence or data share the platform took, the file, or paper. */
function materialWhat(m: CaseMaterialRow): Html | string {
  if (m.licence) return html`已由平台调取：${m.licence.typeName}（编号 ${m.licence.licenceNumber}）`;
  if (m.source === 'sharing') return '由办理部门通过数据共享获取';
  if (m.file) return m.file.fileName;
  return m.source === 'paper' ? '纸质材料' : '—';
}

/** The tag: one the platform obtained itself was never submitted by the applicant (平台调取). */
function materialTag(m: CaseMaterialRow): Html {
  if (m.status === 'to-correct') return html`<span class="tag warn">${MATERIAL_STATUS[m.status]}</span>`;
  if (m.source === 'sharing') return html`<span class="tag shared">平台调取</span>`;
  return html`<span class="tag">${MATERIAL_STATUS[m.status] ?? m.status}</span>`;
}

/** The materials as the detail gives them: in the guide's order (loadCaseDetail sorts them so). */
function materialsList(c: CaseDetailView): Html {
  return html`<section class="my-card" aria-labelledby="materials-title">
  <h2 id="materials-title">已交材料</h2>
  ${c.materials.length
    ? html`<ul class="case-materials">${c.materials.map(
        (m) => html`<li data-material="${m.materialId}">${m.name}：${materialWhat(m)}${m.reusedFromCaseNumber ? html`<span class="hint">（使用办件 ${m.reusedFromCaseNumber} 的材料）</span>` : ''} ${materialTag(m)}${m.note ? html`<span class="hint">（${m.note}）</span>` : ''}</li>`,
      )}</ul>`
    : html`<p class="hint">无。</p>`}
</section>`;
}

function noticesList(c: CaseDetailView): Html {
  return html`<section class="my-card" aria-labelledby="notices-title">
  <h2 id="notices-title">文书下载</h2>
  ${c.notices.length
    ? html`<ul class="notices">${c.notices.map(
        (n) => html`<li><a href="${safeUrl(n.url ?? `/api/my/cases/${c.id}/notices/${n.id}/pdf`)}" download>${n.kindName}（${n.number}）PDF</a> <span class="hint">${when(n.createdAt)}</span></li>`,
      )}</ul>`
    : html`<p class="hint">暂无文书。受理、补正告知、决定等文书出具后可在此下载。</p>`}
</section>`;
}

export function myCasePage(v: { c: CaseDetailView; messages: PortalMessageView[]; notice?: string }): string {
  const { c } = v;
  return page(
    { title: `办件 ${c.caseNumber}`, q: null },
    html`${myNav('case')}
<h1>${c.itemName}</h1>
${v.notice ? html`<p class="form-ok" role="status">${v.notice}</p>` : ''}
<section class="my-card" aria-labelledby="state-title">
  <h2 id="state-title">当前状态：${stateTag(c.state, c.stateName)}</h2>
  <dl class="facts my-facts">
    <div><dt>办件编号</dt><dd class="code">${c.caseNumber}</dd></div>
    <div><dt>办理机构</dt><dd>${c.orgName}</dd></div>
    ${c.situation ? html`<div><dt>办理情形</dt><dd>${c.situation.name}</dd></div>` : ''}
    <div><dt>提交时间</dt><dd>${when(c.submittedAt)}</dd></div>
  </dl>
  ${stateInWords(c)}
</section>
${NOSCRIPT}
${nextSteps(c)}
<section class="my-card" aria-labelledby="timeline-title">
  <h2 id="timeline-title">办理进度</h2>
  ${timeline(c)}
</section>
${noticesList(c)}
${materialsList(c)}
${messagesSection(v.messages, '本办件暂无消息。')}
${SCRIPT}`,
  );
}
