// The portal's "我的" pages without a browser: plain HTML forms (url-encoded) with the form token,
// messages shown on the page (not problem+json), and only masked values on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCheckCharacter } from '../../src/lib/identity-number.js';
import { latestOutboxMessage } from '../../src/modules/applicants/sms.js';
import { createTestApp, type TestApp } from '../helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** One browser: its cookies carried from answer to answer. */
function browser() {
  const jar: Record<string, string> = {};
  const keep = (res: Awaited<ReturnType<TestApp['app']['inject']>>) => {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && new Date(c.expires).getTime() < Date.now())) delete jar[c.name];
      else jar[c.name] = c.value;
    }
    return res;
  };
  return {
    jar,
    get: async (url: string) => keep(await t.app.inject({ method: 'GET', url, cookies: { ...jar } })),
    post: async (url: string, form: Record<string, string>) =>
      keep(
        await t.app.inject({
          method: 'POST',
          url,
          cookies: { ...jar },
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(form).toString(),
        }),
      ),
  };
}

const tokenIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
const idNumber = (seq: number) => {
  const first17 = `15220219900101${String(seq).padStart(3, '0')}`;
  return first17 + identityCheckCharacter(first17);
};

describe('我的 pages', () => {
  it('sign in with a phone code, see the masked record, link the real name, sign out', async () => {
    const b = browser();
    const phone = '13800138001';
    const start = await b.get('/my');
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe('/my/login');

    const login = await b.get('/my/login');
    expect(login.statusCode).toBe(200);
    expect(login.headers['content-type']).toContain('text/html');
    const token = tokenIn(login.body);
    expect(token).not.toBe('');

    const bad = await b.post('/my/login/code', { _csrf: token, phone: '1380013800' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    expect(bad.body).toContain('11 位中国大陆手机号');

    const sent = await b.post('/my/login/code', { _csrf: token, phone });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('验证码已发送至 138****8001');
    // No table name for the visitor (the demo instance shows the code itself: applicant-pages-demo-code.test.ts).
    expect(sent.body).not.toContain('sms_outbox');
    const code = /\d{6}/.exec((await latestOutboxMessage(t.app.deps, phone))!.body)![0];

    const wrong = await b.post('/my/login', { _csrf: token, phone, code: code === '000000' ? '999999' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('验证码错误，还可尝试 4 次');

    const ok = await b.post('/my/login', { _csrf: token, phone, code });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/my');
    expect(b.jar.tb_applicant).toBeTruthy();

    const my = await b.get('/my');
    expect(my.statusCode).toBe(200);
    expect(my.body).toContain('138****8001');
    expect(my.body).not.toContain(phone);
    expect(my.body).toContain('未实名');
    expect(my.body).toContain('href="/my/cases"');

    const number = idNumber(11);
    const invalid = await b.post('/my/real-name', { _csrf: tokenIn(my.body), kind: 'person', name: '吴戊', number: number.slice(0, 17) + (number[17] === '1' ? '2' : '1') });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('校验码不符');
    expect(invalid.body).toContain('value="吴戊"');

    const linked = await b.post('/my/real-name', { _csrf: tokenIn(my.body), kind: 'person', name: '吴戊', number });
    expect(linked.statusCode).toBe(303);
    const after = await b.get(linked.headers.location as string);
    expect(after.body).toContain('实名核验已完成');
    expect(after.body).toContain(`1522**********${number.slice(-4)}`);
    expect(after.body).not.toContain(number);
    expect(after.body).toContain('开发模式：实名核验未连接');

    const out = await b.post('/my/logout', { _csrf: tokenIn(after.body) });
    expect(out.statusCode).toBe(303);
    expect((await b.get('/my')).statusCode).toBe(303);
  });

  it('refuses a form posted without this browser’s form token', async () => {
    const b = browser();
    await b.get('/my/login');
    const res = await b.post('/my/login/code', { phone: '13800138002' });
    expect(res.statusCode).toBe(403);
    const other = await b.post('/my/login/code', { _csrf: 'x'.repeat(43), phone: '13800138002' });
    expect(other.statusCode).toBe(403);
    expect(await t.db.selectFrom('sms_outbox').select('id').execute()).toHaveLength(1); // only the first test's
  });

  it('shows the sending limit on the page', async () => {
    const b = browser();
    const token = tokenIn((await b.get('/my/login')).body);
    expect((await b.post('/my/login/code', { _csrf: token, phone: '13800138003' })).statusCode).toBe(200);
    const again = await b.post('/my/login/code', { _csrf: token, phone: '13800138003' });
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBeDefined();
    expect(again.body).toContain('60 秒内只能获取一次验证码');
  });

  it('goes back to the page it came from (在线申请) after signing in and after the real-name step, and never off-site', async () => {
    const b = browser();
    const phone = '13800138021';
    const login = await b.get('/my/login?next=%2Fapply%2Fimpl-1');
    const token = tokenIn(login.body);
    await b.post('/my/login/code', { _csrf: token, phone });
    const code = /\d{6}/.exec((await latestOutboxMessage(t.app.deps, phone))!.body)![0];
    const ok = await b.post('/my/login', { _csrf: token, phone, code });
    expect(ok.headers.location).toBe('/apply/impl-1');

    // Used once: the next sign-in step lands on 我的 again.
    const my = await b.get('/my?next=%2Fapply%2Fimpl-2');
    const linked = await b.post('/my/real-name', { _csrf: tokenIn(my.body), kind: 'person', name: '郑己', number: idNumber(21) });
    expect(linked.headers.location).toBe('/apply/impl-2');

    const other = browser();
    const evil = await other.get('/my/login?next=%2F%2Fevil.example%2Fx');
    await other.post('/my/login/code', { _csrf: tokenIn(evil.body), phone: '13800138022' });
    const code2 = /\d{6}/.exec((await latestOutboxMessage(t.app.deps, '13800138022'))!.body)![0];
    const back = await other.post('/my/login', { _csrf: tokenIn(evil.body), phone: '13800138022', code: code2 });
    expect(back.headers.location).toBe('/my');
  });
});
