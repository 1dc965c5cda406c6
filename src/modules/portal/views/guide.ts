// The guide page (办事指南): every element of Art. 9, in the order a citizen asks —
// can I apply, what do I bring, how does it go, how long, how much, where, what do I get, whom to call.
import type { Material } from '../../catalog/guide-content.js';
import { html, raw, safeUrl, type Html } from '../html.js';
import {
  DELIVERY_NAMES,
  HANDLING_FORM_NAMES,
  ITEM_TYPE_NAMES,
  LEVEL_NAMES,
  RESULT_KIND_NAMES,
  SERVICE_OBJECT_NAMES,
  basisPhrase,
  feeBasisText,
  feeSummary,
  formatDateZh,
  formatLimit,
  formatYuan,
  joinNames,
  materialCopies,
  materialSource,
} from '../labels.js';
import type { PublishedGuide } from '../queries.js';
import { page } from './layout.js';

export interface GuideView {
  guide: PublishedGuide;
  url: string;
  qrSvg: string;
}

/**
 * A phone field (咨询电话, 监督投诉) with each number its own tel: link: "0482-8693350、12345" is two
 * links, tel:04828693350 and tel:12345, and the words and separators between them (、，,;/ and
 * spaces) stay text. A number is digits with hyphens inside and an optional leading +; it needs
 * at least 3 digits (110, 12345) and must not touch ':' or '.', so 8:30-12:00 stays text.
 */
export function phoneLinks(field: string): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const m of field.matchAll(/(?<![\d:.+-])\+?\d(?:[\d-]*\d)?(?![\d:.-])/g)) {
    const digits = m[0].replace(/[^\d+]/g, '');
    if (digits.replace('+', '').length < 3) continue;
    parts.push(html`${field.slice(at, m.index)}<a href="tel:${digits}">${m[0]}</a>`);
    at = m.index + m[0].length;
  }
  parts.push(html`${field.slice(at)}`);
  return html`${parts}`;
}

function section(id: string, title: string, body: Html | Html[]): Html {
  return html`<section class="guide-section" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2>${body}</section>`;
}

function summary(g: PublishedGuide): Html {
  const c = g.content;
  return html`<dl class="summary">
  <div><dt>承诺办结</dt><dd>${formatLimit(c.promisedLimit)}</dd></div>
  <div><dt>收费</dt><dd>${feeSummary(c.fees)}</dd></div>
  <div><dt>到现场</dt><dd>${g.totals.visits ?? 0} 次</dd></div>
  <div><dt>需交材料</dt><dd>${g.totals.applicantMaterials ?? c.materials.length} 份</dd></div>
</dl>`;
}

function header(v: GuideView): Html {
  const g = v.guide;
  const c = g.content;
  return html`<header class="guide-header">
  <p class="crumbs"><a href="/">办事大厅</a> › <a href="/search?division=${g.division.code}">${g.division.name}</a> › ${g.org.name}</p>
  <h1>${c.itemName}${c.subItemName ? html`<span class="sub-item">${c.subItemName}</span>` : ''}</h1>
  <p class="meta">
    <span class="tag">${ITEM_TYPE_NAMES[c.itemType]}</span>
    <span>${g.org.name}</span> · <span>${LEVEL_NAMES[g.implementation.level]}</span>
  </p>
  <p class="version">第 ${g.versionNo} 版 · 自 <time datetime="${g.effectiveFrom}">${formatDateZh(g.effectiveFrom)}</time> 起施行</p>
  ${summary(g)}
  <p class="actions no-print">
    ${c.handlingForms.includes('online') ? html`<a class="button apply-online" href="/apply/${g.implementation.id}">在线申请</a>` : ''}
    <a class="button" href="/guides/${g.implementation.code}.pdf" download>下载 PDF</a>
    <a class="button secondary" href="/guides/${g.implementation.code}?print=1" data-print>打印</a>
    <a class="button secondary" href="/kiosk/guides/${g.implementation.code}">自助终端版</a>
  </p>
</header>`;
}

function materialItem(m: Material, index: number): Html {
  return html`<li id="m-${m.id}" class="material">
  <h3>${index + 1}. ${m.name} ${m.required ? '' : html`<span class="tag muted">非必要</span>`}</h3>
  <dl class="facts">
    <div><dt>形式与份数</dt><dd>${materialCopies(m)}</dd></div>
    <div><dt>来源</dt><dd>${materialSource(m)}</dd></div>
    ${m.isForm ? html`<div><dt>表格</dt><dd>${m.blankForm ? html`<a href="${safeUrl(m.blankForm.url)}">空白表格：${m.blankForm.title}</a>` : '—'}${m.sampleForm ? html`；<a href="${safeUrl(m.sampleForm.url)}">填写示例：${m.sampleForm.title}</a>` : ''}</dd></div>` : ''}
    ${m.legalBasis ? html`<div><dt>依据</dt><dd>${m.legalBasis}</dd></div>` : ''}
    ${m.notes ? html`<div><dt>填报须知</dt><dd>${m.notes}</dd></div>` : ''}
  </dl>
</li>`;
}

