// What a QA pass found on the citizen portal, each as a citizen sees it in the served HTML (and
// the PDF): one tel: link per number, a friendly 404 page for a mistyped address, the sub-item's
// name when applying for one, 依据 said once, a case's materials in the guide's order with the
// shared ones tagged 平台调取, and one Chinese date style on the case page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseGuideContent, createCaseTestApp, makeCaseWorld, submitOnline, uploadAsApplicant, type CaseTestApp, type CaseWorld } from '../case-fixture.js';
import { makeGuide, makeImplementation, makeItem } from '../factories.js';

let t: CaseTestApp;
let world: CaseWorld;

beforeAll(async () => {
  t = await createCaseTestApp();
  world = await makeCaseWorld(t.db, t.config);
});
afterAll(async () => {
  await t?.close();
});

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const get = (url: string, token?: string, accept?: string) =>
  t.app.inject({ method: 'GET', url, cookies: token ? { tb_applicant: token } : {}, headers: accept ? { accept } : {} });
const telLinks = (page: string) => [...page.matchAll(/<a href="tel:([^"]+)">([^<]*)<\/a>/g)].map((m) => `${m[1]}=${m[2]}`);

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('') + '\n';
  }
  return text;
}

/** A published guide of the world's department with some content changed. */
async function guideWith(overrides: Parameters<typeof caseGuideContent>[0], itemName = '食品经营许可') {
  const implementation = await makeImplementation(t.db, { itemId: (await makeItem(t.db, { name: itemName })).id, orgId: world.orgs.dept.id });
  await makeGuide(t.db, { implementationId: implementation.id, effectiveFrom: '2024-01-01', content: caseGuideContent(overrides) });
  return implementation;
}

describe('咨询与监督投诉: each phone number its own link', () => {
  it('shows "0482-8693350、12345" as two tel: links with the separator as text, on the guide and beside the application form', async () => {
    const impl = await guideWith({ consultation: { phone: '0482-8693350、12345' }, complaint: { phone: '0482-8218120，12345 / 12315', other: '兴安盟政务服务网' } });
    const guide = await get(`/guides/${impl.code}`);
    expect(guide.statusCode).toBe(200);
    expect(guide.body).toContain('<a href="tel:04828693350">0482-8693350</a>、<a href="tel:12345">12345</a>');
    expect(telLinks(guide.body)).toEqual(['04828693350=0482-8693350', '12345=12345', '04828218120=0482-8218120', '12345=12345', '12315=12315']);
    expect(guide.body).not.toContain('tel:0482869335012345');

    const apply = await get(`/apply/${impl.id}`, world.applicant.token);
    expect(apply.statusCode).toBe(200);
    expect(apply.body).toContain('<dt>咨询电话</dt><dd><a href="tel:04828693350">0482-8693350</a>、<a href="tel:12345">12345</a></dd>');
  });
});

describe('a mistyped address', () => {
  it('is the portal’s Chinese 404 page for a browser, with a title, a language and the way home', async () => {
    for (const url of ['/nothing-here', '/guide/typo?x=1', '/my/casess']) {
      const res = await get(url, undefined, BROWSER);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body).toContain('<html lang="zh-CN"');
      expect(res.body).toMatch(/<title>没有找到这个页面 - [^<]+<\/title>/);
      expect(res.body).toContain('没有找到这个页面');
      expect(res.body).toContain('<a class="button" href="/">返回办事大厅首页</a>');
    }
  });

  it('stays problem+json for the API, for clients that do not ask for HTML, and for other methods', async () => {
    for (const [url, accept] of [['/api/nothing-here', BROWSER], ['/api', BROWSER], ['/nothing-here', 'application/json'], ['/nothing-here', undefined]] as const) {
      const res = await get(url, undefined, accept);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], `${url} ${accept}`).toContain('application/problem+json');
      expect(res.json().code).toBe('route-not-found');
    }
    const post = await t.app.inject({ method: 'POST', url: '/nothing-here', headers: { accept: BROWSER }, payload: {} });
    expect(post.headers['content-type']).toContain('application/problem+json');
  });
});

describe('在线申请 of a sub-item (设立 / 变更 / 注销)', () => {
  it('names the sub-item in the title, the breadcrumb, the heading and the guide panel', async () => {
    const parent = await makeItem(t.db, { name: '营业执照办理（企业）' });
    const sub = await makeItem(t.db, { name: '企业注销登记', parentId: parent.id });
    const impl = await makeImplementation(t.db, { itemId: sub.id, orgId: world.orgs.dept.id });
    await makeGuide(t.db, { implementationId: impl.id, effectiveFrom: '2024-01-01', content: caseGuideContent({ itemName: '营业执照办理（企业）', subItemName: '企业注销登记', situations: [] }) });

    const res = await get(`/apply/${impl.id}`, world.applicant.token);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<title>在线申请：企业注销登记 - /);
    expect(res.body).toContain(`<p class="crumbs"><a href="/guides/${impl.code}">企业注销登记</a> › 在线申请</p>`);
    expect(res.body).toContain('<h1>在线申请：企业注销登记</h1>');
    expect(res.body).toContain('<summary>办事指南：企业注销登记</summary>');
    expect(res.body).not.toContain('在线申请：营业执照办理（企业）');

    // An item without sub-items keeps its own name.
    const plain = await get(`/apply/${world.implementation.id}?situation=new`, world.applicant.token);
    expect(plain.body).toContain('<h1>在线申请：食品经营许可</h1>');
  });
});

