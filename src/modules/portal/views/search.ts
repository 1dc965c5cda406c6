// Search results (查找事项): the form with its filters, then each guide found with its
// organization, region and type, linking to the guide page.
import { ITEM_TYPES, type ItemTypeSchema } from '../../catalog/guide-content.js';
import type { Static } from '@sinclair/typebox';
import { html, queryString, type Html } from '../html.js';
import { ITEM_TYPE_NAMES } from '../labels.js';
import { page } from './layout.js';

/** What the page shows of one hit; the service maps the search module's result to this. */
export interface SearchHitView {
  implementationCode: string;
  itemName: string;
  subItemName: string | null;
  orgName: string;
  divisionName: string;
  itemType: Static<typeof ItemTypeSchema>;
}

export interface SearchView {
  query: { q?: string; division?: string; type?: string; orgId?: string; cursor?: string };
  counties: { code: string; name: string }[];
  /** null: nothing asked yet, show only the form. */
  hits: SearchHitView[] | null;
  total: number;
  /** Opaque position of the next page, when there is one. */
  nextCursor?: string | null;
  /** Why there are no results beyond "none matched", e.g. search not available. */
  notice?: string;
}

function filters(v: SearchView): Html {
  const q = v.query;
  return html`<form class="search-form" role="search" aria-label="按条件查找事项" action="/search" method="get">
  <div class="field wide"><label for="q">事项名称或关键词</label>
    <input id="q" name="q" type="search" value="${q.q ?? ''}" placeholder="如：营业执照、yyzz" autocomplete="off"></div>
  <div class="field"><label for="division">地区</label>
    <select id="division" name="division"><option value="">全盟</option>
      ${v.counties.map((c) => html`<option value="${c.code}"${c.code === q.division ? html` selected` : ''}>${c.name}</option>`)}
    </select></div>
  <div class="field"><label for="type">事项类型</label>
    <select id="type" name="type"><option value="">全部类型</option>
      ${ITEM_TYPES.map((t) => html`<option value="${t}"${t === q.type ? html` selected` : ''}>${ITEM_TYPE_NAMES[t]}</option>`)}
    </select></div>
  ${q.orgId ? html`<input type="hidden" name="orgId" value="${q.orgId}">` : ''}
  <div class="field"><button type="submit">搜索</button></div>
</form>`;
}

function results(v: SearchView): Html {
  if (v.hits === null) return html`<p class="hint">输入事项名称、拼音或拼音首字母（如 yyzz 查“营业执照”），或选择地区和类型。</p>`;
  if (!v.hits.length) {
    return html`<p class="empty" role="status">${v.notice ?? '没有找到相关事项。'}请换个说法，或拨打 12345 咨询。</p>`;
  }
  const { q, division, type, orgId } = v.query;
  const next = v.nextCursor ? html`<p class="pager"><a class="button secondary" href="/search${queryString({ q, division, type, orgId, cursor: v.nextCursor })}">下一页</a></p>` : '';
  return html`<p role="status">共找到 ${v.total} 项${v.notice ? html`。${v.notice}` : ''}</p>
<ol class="results">
  ${v.hits.map(
    (h) => html`<li class="result"><a href="/guides/${h.implementationCode}"><span class="result-title">${h.itemName}</span>${h.subItemName && h.subItemName !== h.itemName ? html`<span class="result-sub">${h.subItemName}</span>` : ''}</a>
    <p class="meta"><span>${h.orgName}</span> · <span>${h.divisionName}</span> · <span class="tag">${ITEM_TYPE_NAMES[h.itemType] ?? h.itemType}</span></p></li>`,
  )}
</ol>
${next}`;
}

export function searchPage(v: SearchView): string {
  const title = v.query.q ? `“${v.query.q}”的搜索结果` : '查找事项';
  return page(
    { title, q: null },
    html`<h1>${title}</h1>
${filters(v)}
<section aria-label="搜索结果" class="search-results">${results(v)}</section>
${v.query.q || v.query.division || v.query.type ? html`<p class="no-print"><a href="/search${queryString({})}">清除条件</a></p>` : ''}`,
  );
}
