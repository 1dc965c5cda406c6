import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeOrg, makeUser } from '../factories.js';

let t: TestApp;
let editor: string;
let clerk: string;

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----tongbanboundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const count = async () => Number((await t.db.selectFrom('attachments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  const org = await makeOrg(t.db);
  editor = (await makeUser(t.db, org.id, ['dept-admin'])).id;
  clerk = (await makeUser(t.db, org.id, ['window-clerk'])).id;
});
afterAll(async () => t?.close());

describe('guide attachments', () => {
  it('stores an uploaded blank form and serves it back with its Chinese name, nosniff and a sandbox', async () => {
    const up = await t.injectAs(editor, { method: 'POST', url: '/api/attachments', ...multipart('申请表（空白）.pdf', PDF) });
    expect(up.statusCode).toBe(201);
    const { url, fileName } = up.json();
    expect(fileName).toBe('申请表（空白）.pdf');
    const down = await t.app.inject({ method: 'GET', url });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(String(down.headers['content-security-policy'])).toContain('sandbox');
    expect(String(down.headers['content-disposition'])).toContain(encodeURIComponent('申请表（空白）.pdf'));
    expect(down.rawPayload.equals(PDF)).toBe(true);
  });

  it('refuses a file whose content does not match its extension, and writes nothing', async () => {
    const before = await count();
    const res = await t.injectAs(editor, { method: 'POST', url: '/api/attachments', ...multipart('form.pdf', Buffer.from('<script>alert(1)</script>')) });
    expect(res.statusCode).toBe(415);
    expect(res.json().invalidParams[0].name).toBe('file');
    const exe = await t.injectAs(editor, { method: 'POST', url: '/api/attachments', ...multipart('setup.exe', Buffer.from('MZ....')) });
    expect(exe.statusCode).toBe(415);
    expect(await count()).toBe(before);
  });

  it('lets only guide writers upload', async () => {
    const res = await t.injectAs(clerk, { method: 'POST', url: '/api/attachments', ...multipart('a.pdf', PDF) });
    expect(res.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/attachments', ...multipart('a.pdf', PDF) });
    expect(anonymous.statusCode).toBe(401);
  });

  it('answers an unknown attachment with 404 and a bad id with 400', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/attachments/7d1f7c1e-2a0b-4c55-9a53-000000000000/x.pdf' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/attachments/not-a-uuid/x.pdf' })).statusCode).toBe(400);
  });

  it('draws a labelled placeholder for the demo catalog’s sample links', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/samples/yyzz-apply-blank.pdf' });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.app.inject({ method: 'GET', url: '/samples/../etc/passwd' })).statusCode).not.toBe(200);
  });
});
