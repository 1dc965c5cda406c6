// Sealed documents and their public verification (Art. 26): issueDocument lays out an A4 PDF in
// Chinese with the organization, number, date, the drawn seal and the QR code of its verification
// page, signs the SM3 digest with the organization's seal (SM2) and stores it as issued. Anyone can
// then check it — from the QR code or by uploading the file: an untouched copy is genuine, a copy
// with ONE byte changed is altered (visibly, in red), a foreign file is not ours; a document signed
// before its seal was revoked still shows the seal valid at signing time, and revoked now.
import { inflateSync } from 'node:zlib';
import { sql } from 'kysely';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import QRCode from 'qrcode';
import { sm2, sm3 } from 'sm-crypto-v2';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ManualClock } from '../../src/lib/clock.js';
import { PdfComposer } from '../../src/lib/pdf.js';
import { issueDocument, type IssueDocumentInput } from '../../src/modules/documents/service.js';
import { createSession } from '../../src/modules/identity/service.js';
import { ensureDefaultSeal } from '../../src/modules/seals/service.js';
import { SESSION_COOKIE } from '../../src/http/auth.js';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor } from '../../src/http/security.js';
import { createTestDatabase, type TestDatabase } from '../helpers.js';
import { makeImplementingOrg, makeUser } from '../factories.js';

let database: TestDatabase;
let app: FastifyInstance;
// 2026-03-02 09:30 in Beijing.
const clock = new ManualClock('2026-03-02T01:30:00Z');
let org: { id: string; name: string; creditCode: string | null };
let admin: string;

const BODY = '你（单位）于2026年3月1日提出的食品经营许可申请，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。';

function issue(overrides: Partial<IssueDocumentInput> = {}) {
  return database.db.transaction().execute((trx) =>
    issueDocument(trx, app.deps, {
      kind: 'receipt',
      orgId: org.id,
      number: '兴市监受〔2026〕第0001号',
      title: '受理通知书',
      signer: { id: 'u1', name: '窗口人员' },
      render: (c) => {
        c.text('张三：', { size: 12, spaceBefore: 8 });
        c.text(BODY, { size: 12 });
      },
      ...overrides,
    }),
  );
}

async function download(id: string): Promise<Buffer> {
  const res = await app.inject({ method: 'GET', url: `/verify/${id}/document.pdf` });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return res.rawPayload;
}

function multipart(bytes: Buffer, fileName = 'document.pdf') {
  const boundary = '----tongbanverify';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const uploadJson = (bytes: Buffer) => app.inject({ method: 'POST', url: '/api/public/verify', ...multipart(bytes) });
const uploadPage = (bytes: Buffer) => app.inject({ method: 'POST', url: '/verify', ...multipart(bytes) });

async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number; size: number[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join('') + '\n';
  }
  const view = (await doc.getPage(1)).view;
  return { text, pages: doc.numPages, size: [view[2]!, view[3]!] };
}

