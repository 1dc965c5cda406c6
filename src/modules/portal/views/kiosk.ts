// The kiosk view (自助终端, Art. 11): the same published record in large type and high contrast,
// without navigation chrome, for a touch screen in a service center. The QR code takes it home.
import { html, raw } from '../html.js';
import { feeSummary, formatDateZh, formatLimit, materialCopies, ITEM_TYPE_NAMES } from '../labels.js';
import type { GuideView } from './guide.js';
import { page } from './layout.js';

export function kioskPage(v: GuideView): string {
  const g = v.guide;
  const c = g.content;
  return page(
    { title: `${c.itemName}（自助终端）`, kiosk: true },
    html`<article class="kiosk-guide">
<header>
  <h1>${c.itemName}${c.subItemName ? html`<span class="sub-item">${c.subItemName}</span>` : ''}</h1>
  <p class="meta">${g.org.name} · ${ITEM_TYPE_NAMES[c.itemType]} · 第 ${g.versionNo} 版，自 ${formatDateZh(g.effectiveFrom)} 起施行</p>
</header>
<div class="kiosk-grid">
  <section aria-labelledby="k-materials"><h2 id="k-materials">要带的材料</h2>
    <ol>${c.materials
      .filter((m) => m.source !== 'sharing')
      .map((m) => html`<li>${m.name}<span class="copies">${materialCopies(m)}</span></li>`)}</ol>
  </section>
  <section aria-labelledby="k-facts"><h2 id="k-facts">办理须知</h2>
    <dl>
      <div><dt>承诺办结</dt><dd>${formatLimit(c.promisedLimit)}</dd></div>
      <div><dt>法定办结</dt><dd>${formatLimit(c.legalLimit)}</dd></div>
      <div><dt>收费</dt><dd>${feeSummary(c.fees)}</dd></div>
      <div><dt>到现场</dt><dd>${g.totals.visits ?? 0} 次</dd></div>
      <div><dt>咨询电话</dt><dd>${c.consultation.phone}</dd></div>
      <div><dt>投诉电话</dt><dd>${c.complaint.phone}</dd></div>
    </dl>
  </section>
  <section aria-labelledby="k-steps"><h2 id="k-steps">办理步骤</h2>
    <ol>${c.process.map((s) => html`<li>${s.name}（${formatLimit(s.timeLimit)}）</li>`)}</ol>
  </section>
  <section aria-labelledby="k-where"><h2 id="k-where">在哪里办</h2>
    <ul>${c.locations.map((l) => html`<li>${l.name}：${l.address}，${l.hours}</li>`)}</ul>
  </section>
</div>
<aside class="kiosk-qr" aria-label="手机扫码带走">
  <div class="qr">${raw(v.qrSvg)}</div>
  <p>用手机扫一扫，带走这份指南</p>
</aside>
</article>`,
  );
}
