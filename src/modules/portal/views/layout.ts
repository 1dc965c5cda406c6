// The page frame of the citizen portal (办事大厅): Chinese, light, one stylesheet, one small script
// (the large-text toggle for older people, 大字版), a skip link and landmarks for screen readers.
import { html, type Html } from '../html.js';

export interface PageOptions {
  title: string;
  description?: string;
  /** Kiosk pages (自助终端) have no navigation chrome. */
  kiosk?: boolean;
  /** Current search text, kept in the header search box; null: no header search (the page has its own). */
  q?: string | null;
}

export const SITE_NAME = '兴安盟政务服务 · 办事大厅';

function siteHeader(q: string | null | undefined): Html {
  return html`<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/">兴安盟政务服务<span class="brand-sub">办事大厅</span></a>
    <nav class="top-nav" aria-label="站点导航">
      <a href="/search">查找事项</a>
      <a href="/my">我的</a>
      <a href="/admin/">管理后台</a>
      <button type="button" class="text-size" data-text-size hidden aria-pressed="false">大字版</button>
    </nav>
  </div>
  ${q === null ? '' : html`<form class="wrap header-search" role="search" aria-label="站内搜索" action="/search" method="get">
    <label class="visually-hidden" for="site-q">搜索办事事项</label>
    <input id="site-q" name="q" type="search" value="${q ?? ''}" placeholder="输入事项名称，如 营业执照、yyzz" autocomplete="off">
    <button type="submit">搜索</button>
  </form>`}
</header>`;
}

const siteFooter = html`<footer class="site-footer">
  <div class="wrap">
    <p>兴安盟政务服务管理办公室 主办 · 依据《兴安盟政务服务标准化管理办法》同源发布</p>
    <p><a href="/api/docs">开放数据接口</a> · <a href="/admin/">工作人员登录</a></p>
  </div>
</footer>`;

export function page(options: PageOptions, body: Html): string {
  const title = options.title === SITE_NAME ? SITE_NAME : `${options.title} - ${SITE_NAME}`;
  return html`<!doctype html>
<html lang="zh-CN"${options.kiosk ? html` class="kiosk"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ''}
<link rel="stylesheet" href="/assets/portal.css">
<script src="/assets/portal.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
${options.kiosk ? '' : siteHeader(options.q)}
<main id="main" class="wrap" tabindex="-1">
${body}
</main>
${options.kiosk ? '' : siteFooter}
</body>
</html>
`.value;
}

/** The Chinese error page (404 未找到, 400 请求有误 …), with a way back. */
export function errorPage(status: number, title: string, detail: string): string {
  return page(
    { title },
    html`<section class="error-page" aria-labelledby="error-title">
  <p class="error-status">${status}</p>
  <h1 id="error-title">${title}</h1>
  <p>${detail}</p>
  <p><a class="button" href="/">返回办事大厅首页</a> <a class="button secondary" href="/search">查找事项</a></p>
</section>`,
  );
}

/**
 * The sign-in code shown on the page of a development or demonstration instance (demoLoginCode),
 * marked as such so nobody takes it for how the real platform works; nothing otherwise.
 */
export function demoCodeBox(code: string | null | undefined, className: string): Html | string {
  return code ? html`<p class="${className}" role="note"><strong>演示环境：验证码 <span class="code">${code}</span></strong>（正式环境中通过短信发送）</p>` : '';
}
