// The citizen portal (办事大厅, 同源发布 Art. 11): one published record drives the guide page, the
// kiosk view, the PDF, the QR code and the open JSON API.
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/modules/portal/service.js';
import { createTestApp, type TestApp } from '../helpers.js';
import { foodLicenceContent, seedPublishedGuide, type SeededGuide } from '../portal-fixture.js';

let t: TestApp;
let food: SeededGuide;
let versioned: SeededGuide;

beforeAll(async () => {
  t = await createTestApp();
  food = await seedPublishedGuide(t.db, [{ effectiveFrom: '2024-01-01' }]);
  // Version 1 from 2024, version 2 (promised 3 days) from 2025-03-01, version 3 only a draft,
  // version 4 published for a day far in the future.
  versioned = await seedPublishedGuide(
    t.db,
    [
      { effectiveFrom: '2024-01-01' },
      { effectiveFrom: '2025-03-01', content: foodLicenceContent({ promisedLimit: { days: 3, unit: 'working-day' } }) },
      { effectiveFrom: '2025-04-01', status: 'draft', content: foodLicenceContent({ itemName: '草稿不应出现' }) },
      { effectiveFrom: '2099-01-01', content: foodLicenceContent({ itemName: '未来版本' }) },
    ],
  );
});
afterAll(async () => t?.close());

/** Reads a QR code's module matrix back out of qrcode's SVG path (stroke runs `h` on rows y+0.5). */
function modulesFromSvg(svg: string, margin: number): { size: number; dark: Set<string> } {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1]) - 2 * margin;
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)![1]!;
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([MmHh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?/g)) {
    if (op === 'M') [x, y] = [Number(a), Number(b)];
    else if (op === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let i = 0; i < Number(a); i++) dark.add(`${x + i - margin},${Math.floor(y) - margin}`);
      x += Number(a);
    }
  }
  return { size, dark };
}

async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('') + '\n';
  }
  return { text, pages: doc.numPages };
}

