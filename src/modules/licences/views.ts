// Server-rendered pages of e-licences in the portal frame: the public verification page (电子证照核验,
// reached from the QR code; no sign-in) and the holder's own 我的证照 with 使用记录 (who obtained
// their licences by sharing, when, and what for). Plain HTML, no script: readable at 375 px and by
// screen readers (one h1, labelled sections, the status announced as role="status").
import { html, type Html } from '../portal/html.js';
import { page } from '../portal/views/layout.js';
import { formatDateTimeZh, formatDateZh } from '../portal/labels.js';
import type { LicenceIdError } from '../../lib/licence-id.js';
import type { PublicLicenceJson } from './schema.js';
import { STATUS_NAMES } from './rules.js';
import type { LicenceStatus } from '../../db/schema.js';

// The portal's one style for days and moments (2026年11月26日 11:58, Beijing time).
const fmtTime = formatDateTimeZh;
const fmtDate = formatDateZh;

function fact(label: string, value: string | Html): Html {
  return html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
}

const STATUS_EXPLAINED: Record<LicenceStatus, string> = {
  active: '该证照真实有效。',
  cancelled: '该证照已注销，不再具有效力。',
  expired: '该证照已超过有效期，不再具有效力。',
  revoked: '该证照已被依法吊销，不再具有效力。',
};

function statusBanner(l: PublicLicenceJson): Html {
  const ok = l.status === 'active';
  return html`<div class="${ok ? 'form-ok' : 'form-error'}" role="status" id="licence-status">
  <p><strong>核验结果：${l.statusName}</strong></p>
  <p>${STATUS_EXPLAINED[l.status]}${l.statusChangedAt && !ok ? html`（${fmtTime(l.statusChangedAt)}）` : ''}</p>
  ${!ok && l.statusReason ? html`<p>原因：${l.statusReason}</p>` : ''}
  ${l.currentVersion ? html`<p>现行版本：<a href="/verify/licence/${encodeURIComponent(l.currentVersion.identifier)}">第 ${String(l.currentVersion.version).padStart(3, '0')} 版</a></p>` : ''}
</div>`;
}

/** The verification page of a licence found by its identifier: its facts and its status now. */
export function verifyPage(l: PublicLicenceJson): string {
  return page(
    { title: `电子证照核验：${l.licenceType.name}`, q: null },
    html`<h1>电子证照核验</h1>
${statusBanner(l)}
<section class="my-card" aria-labelledby="licence-title">
  <h2 id="licence-title">${l.licenceType.name}</h2>
  <dl class="facts">
    ${fact('证照状态', l.statusName)}
    ${fact('持证主体', `${l.holder.name}（${l.holder.kindName}）`)}
    ${fact('证件号码', html`<span class="code">${l.holder.identity}</span>`)}
    ${fact('证照编号', html`<span class="code">${l.licenceNumber}</span>`)}
    ${fact('版本', `第 ${String(l.version).padStart(3, '0')} 版`)}
    ${fact('发证机构', l.issuer.name)}
    ${fact('机构代码', html`<span class="code">${l.issuer.creditCode}</span>`)}
    ${fact('有效期', l.validUntil ? `${fmtDate(l.validFrom)} 至 ${fmtDate(l.validUntil)}` : `${fmtDate(l.validFrom)} 起长期有效`)}
    ${fact('发证时间', fmtTime(l.issuedAt))}
    ${fact('证照标识', html`<span class="code">${l.identifier}</span>`)}
  </dl>
  <p class="hint">核验日期：${fmtDate(l.checkedOn)}。为保护个人信息，持证人信息仅显示部分内容。电子证照与纸质证照具有同等法律效力。</p>
</section>`,
  );
}

/** An identifier that cannot be a licence identifier: what is wrong with each part. */
export function verifyInvalidPage(value: string, errors: LicenceIdError[]): string {
  return page(
    { title: '电子证照核验', q: null },
    html`<h1>电子证照核验</h1>
<div class="form-error" role="alert"><p><strong>核验结果：证照标识格式有误</strong></p><p>这不是有效的电子证照标识，请核对二维码或输入的标识。</p></div>
<section class="my-card" aria-labelledby="problems-title">
  <h2 id="problems-title">标识存在的问题</h2>
  <p class="code">${value}</p>
  <ul>${errors.map((e) => html`<li>${e.message.replace(/\s*\([^()]*\)\s*$/, '')}</li>`)}</ul>
</section>`,
  );
}

