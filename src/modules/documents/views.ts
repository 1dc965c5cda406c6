// The public verification page (电子文书核验), server-rendered in the portal's frame, phone first
// (375 px), no script: the verdict first, in words and colour and a mark (never colour alone), then
// the document, the seal and the signature, the download of the issued PDF, and a form to check a
// file one holds.
import { html, raw, type Html } from '../portal/html.js';
import { page } from '../portal/views/layout.js';
import { sealDrawing, sealSvg } from '../seals/drawing.js';
import { SEAL_STATUS_NAMES } from '../seals/rules.js';
import { zhDate } from './layout.js';
import { beijingTime } from './presenter.js';
import { documentKindName, downloadPathOf, VERDICT_NAMES, type Verdict } from './rules.js';
import type { Verification } from './service.js';

const MARKS: Record<Verdict, string> = { genuine: '✓', altered: '✗', 'not-ours': '?' };

function verdictBox(v: Verification, uploaded: boolean): Html {
  const headline = v.verdict === 'genuine' && !uploaded ? '真实有效：本平台签发，内容未被改动' : VERDICT_NAMES[v.verdict];
  return html`<section class="verdict verdict-${v.verdict}" role="status" aria-labelledby="verdict-title">
  <p class="verdict-title" id="verdict-title"><span class="verdict-mark" aria-hidden="true">${MARKS[v.verdict]}</span>${headline}</p>
  <p>${v.reason}</p>
</section>`;
}

function fact(label: string, value: Html | string | null | undefined): Html | string {
  return value ? html`<div><dt>${label}</dt><dd>${value}</dd></div>` : '';
}

function documentCard(v: Verification): Html | string {
  const d = v.document;
  if (!d) return '';
  return html`<section class="verify-card" aria-labelledby="doc-title">
  <h2 id="doc-title">文书信息</h2>
  <dl class="facts">
    ${fact('文书', d.title)}
    ${documentKindName(d.kind, d.title) === d.title ? '' : fact('文书类型', documentKindName(d.kind, d.title))}
    ${fact('文书编号', d.number)}
    ${fact('签发日期', zhDate(d.issuedOn))}
    ${fact('签发机构', d.orgName)}
    ${fact('统一社会信用代码', d.orgCreditCode ? html`<span class="code">${d.orgCreditCode}</span>` : null)}
  </dl>
  <p class="actions"><a class="button" href="${downloadPathOf(d.id)}" download="${d.fileName}">下载签发的 PDF 原件</a></p>
</section>`;
}

/** The signature's line: for an altered copy it says the copy does not match the (valid) signed record. */
function signatureLine(v: Verification): Html {
  if (!v.signature!.valid) return html`<span class="status-bad">SM2 签名验证未通过</span>`;
  if (v.verdict === 'altered') return html`<span class="status-bad">上传的文件与签名不符</span>（平台保存的签发记录签名有效）`;
  return html`<span class="status-ok">SM2 签名验证通过</span>`;
}

function sealCard(v: Verification): Html | string {
  const s = v.seal;
  const sig = v.signature;
  if (!s || !sig) return '';
  const image = sealSvg(sealDrawing(s.name, s.kind), `电子印章图样：${s.name} ${s.kind}`);
  const atSigning = s.validAtSigning
    ? html`<span class="status-ok">有效</span>`
    : html`<span class="status-bad">无效（${s.statusAtSigning ? SEAL_STATUS_NAMES[s.statusAtSigning] : '尚未启用'}）</span>`;
  const since = s.statusChangedAt ? `，自 ${beijingTime(s.statusChangedAt)} 起` : '';
  const now =
    s.statusNow === 'active'
      ? html`<span class="status-ok">有效</span>`
      : html`<span class="status-bad">${SEAL_STATUS_NAMES[s.statusNow]}${since}</span>${s.validAtSigning ? '；此前签发的文书，签章时印章有效' : ''}`;
  const digests =
    v.digest.received && v.digest.issued && v.digest.received !== v.digest.issued
      ? html`${fact('签发时的摘要', html`<span class="digest">${v.digest.issued}</span>`)}${fact('上传文件的摘要', html`<span class="digest digest-diff">${v.digest.received}（不一致）</span>`)}`
      : fact('SM3 摘要', html`<span class="digest">${v.digest.issued}</span>`);
  return html`<section class="verify-card" aria-labelledby="seal-title">
  <h2 id="seal-title">电子印章与签名</h2>
  <div class="seal-row">
    <div class="seal-image">${raw(image)}</div>
    <dl class="facts">
      ${fact('印章', `${s.name}（${s.kind}）`)}
      ${fact('签章时间', `${beijingTime(sig.signedAt)}（北京时间）`)}
      ${fact('签章时印章', atSigning)}
      ${fact('印章当前状态', now)}
      ${fact('签名', signatureLine(v))}
      ${digests}
    </dl>
  </div>
</section>`;
}