describe('guide page (办事指南)', () => {
  it('shows the item, its materials, time limits, contacts as tel: links, version and the QR code', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/guides/${food.implementationCode}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const body = res.body;
    expect(body).toContain('<html lang="zh-CN"');
    expect(body).toContain('<h1>食品经营许可');
    for (const text of ['食品经营许可申请书', '经营场所平面布局图', '数据共享获取，无需提交', '新办', '变更', '受理', '5 个工作日', '20 个工作日', '不收费', '乌兰浩特市政务服务中心', '食品经营许可证（样本）', '第 1 版', '2024年1月1日']) {
      expect(body).toContain(text);
    }
    expect(body).toContain('href="tel:04828266123"');
    expect(body).toContain('href="tel:12345"');
    expect(body).toContain(`href="/guides/${food.implementationCode}.pdf"`);
    expect(body).toMatch(/<svg role="img" aria-label="二维码：/);
    expect(body).toContain('href="/assets/portal.css"');
  });

  it('links a stylesheet that prints on A4 without the site chrome', async () => {
    const css = await t.app.inject({ method: 'GET', url: '/assets/portal.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('size: A4');
    expect(css.body).toMatch(/@media print \{[\s\S]*\.site-header/);
  });

  it('answers a repeat request with 304 while the same version is in force', async () => {
    const first = await t.app.inject({ method: 'GET', url: `/guides/${food.implementationCode}` });
    const etag = String(first.headers.etag);
    expect(etag).toContain(food.versionIds[0]);
    const again = await t.app.inject({ method: 'GET', url: `/guides/${food.implementationCode}`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('shows the version in force today, never a draft or a future version', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/guides/${versioned.implementationCode}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('第 2 版');
    expect(res.body).toContain('3 个工作日');
    expect(res.body).not.toContain('草稿不应出现');
    expect(res.body).not.toContain('未来版本');
  });

  it('escapes what the guide says, so a name cannot inject markup', async () => {
    const evil = await seedPublishedGuide(t.db, [{ effectiveFrom: '2024-01-01', content: foodLicenceContent({ itemName: '<script>alert(1)</script>许可', result: { name: '证', kind: 'other', delivery: ['window'], sample: { title: '样本', url: 'javascript:alert(1)' } } }) }]);
    const res = await t.app.inject({ method: 'GET', url: `/guides/${evil.implementationCode}` });
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;许可');
    expect(res.body).not.toContain('href="javascript:');
  });

  it('answers an unknown code with a Chinese HTML 404 page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/guides/0100099000411152201MB0009999X' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('没有找到这个页面');
    expect(res.body).toContain('href="/"');
    const kiosk = await t.app.inject({ method: 'GET', url: '/kiosk/guides/NOPE' });
    expect(kiosk.statusCode).toBe(404);
    expect(kiosk.headers['content-type']).toContain('text/html');
  });

  it('has a kiosk view of the same record without the site navigation', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/kiosk/guides/${food.implementationCode}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="kiosk"');
    expect(res.body).toContain('食品经营许可申请书');
    expect(res.body).not.toContain('经营场所平面布局图营业执照'); // shared licence is not listed as something to bring
    expect(res.body).not.toContain('管理后台');
  });
});

describe('portal home and search form', () => {
  it('lists the seven item types, the counties and the admin link', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    for (const name of ['行政许可', '行政确认', '行政奖励', '行政给付', '行政裁决', '其他行政权力', '公共服务', '乌兰浩特市']) expect(res.body).toContain(name);
    expect(res.body).toContain('href="/search?type=licensing"');
    expect(res.body).toContain('href="/search?division=152201"');
    expect(res.body).toContain('href="/admin/"');
    expect(res.body).toContain('action="/search"');
  });

  it('finds guides by Chinese name and pinyin initials, each linking to its guide page', async () => {
    for (const q of ['食品经营', 'spjyxk']) {
      const res = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(q)}` });
      expect(res.statusCode, q).toBe(200);
      expect(res.body, q).toContain(`href="/guides/${food.implementationCode}"`);
      expect(res.body).toContain('乌兰浩特市市场监督管理局');
      expect(res.body).toContain('乌兰浩特市');
      expect(res.body).toContain('<span class="tag">行政许可</span>');
      expect(res.body).toMatch(/共找到 \d+ 项/);
    }
  });

  it('browses by filter alone and says so when nothing matches', async () => {
    const byType = await t.app.inject({ method: 'GET', url: '/search?type=licensing' });
    expect(byType.body).toContain(`href="/guides/${food.implementationCode}"`);
    const otherType = await t.app.inject({ method: 'GET', url: '/search?type=reward' });
    expect(otherType.body).toContain('没有找到相关事项');
    const otherCounty = await t.app.inject({ method: 'GET', url: '/search?q=%E9%A3%9F%E5%93%81&division=152202' });
    expect(otherCounty.body).not.toContain(`href="/guides/${food.implementationCode}"`);
    const punctuation = await t.app.inject({ method: 'GET', url: '/search?q=%EF%BC%9F%EF%BC%9F' });
    expect(punctuation.statusCode).toBe(200);
    expect(punctuation.body).toContain('请输入要查找的事项名称');
  });

  it('shows only the form for an empty query', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/search?q=' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form class="search-form"');
    expect(res.body).not.toContain('共找到');
  });
});

describe('PDF (A4, embedded Chinese font)', () => {
  it('downloads a PDF whose Chinese text reads back exactly, with page numbers', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/guides/${food.implementationCode}.pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('食品经营许可-办事指南-第1版.pdf');
    expect(res.rawPayload.length).toBeLessThan(300_000); // the font is subsetted, not the whole 4.6 MB
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain('食品经营许可');
    expect(text).toContain('经营场所平面布局图');
    expect(text).toContain('承诺办结时限：5 个工作日');
    expect(text).toMatch(/第 1 页 共 \d+ 页/);
  });

  it('wraps a long guide onto further numbered pages', async () => {
    const many = foodLicenceContent({
      materials: Array.from({ length: 40 }, (_, i) => ({ ...foodLicenceContent().materials[1]!, id: `m${i}`, name: `第${i + 1}号材料：经营场所平面布局图及设备布局说明` })),
      situations: [],
    });
    const long = await seedPublishedGuide(t.db, [{ effectiveFrom: '2024-01-01', content: many }]);
    const res = await t.app.inject({ method: 'GET', url: `/guides/${long.implementationCode}.pdf` });
    const { text, pages } = await pdfText(res.rawPayload);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`第 ${pages} 页 共 ${pages} 页`);
    expect(text).toContain('第40号材料：经营场所平面布局图及设备布局说明');
  });

  it('is a 404 page for an unknown code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/guides/UNKNOWN.pdf' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('QR code (二维码)', () => {
  it('encodes the public address of the guide page', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/guides/${food.implementationCode}/qr.svg` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    const url = `${t.app.deps.config.publicUrl}/guides/${food.implementationCode}`;
    const expected = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const { size, dark } = modulesFromSvg(res.body, 2);
    expect(size).toBe(expected.modules.size);
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        expect(dark.has(`${col},${row}`), `module ${col},${row}`).toBe(Boolean(expected.modules.get(row, col)));
      }
    }
  });

  it('serves a PNG too', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/guides/${food.implementationCode}/qr.png` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('open API /api/public/guides', () => {
  it('returns the published record in force with codes, org, version, content and totals', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/guides/${food.implementationCode}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      itemCode: food.itemCode,
      implementationCode: food.implementationCode,
      itemName: '食品经营许可',
      itemType: 'licensing',
      itemTypeName: '行政许可',
      org: { id: food.orgId, name: food.orgName },
      division: { code: '152201', name: '乌兰浩特市' },
      versionId: food.versionIds[0],
      versionNo: 1,
      effectiveFrom: '2024-01-01',
      totals: { materials: 3, visits: 1 },
    });
    expect(body.content.materials.map((m: { name: string }) => m.name)).toContain('经营场所平面布局图');
    expect(body.links.html).toBe(`${t.app.deps.config.publicUrl}/guides/${food.implementationCode}`);
    expect(res.headers.etag).toContain(food.versionIds[0]);
  });

  it('picks the version in force on ?date=', async () => {
    const at = async (date: string) => (await t.app.inject({ method: 'GET', url: `/api/public/guides/${versioned.implementationCode}?date=${date}` })).json();
    expect((await at('2024-06-30')).versionNo).toBe(1);
    expect((await at('2025-02-28')).versionNo).toBe(1);
    expect((await at('2025-03-01')).versionNo).toBe(2);
    expect((await at('2025-05-01')).versionNo).toBe(2); // version 3 is a draft
    expect((await at('2099-01-01')).versionNo).toBe(4);
    const before = await t.app.inject({ method: 'GET', url: `/api/public/guides/${versioned.implementationCode}?date=2023-12-31` });
    expect(before.statusCode).toBe(404);
    expect(before.json().code).toBe('guide-not-found');
    expect(todayInChina()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('names the field for a date that is not a date', async () => {
    for (const bad of ['2025-02-30', '20250301', 'tomorrow']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/public/guides/${food.implementationCode}?date=${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().invalidParams[0].name).toBe('querystring.date');
    }
  });

  it('is a problem+json 404 for an unknown code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/guides/NOPE' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('guide-not-found');
  });

  it('lists the implementations of a basic item', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/guides?itemCode=${versioned.itemCode}` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ implementationCode: versioned.implementationCode, versionNo: 2 });
    const missing = await t.app.inject({ method: 'GET', url: '/api/public/guides' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().invalidParams[0].name).toBe('querystring.itemCode');
  });

  it('is documented in the OpenAPI description', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/public/guides/{code}'].get.responses['200']).toBeDefined();
    expect(spec.paths['/api/public/guides'].get).toBeDefined();
    expect(spec.paths['/guides/{code}']).toBeUndefined();
  });
});