describe('收费标准及依据', () => {
  it('says 依据 once on the page and in the PDF, without repeating 不收费', async () => {
    const impl = await guideWith({ fees: { charged: false, items: [], basis: '不收费：依据《中华人民共和国行政许可法》第五十八条，行政机关实施行政许可不得收取任何费用。' } });
    const page = await get(`/guides/${impl.code}`);
    const fees = page.body.slice(page.body.indexOf('id="fees"'), page.body.indexOf('id="where"'));
    expect(fees).toContain('<p>不收费</p>');
    expect(fees).toContain('<p class="basis">依据《中华人民共和国行政许可法》第五十八条，行政机关实施行政许可不得收取任何费用。</p>');
    expect(fees).not.toContain('依据：');
    expect(fees.split('不收费').length - 1).toBe(1);

    const pdf = await pdfText((await get(`/guides/${impl.code}.pdf`)).rawPayload);
    expect(pdf).toContain('依据《中华人民共和国行政许可法》第五十八条');
    expect(pdf).not.toContain('依据：不收费');
    expect(pdf).not.toContain('依据：依据');
  });

  it('puts 依据 before a bare citation of a charged item and its fee items', async () => {
    const impl = await guideWith({
      fees: { charged: true, items: [{ name: '证书工本费', amountYuan: 10, basis: '《国家发展改革委 财政部关于不动产登记收费标准的通知》' }], basis: '按规定收取证件工本费。' },
    });
    const page = await get(`/guides/${impl.code}`);
    expect(page.body).toContain('<li>证书工本费：10 元（依据《国家发展改革委 财政部关于不动产登记收费标准的通知》）</li>');
    expect(page.body).toContain('<p class="basis">按规定收取证件工本费。</p>');
  });
});

describe('one case on 我的办件', () => {
  it('lists the materials in the guide’s order, even one supplied later, and tags the shared one 平台调取', async () => {
    const submitted = await submitOnline(t, world);
    // The clerk asks again for the application (the guide's first material); the applicant supplies
    // it, so it is stored last — the page must still show it first.
    const notice = await t.injectAs(world.users.clerk, {
      method: 'POST',
      url: `/api/cases/${submitted.id}/actions/request-supplement`,
      payload: { version: submitted.version, items: [{ materialId: 'application', note: '申请书缺签字' }], deadlineOn: '2026-03-20' },
    });
    expect(notice.statusCode, notice.body).toBe(200);
    t.clock.advance(3_600_000); // an hour later
    const fileId = await uploadAsApplicant(t, world.applicant.token, '申请书（签字）.pdf');
    const supplied = await t.asApplicant(world.applicant.token, { method: 'POST', url: `/api/my/cases/${submitted.id}/supply`, payload: { version: notice.json().version, materials: [{ materialId: 'application', fileId }] } });
    expect(supplied.statusCode, supplied.body).toBe(200);

    const page = await get(`/my/cases/${submitted.id}`, world.applicant.token);
    expect(page.statusCode).toBe(200);
    const list = page.body.slice(page.body.indexOf('id="materials-title"'));
    const order = [...list.matchAll(/<li data-material="([^"]+)">/g)].map((m) => m[1]);
    expect(order).toEqual(['application', 'floorplan', 'bizlicence']);
    expect(list).toContain('<li data-material="application">食品经营许可申请书：申请书（签字）.pdf');
    const shared = /<li data-material="bizlicence">[^\n]*?<\/li>/.exec(list)![0];
    expect(shared).toContain('营业执照：由办理部门通过数据共享获取');
    expect(shared).toContain('<span class="tag shared">平台调取</span>');
    expect(shared).not.toContain('已提交');
  });

  it('writes every date and time in one Chinese style, Beijing time (case page, case list, 我的)', async () => {
    const submitted = await submitOnline(t, world);
    const at = new Date(submitted.submittedAt);
    const beijing = new Date(at.getTime() + 8 * 3600_000);
    const expected = `${beijing.getUTCFullYear()}年${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日 ${String(beijing.getUTCHours()).padStart(2, '0')}:${String(beijing.getUTCMinutes()).padStart(2, '0')}`;

    const page = await get(`/my/cases/${submitted.id}`, world.applicant.token);
    expect(page.body).toContain(`<div><dt>提交时间</dt><dd><time datetime="${at.toISOString()}">${expected}</time></dd></div>`);
    expect(page.body).toMatch(/工作人员将在 <time datetime="\d{4}-\d{2}-\d{2}">\d{4}年\d{1,2}月\d{1,2}日<\/time> 前/);
    const list = await get('/my/cases', world.applicant.token);
    expect(list.body).toContain(`提交于 <time datetime="${at.toISOString()}">${expected}</time>`);
    // 我的: the sign-in history in the same style.
    const my = await get('/my', world.applicant.token);
    expect(my.body).toMatch(/<h3>登录记录<\/h3>\s*<ul class="history">\s*<li><time datetime="[^"]+">\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}<\/time> · /);
    // No 2026/03/02-style date anywhere on these pages.
    for (const body of [page.body, list.body, my.body]) expect(body).not.toMatch(/\d{4}\/\d{1,2}\/\d{1,2}/);
  });
});
