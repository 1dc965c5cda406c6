// 办事大厅 home: one search box, the seven item types of Art. 6 and the league's counties as filters.
import { ITEM_TYPES } from '../../catalog/guide-content.js';
import { html, queryString } from '../html.js';
import { ITEM_TYPE_NAMES } from '../labels.js';
import { page, SITE_NAME } from './layout.js';

export interface HomeView {
  counties: { code: string; name: string }[];
}

export function homePage(view: HomeView): string {
  return page(
    { title: SITE_NAME, q: null, description: '兴安盟政务服务事项办事指南查询：所需材料、办理流程、办理时限、收费标准、办理地点。' },
    html`<section class="hero" aria-labelledby="home-title">
  <h1 id="home-title">办事指南查询</h1>
  <p class="lead">查看要带什么材料、去哪里办、多久办好。所有内容与政务服务中心窗口、自助终端一致。</p>
  <form class="big-search" role="search" aria-label="办事指南搜索" action="/search" method="get">
    <label for="home-q">要办什么事？</label>
    <div class="search-row">
      <input id="home-q" name="q" type="search" placeholder="如：营业执照、食品经营许可、yyzz" autocomplete="off">
      <button type="submit">搜索</button>
    </div>
  </form>
</section>

<section aria-labelledby="types-title">
  <h2 id="types-title">按事项类型</h2>
  <ul class="chips">
    ${ITEM_TYPES.map((t) => html`<li><a class="chip" href="/search${queryString({ type: t })}">${ITEM_TYPE_NAMES[t]}</a></li>`)}
  </ul>
</section>

<section aria-labelledby="regions-title">
  <h2 id="regions-title">按地区（旗县市）</h2>
  <ul class="chips">
    ${view.counties.map((c) => html`<li><a class="chip" href="/search${queryString({ division: c.code })}">${c.name}</a></li>`)}
  </ul>
</section>

<section class="help" aria-labelledby="help-title">
  <h2 id="help-title">其他服务</h2>
  <ul class="link-list">
    <li><a href="/api/docs">开放数据接口（办事指南 JSON）</a></li>
    <li><a href="/admin/">管理后台（工作人员）</a></li>
  </ul>
</section>`,
  );
}