function uploadForm(): Html {
  // Verifying changes nothing on the server, so this form needs no anti-forgery token.
  return html`<section class="verify-card upload-section" aria-labelledby="upload-title">
  <h2 id="upload-title">核验手中的文件</h2>
  <p class="hint" id="upload-hint">上传您收到的 PDF 文书，平台重新计算其 SM3 摘要并核对电子印章签名，判断是否为本平台签发、是否被改动。文件仅用于核验，不会保存。</p>
  <form class="upload-form" method="post" action="/verify" enctype="multipart/form-data">
    <div class="form-field">
      <label for="verify-file">选择 PDF 文件</label>
      <input id="verify-file" name="file" type="file" accept="application/pdf,.pdf" required aria-describedby="upload-hint">
    </div>
    <button type="submit">核验文件</button>
  </form>
</section>`;
}

const STYLE = html`<link rel="stylesheet" href="/assets/verify.css">`;

/** The result page: from the QR code (uploaded = false) or after an upload. */
export interface LicenceOfDocument {
  identifier: string;
  status: string;
}

const LICENCE_STATUS_NAMES: Record<string, string> = { active: '有效', cancelled: '已注销', expired: '已过期', revoked: '已吊销' };

function licenceCard(l: LicenceOfDocument): Html {
  return html`<section class="verify-card" aria-labelledby="licence-title">
  <h2 id="licence-title">电子证照当前状态</h2>
  <p>本文件是电子证照。证照当前状态：<strong>${LICENCE_STATUS_NAMES[l.status] ?? l.status}</strong>（以证照核验页面为准）。</p>
  <p><a href="/verify/licence/${encodeURIComponent(l.identifier)}">查看证照核验页面</a></p>
</section>`;
}

export function verificationPage(v: Verification, options: { uploaded: boolean; licence?: LicenceOfDocument | null }): string {
  return page(
    { title: `电子文书核验：${VERDICT_NAMES[v.verdict]}`, q: null },
    html`${STYLE}
<h1>电子文书核验</h1>
${verdictBox(v, options.uploaded)}
${options.licence ? licenceCard(options.licence) : ''}
${documentCard(v)}
${sealCard(v)}
${uploadForm()}`,
  );
}

/** The upload page on its own (/verify), or with a message when the form came back empty. */
export function uploadPage(message?: string): string {
  return page(
    { title: '电子文书核验', q: null },
    html`${STYLE}
<h1>电子文书核验</h1>
<p class="lead">本平台签发的每份文书都加盖了电子印章，并在页面下方印有核验二维码。扫描二维码，或在此上传 PDF 文件核验真伪。</p>
${message ? html`<p class="form-error" role="alert">${message}</p>` : ''}
${uploadForm()}`,
  );
}

/** No document with this id: the page says plainly that the platform did not issue it. */
export function notIssuedPage(): string {
  return page(
    { title: '不是本平台签发', q: null },
    html`${STYLE}
<h1>电子文书核验</h1>
<section class="verdict verdict-not-ours" role="status" aria-labelledby="verdict-title">
  <p class="verdict-title" id="verdict-title"><span class="verdict-mark" aria-hidden="true">?</span>不是本平台签发</p>
  <p>没有找到这份文书：本平台没有签发过二维码中的文书编号。请向出具文书的单位核实。</p>
</section>
${uploadForm()}`,
  );
}
