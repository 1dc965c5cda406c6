// The admin app is a single-page app under /admin/: a deep link or a reload on one of its pages
// gets its index.html, while a missing file and the API keep their 404s.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';

let t: TestApp;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('admin single-page app at /admin/', () => {
  it('answers a deep link into the app with the app itself (zh-CN)', async () => {
    for (const url of ['/admin/catalog', '/admin/guide-versions/abc/edit', '/admin/review/xyz?tab=diff']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('<html lang="zh-CN">');
      expect(res.body).toContain('/admin/assets/');
    }
  });

  it('serves the built entry page at /admin/ and redirects /admin there', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/admin/' })).statusCode).toBe(200);
    const redirect = await t.app.inject({ method: 'GET', url: '/admin' });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/admin/');
  });

  it('keeps 404 for a missing asset and for unknown API routes', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/admin/assets/no-such-chunk.js' });
    expect(asset.statusCode).toBe(404);
    const api = await t.app.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
  });
});