/** A well-formed identifier the platform did not issue. */
export function verifyNotFoundPage(identifier: string): string {
  return page(
    { title: '电子证照核验', q: null },
    html`<h1>电子证照核验</h1>
<div class="form-error" role="alert"><p><strong>核验结果：未找到该证照</strong></p><p>本平台没有签发过该标识的电子证照。如证照为本平台签发，请确认标识完整无误；否则该证照可能不是真实的。</p></div>
<p class="code">${identifier}</p>`,
  );
}

export interface MyLicenceItem {
  identifier: string;
  typeName: string;
  licenceNumber: string;
  version: number;
  issuerName: string;
  validFrom: string;
  validUntil: string | null;
  status: LicenceStatus;
}

export interface MyAccessItem {
  at: Date | string;
  clientName: string;
  orgName: string | null;
  purpose: string;
  caseNumber: string;
  typeNames: string[];
  result: 'granted' | 'partial' | 'refused';
  count: number;
}

const RESULT_NAMES = { granted: '已提供', partial: '部分提供（其余类型未获授权）', refused: '已拒绝（未获授权或信息有误）' } as const;

/** 我的证照: the holder's licences and the record of every request for them. */
export function myLicencesPage(view: { verified: boolean; licences: MyLicenceItem[]; accesses: MyAccessItem[] }): string {
  if (!view.verified) {
    return page(
      { title: '我的证照', q: null },
      html`<h1>我的证照</h1>
<section class="my-card"><p>完成实名核验后，可在这里查看本平台为您签发的电子证照，以及各部门调用您证照的记录。</p><p><a class="button" href="/my">去实名核验</a></p></section>`,
    );
  }
  return page(
    { title: '我的证照', q: null },
    html`<h1>我的证照</h1>
<p><a href="/my">返回“我的”</a></p>
<section class="my-card" aria-labelledby="licences-title">
  <h2 id="licences-title">电子证照</h2>
  ${view.licences.length === 0 ? html`<p class="empty">暂无电子证照。</p>` : ''}
  <ul class="history">
    ${view.licences.map(
      (l) => html`<li>
      <p><strong>${l.typeName}</strong> <span class="tag${l.status === 'active' ? '' : ' muted'}">${STATUS_NAMES[l.status]}</span></p>
      <p>编号 <span class="code">${l.licenceNumber}</span> · 第 ${String(l.version).padStart(3, '0')} 版 · ${l.issuerName}</p>
      <p>有效期：${l.validUntil ? `${fmtDate(l.validFrom)} 至 ${fmtDate(l.validUntil)}` : `${fmtDate(l.validFrom)} 起长期有效`}</p>
      <p><a href="/verify/licence/${encodeURIComponent(l.identifier)}">查看核验页<span class="visually-hidden">：${l.typeName}</span></a></p>
    </li>`,
    )}
  </ul>
</section>
<section class="my-card" aria-labelledby="usage-title">
  <h2 id="usage-title">使用记录</h2>
  <p class="hint">各部门业务系统通过数据共享调用您的证照时，平台都会记录：谁、何时、为何调用。</p>
  ${view.accesses.length === 0 ? html`<p class="empty">暂无调用记录。</p>` : ''}
  <ul class="history">
    ${view.accesses.map(
      (a) => html`<li>
      <p><time datetime="${new Date(a.at).toISOString()}">${fmtTime(a.at)}</time> · <strong>${a.clientName}</strong>${a.orgName ? html`（${a.orgName}）` : ''}</p>
      <p>用途：${a.purpose} · 办件编号 <span class="code">${a.caseNumber}</span></p>
      <p>证照类型：${a.typeNames.join('、') || '—'} · 结果：${RESULT_NAMES[a.result]}${a.result !== 'refused' ? `，提供 ${a.count} 份` : ''}</p>
    </li>`,
    )}
  </ul>
</section>`,
  );
}