/** The form XObjects drawn on a page, by resource name, with their decoded content. */
async function formsOf(bytes: Uint8Array, pageIndex: number): Promise<Map<string, { content: string; dict: PDFDict }>> {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPages()[pageIndex]!;
  const xobjects = page.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  const forms = new Map<string, { content: string; dict: PDFDict }>();
  for (const [name, ref] of xobjects.entries()) {
    const stream = doc.context.lookup(ref as PDFRef) as PDFRawStream;
    forms.set(name.asString().replace(/^\//, ''), { content: inflateSync(Buffer.from(stream.contents)).toString('latin1'), dict: stream.dict });
  }
  return forms;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test', PUBLIC_URL: 'https://zwfw.xam.gov.cn' }), seedDemo: false };
  app = await buildApp({ db: database.db, config, clock });
  await app.ready();
  org = await makeImplementingOrg(database.db, { name: '兴安盟市场监督管理局' });
  admin = (await makeUser(database.db, org.id, ['system-admin'])).id;
  await database.db.transaction().execute((trx) => ensureDefaultSeal(trx, app.deps, org.id));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

describe('issuing a sealed document', () => {
  it('gives an A4 PDF whose text extracts as Chinese: organization, number, title, body, date and the verification address', async () => {
    const doc = await issue();
    expect(doc.url).toBe(`https://zwfw.xam.gov.cn/verify/${doc.id}`);
    expect(doc.number).toBe('兴市监受〔2026〕第0001号');
    const { text, pages, size } = await pdfText(await download(doc.id));
    expect(pages).toBe(1);
    expect(size[0]).toBeCloseTo(595.28, 1);
    expect(size[1]).toBeCloseTo(841.89, 1);
    for (const part of ['兴安盟市场监督管理局', '兴市监受〔2026〕第0001号', '受理通知书', '张三：', '决定予以受理', '2026年3月2日', `核验网址：https://zwfw.xam.gov.cn/verify/${doc.id}`]) {
      expect(text.replace(/\n/g, '')).toContain(part);
    }
    // The seal is drawn as outlines: its characters do not leak into the text (行政审批专用章 is not printed).
    expect(text).not.toContain('行政审批专用章');
  });

  it('draws the seal (vector, red, translucent) over the organization and date, and the QR code, with no picture embedded', async () => {
    const doc = await issue({ number: 'SEAL-1' });
    const bytes = await download(doc.id);
    const forms = await formsOf(bytes, 0);
    const sealName = [...forms.keys()].find((k) => k.startsWith('Seal'))!;
    expect(sealName).toBeDefined();
    const seal = forms.get(sealName)!;
    expect(seal.content).toContain('0.84 0.04 0.06 rg'); // seal red
    expect(seal.content.match(/ m\n/g)!.length).toBeGreaterThan(60); // ring, star and 17 characters' outlines (several contours each)
    expect(seal.content.match(/ c\n/g)!.length).toBeGreaterThan(100);
    const gs = seal.dict.lookup(PDFName.of('Resources'), PDFDict).lookup(PDFName.of('ExtGState'), PDFDict).lookup(PDFName.of('GS0'), PDFDict);
    expect(gs.get(PDFName.of('BM'))?.toString()).toBe('/Multiply');
    // The QR code's modules, read back from its rectangles (rows counted from the top), are the
    // verification address's QR code: nothing flipped or shifted.
    const qr = forms.get([...forms.keys()].find((k) => k.startsWith('QR'))!)!.content;
    const expected = QRCode.create(doc.url, { errorCorrectionLevel: 'M' }).modules;
    const n = expected.size;
    const dark = new Uint8Array(n * n);
    for (const m of qr.matchAll(/(\d+) (\d+) (\d+) 1 re/g)) {
      const [x, y, w] = m.slice(1).map(Number);
      for (let i = 0; i < w!; i++) dark[(n - 1 - y!) * n + x! + i] = 1;
    }
    expect([...dark]).toEqual([...expected.data].map((v) => (v ? 1 : 0)));
    for (const { dict } of forms.values()) expect(dict.get(PDFName.of('Subtype'))?.toString()).toBe('/Form');
    // Placed at the bottom right, over the 落款: a 42 mm seal (119 pt) centred right of the page's middle.
    const raw = (await PDFDocument.load(bytes)).getPages()[0]!;
    const ops = Buffer.concat(
      raw.node
        .lookup(PDFName.of('Contents'), PDFArray)
        .asArray()
        .map((ref) => {
          const s = raw.doc.context.lookup(ref) as PDFRawStream;
          return s.dict.get(PDFName.of('Filter')) ? inflateSync(Buffer.from(s.contents)) : Buffer.from(s.contents);
        }),
    ).toString('latin1');
    const placed = new RegExp(`([\\d.]+) 0 0 ([\\d.]+) ([\\d.]+) ([\\d.]+) cm\\s*/${sealName} Do`).exec(ops)!;
    expect(placed).not.toBeNull();
    const [scale, , x, y] = placed.slice(1).map(Number);
    expect(scale! * 200).toBeCloseTo((42 / 25.4) * 72, 0);
    expect(x! + (scale! * 200) / 2).toBeGreaterThan(595.28 / 2);
    expect(y).toBeLessThan(200);
  });

  it('signs the SM3 digest of the stored bytes with the seal (SM2): anyone can check it offline with the public key', async () => {
    const doc = await issue({ number: 'SIG-1' });
    const bytes = await download(doc.id);
    const row = await database.db.selectFrom('documents').selectAll().where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'receipt', org_id: org.id, number: 'SIG-1', issued_on: '2026-03-02', signed_by: 'u1', signed_by_name: '窗口人员', seal_id: doc.sealId, size: bytes.length });
    expect(new Date(row.signed_at).toISOString()).toBe('2026-03-02T01:30:00.000Z');
    const digest = sm3(new Uint8Array(bytes));
    expect(row.digest).toBe(digest);
    const key = await app.inject({ method: 'GET', url: `/api/seals/${doc.sealId}/public-key`, cookies: { [SESSION_COOKIE]: await createSession(database.db, admin) } });
    const publicKey = key.json().publicKey as string;
    const verify = (d: string) => sm2.doVerifySignature(Uint8Array.from(Buffer.from(d, 'hex')), row.signature, publicKey, { der: true, hash: true, userId: '1234567812345678' });
    expect(verify(digest)).toBe(true);
    expect(verify(sm3('another document'))).toBe(false);
  });

  it('keeps the document as issued: the table refuses changes, and a later template does not touch it', async () => {
    const first = await issue({ number: 'KEEP-1' });
    const before = await download(first.id);
    await issue({ number: 'KEEP-2', title: '受理通知书（新模板）', render: (c) => c.text('模板已修改。') });
    expect((await download(first.id)).equals(before)).toBe(true);
    await expect(sql`update documents set title = 'x' where id = ${first.id}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from documents where id = ${first.id}`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('refuses with 409 naming the organization when it has no active seal, and stores nothing', async () => {
    const bare = await makeImplementingOrg(database.db, { name: '阿尔山市自然资源局' });
    const count = async () => (await database.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const n = Number(await count());
    await expect(issue({ orgId: bare.id })).rejects.toMatchObject({ status: 409, code: 'no-active-seal', detail: expect.stringContaining('阿尔山市自然资源局没有可用的电子印章') });
    expect(Number(await count())).toBe(n);
    // ensureDefaultSeal gives it a 行政审批专用章 named after it, once.
    const id1 = await database.db.transaction().execute((trx) => ensureDefaultSeal(trx, app.deps, bare.id));
    const id2 = await database.db.transaction().execute((trx) => ensureDefaultSeal(trx, app.deps, bare.id));
    expect(id2).toBe(id1);
    const seal = await database.db.selectFrom('seals').select(['kind', 'name', 'status']).where('id', '=', id1).executeTakeFirstOrThrow();
    expect(seal).toEqual({ kind: '行政审批专用章', name: '阿尔山市自然资源局', status: 'active' });
    expect((await issue({ orgId: bare.id })).sealId).toBe(id1);
  });
});

describe('public verification', () => {
  it('the QR page says genuine, by whom, with which seal and when, and offers the issued PDF', async () => {
    const doc = await issue({ number: 'QR-1' });
    const res = await app.inject({ method: 'GET', url: `/verify/${doc.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const body = res.body;
    expect(body).toContain('<html lang="zh-CN"');
    expect(body).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    expect(body).toMatch(/class="verdict verdict-genuine" role="status"/);
    for (const part of ['真实有效', '兴安盟市场监督管理局', '受理通知书', 'QR-1', '2026年3月2日', '兴安盟市场监督管理局（行政审批专用章）', '2026-03-02 09:30:00（北京时间）', 'SM2 签名验证通过', org.creditCode!]) {
      expect(body).toContain(part);
    }
    expect(body).toMatch(/签章时印章<\/dt><dd><span class="status-ok">有效/);
    expect(body).toMatch(/印章当前状态<\/dt><dd><span class="status-ok">有效/);
    expect(body).toContain(`href="/verify/${doc.id}/document.pdf"`);
    expect(body).toMatch(/<svg [^>]*role="img" aria-label="电子印章图样：兴安盟市场监督管理局 行政审批专用章"/);
    expect(body).toMatch(/<label for="verify-file">/);
    expect(body).not.toMatch(/style="/); // the CSP allows no inline style
    const css = await app.inject({ method: 'GET', url: '/assets/verify.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('.verdict-altered');

    const json = (await app.inject({ method: 'GET', url: `/api/public/verify/${doc.id}` })).json();
    expect(json).toMatchObject({
      verdict: 'genuine',
      verdictName: '真实有效',
      document: { id: doc.id, kind: 'receipt', kindName: '受理通知书', number: 'QR-1', issuedOn: '2026-03-02', organization: { name: '兴安盟市场监督管理局' }, downloadUrl: `https://zwfw.xam.gov.cn/verify/${doc.id}/document.pdf` },
      seal: { id: doc.sealId, kind: '行政审批专用章', validAtSigning: true, statusNow: 'active' },
      signature: { algorithm: 'SM2-with-SM3', signedAt: '2026-03-02T01:30:00.000Z', valid: true },
      digest: { algorithm: 'SM3', issued: doc.digest, received: doc.digest },
    });
  });

  it('an uploaded untouched copy is genuine; with ONE byte changed it is altered, shown in red with both digests', async () => {
    const doc = await issue({ number: 'UP-1' });
    const bytes = await download(doc.id);
    const genuine = (await uploadJson(bytes)).json();
    expect(genuine).toMatchObject({ verdict: 'genuine', document: { id: doc.id }, signature: { valid: true } });
    expect((await uploadPage(bytes)).body).toMatch(/verdict-genuine[\s\S]*真实有效/);

    // One byte in the middle of the file (inside the compressed page content), flipped.
    const altered = Buffer.from(bytes);
    const at = Math.floor(altered.length / 2);
    altered[at] = altered[at]! ^ 0x01;
    const json = (await uploadJson(altered)).json();
    expect(json).toMatchObject({ verdict: 'altered', verdictName: '已被篡改', document: { id: doc.id, number: 'UP-1' }, digest: { issued: doc.digest } });
    expect(json.digest.received).not.toBe(doc.digest);
    expect(json.reason).toContain('摘要与签发时记录的摘要不一致');
    const page = (await uploadPage(altered)).body;
    expect(page).toMatch(/class="verdict verdict-altered" role="status"/);
    expect(page).toContain('已被篡改');
    expect(page).toContain(`<span class="digest digest-diff">${json.digest.received}（不一致）</span>`);
    expect(page).toContain(doc.digest);
    expect(page).toContain('<span class="status-bad">上传的文件与签名不符</span>');
    expect(page).not.toContain('SM2 签名验证通过');
    const css = (await app.inject({ method: 'GET', url: '/assets/verify.css' })).body;
    expect(css).toMatch(/\.verdict-altered \{ border-color: #b3261e; background: #fdecea; color: #8c1d18; \}/);

    // A byte changed inside the verification address itself: the second copy still names the document.
    const inUrl = Buffer.from(bytes);
    const pos = inUrl.indexOf(`/verify/${doc.id}`, 0, 'latin1') + 12;
    inUrl[pos] = inUrl[pos] === 0x30 ? 0x31 : 0x30;
    expect((await uploadJson(inUrl)).json()).toMatchObject({ verdict: 'altered', document: { id: doc.id } });
  });

  it('a document signed before its seal was revoked: valid at signing time, the seal revoked now', async () => {
    const before = await issue({ number: 'REV-1' });
    clock.advanceDays(30);
    const cookie = await createSession(database.db, admin);
    const revoked = await app.inject({
      method: 'POST',
      url: `/api/seals/${before.sealId}/revoke`,
      payload: { reason: '机构更名，旧章停用' },
      headers: { [CSRF_HEADER]: csrfTokenFor(cookie) },
      cookies: { [SESSION_COOKIE]: cookie, [CSRF_COOKIE]: csrfTokenFor(cookie) },
    });
    expect(revoked.statusCode).toBe(200);
    const json = (await app.inject({ method: 'GET', url: `/api/public/verify/${before.id}` })).json();
    expect(json).toMatchObject({ verdict: 'genuine', seal: { validAtSigning: true, statusAtSigning: 'active', statusNow: 'revoked', statusNowName: '已吊销', statusChangedAt: '2026-04-01T01:30:00.000Z' } });
    const page = (await app.inject({ method: 'GET', url: `/verify/${before.id}` })).body;
    expect(page).toMatch(/签章时印章<\/dt><dd><span class="status-ok">有效/);
    expect(page).toContain('<span class="status-bad">已吊销，自 2026-04-01 09:30:00 起</span>；此前签发的文书，签章时印章有效');
    // The revoked seal signs nothing more.
    await expect(issue({ number: 'REV-2' })).rejects.toMatchObject({ status: 409, detail: expect.stringContaining('兴安盟市场监督管理局没有可用的电子印章') });
    await database.db.transaction().execute((trx) => ensureDefaultSeal(trx, app.deps, org.id));
  });

  it('a PDF the platform did not issue is not ours; an unknown id is not ours either', async () => {
    const foreign = await PdfComposer.create({ title: '受理通知书' });
    foreign.text('兴安盟市场监督管理局 受理通知书 兴市监受〔2026〕第0001号');
    const bytes = Buffer.from(await foreign.finish());
    const json = (await uploadJson(bytes)).json();
    expect(json).toMatchObject({ verdict: 'not-ours', verdictName: '不是本平台签发', document: null, seal: null, signature: null });
    expect((await uploadPage(bytes)).body).toMatch(/class="verdict verdict-not-ours"[\s\S]*不是本平台签发/);
    expect((await uploadJson(Buffer.from('not a pdf at all'))).json()).toMatchObject({ verdict: 'not-ours', reason: expect.stringContaining('不是 PDF') });

    const unknown = '0f0e0d0c-0b0a-4908-8706-050403020100';
    const page = await app.inject({ method: 'GET', url: `/verify/${unknown}` });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('不是本平台签发');
    expect((await app.inject({ method: 'GET', url: `/api/public/verify/${unknown}` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/verify/not-a-uuid' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/verify/${unknown}/document.pdf` })).statusCode).toBe(404);
  });

  it('an upload without a file is a 400 naming the field; the page asks for a file', async () => {
    const empty = await app.inject({ method: 'POST', url: '/api/public/verify', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().invalidParams[0].name).toBe('file');
    const page = await app.inject({ method: 'POST', url: '/verify', payload: {} });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('请选择要核验的 PDF 文件');
    expect((await app.inject({ method: 'GET', url: '/verify' })).body).toContain('核验手中的文件');
    // Larger than any document the platform issues: refused before it is read whole.
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    expect((await uploadJson(huge)).statusCode).toBe(413);
    const hugePage = await uploadPage(huge);
    expect(hugePage.statusCode).toBe(413);
    expect(hugePage.body).toContain('文件过大');
  });
});