function materials(g: PublishedGuide): Html {
  const c = g.content;
  const byId = new Map(c.materials.map((m) => [m.id, m]));
  const situations = c.situations.length
    ? html`<div class="situations"><p>请先找到您的情形，只需准备该情形列出的材料：</p>
      ${c.situations.map(
        (s) => html`<section class="situation" aria-labelledby="s-${s.id}"><h3 id="s-${s.id}">${s.name}</h3>
        <ul>${s.materialIds.map((id) => byId.get(id)).filter((m): m is Material => Boolean(m)).map((m) => html`<li><a href="#m-${m.id}">${m.name}</a></li>`)}</ul></section>`,
      )}</div>`
    : '';
  const list = c.materials.length ? html`<ol class="materials">${c.materials.map(materialItem)}</ol>` : html`<p>无需提交材料。</p>`;
  return section('materials', '所需材料', [situations as Html, list]);
}

function processSteps(g: PublishedGuide): Html {
  return section(
    'process',
    '办理流程',
    html`<ol class="steps">${g.content.process.map(
      (s) => html`<li><strong>${s.name}</strong>：${s.responsibleUnit}，${formatLimit(s.timeLimit)}${s.countsTowardLimit ? '' : html`<span class="tag muted">特殊环节，不计入法定时限</span>`}${s.onSite ? html`<span class="tag">需到现场</span>` : ''}</li>`,
    )}</ol>`,
  );
}

function limitsAndFees(g: PublishedGuide): Html[] {
  const c = g.content;
  return [
    section('limits', '办理时限', html`<dl class="facts"><div><dt>法定办结时限</dt><dd>${formatLimit(c.legalLimit)}</dd></div><div><dt>承诺办结时限</dt><dd>${formatLimit(c.promisedLimit)}</dd></div></dl>`),
    section(
      'fees',
      '收费标准及依据',
      html`<p>${feeSummary(c.fees)}</p>
      ${c.fees.items.length ? html`<ul>${c.fees.items.map((f) => html`<li>${f.name}：${formatYuan(f.amountYuan)}（${basisPhrase(f.basis)}）</li>`)}</ul>` : ''}
      ${feeBasisText(c.fees) ? html`<p class="basis">${feeBasisText(c.fees)}</p>` : ''}`,
    ),
  ];
}

function whereAndHow(g: PublishedGuide): Html {
  const c = g.content;
  return section(
    'where',
    '办理形式与地点',
    html`<p>办理形式：${joinNames(c.handlingForms, HANDLING_FORM_NAMES)}</p>
    <ul class="locations">${c.locations.map((l) => html`<li><strong>${l.name}</strong><br>地址：${l.address}<br>办公时间：${l.hours}</li>`)}</ul>`,
  );
}

function resultAndContact(g: PublishedGuide): Html[] {
  const c = g.content;
  return [
    section(
      'result',
      '办理结果',
      html`<p>${c.result.name}（${RESULT_KIND_NAMES[c.result.kind]}）</p>
      <p>送达方式：${joinNames(c.result.delivery, DELIVERY_NAMES)}</p>
      ${c.result.sample ? html`<p><a href="${safeUrl(c.result.sample.url)}">查看结果样本：${c.result.sample.title}</a></p>` : ''}`,
    ),
    section(
      'contact',
      '咨询与监督投诉',
      html`<dl class="facts"><div><dt>咨询电话</dt><dd>${phoneLinks(c.consultation.phone)}${c.consultation.other ? html`；${c.consultation.other}` : ''}</dd></div>
      <div><dt>监督投诉</dt><dd>${phoneLinks(c.complaint.phone)}${c.complaint.other ? html`；${c.complaint.other}` : ''}</dd></div></dl>`,
    ),
  ];
}

function qrBlock(v: GuideView): Html {
  return html`<aside class="qr-block" aria-label="手机扫码查看">
  <div class="qr">${raw(v.qrSvg)}</div>
  <div class="qr-text">
    <p>手机扫码查看本指南<br><span class="url">${v.url}</span></p>
    <p class="no-print"><a href="/guides/${v.guide.implementation.code}/qr.png" download>下载二维码图片</a></p>
  </div>
</aside>`;
}

export function guidePage(v: GuideView): string {
  const g = v.guide;
  const c = g.content;
  return page(
    { title: `${c.itemName}办事指南`, description: `${g.org.name} ${c.itemName} 办事指南：所需材料、办理流程、时限、收费与地点。` },
    html`<article class="guide">
${header(v)}
<nav class="toc no-print" aria-label="本页目录"><a href="#conditions">受理条件</a><a href="#materials">所需材料</a><a href="#process">办理流程</a><a href="#limits">时限</a><a href="#fees">收费</a><a href="#where">地点</a><a href="#result">结果</a><a href="#contact">咨询投诉</a></nav>
${section('basics', '基本信息', html`<dl class="facts"><div><dt>实施主体</dt><dd>${c.implementingBody}</dd></div><div><dt>服务对象</dt><dd>${joinNames(c.serviceObjects, SERVICE_OBJECT_NAMES)}</dd></div><div><dt>事项类型</dt><dd>${ITEM_TYPE_NAMES[c.itemType]}</dd></div><div><dt>实施编码</dt><dd class="code">${g.implementation.code}</dd></div></dl>`)}
${section('conditions', '受理条件', c.acceptanceConditions.length ? html`<ul>${c.acceptanceConditions.map((a) => html`<li>${a}</li>`)}</ul>` : html`<p>无特别条件。</p>`)}
${materials(g)}
${processSteps(g)}
${limitsAndFees(g)}
${whereAndHow(g)}
${resultAndContact(g)}
${section('basis', '设定依据', html`<ul>${c.legalBasis.map((b) => html`<li>${b}</li>`)}</ul>`)}
${qrBlock(v)}
</article>`,
  );
}
