// Applicants (办事人): phone-code sign-in, its limits, the real-name link (一证办理), and that an
// applicant sees only their own record while staff and applicant sessions never stand in for each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../src/http/security.js';
import { sendLoginCode } from '../../src/modules/applicants/service.js';
import { latestOutboxMessage, type SmsSender } from '../../src/modules/applicants/sms.js';
import { identityCheckCharacter } from '../../src/lib/identity-number.js';
import { makeCreditCode, makeOrg, makeUser } from '../factories.js';
import { createTestApp, type TestApp } from '../helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

let phoneSeq = 0;
/** A fresh mainland mobile number per call, so tests do not share rate limits. */
const newPhone = () => `139${String(Date.now() % 1e4).padStart(4, '0')}${String(phoneSeq++).padStart(4, '0')}`;
/** A valid resident identity number from 乌兰浩特市 (152201), born 1985-06-15. */
export function idNumber(seq: number): string {
  const first17 = `15220119850615${String(seq).padStart(3, '0')}`;
  return first17 + identityCheckCharacter(first17);
}

async function requestCode(phone: string, ip = '10.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/applicant/login-code', payload: { phone }, remoteAddress: ip });
}

async function codeFor(phone: string): Promise<string> {
  const message = await latestOutboxMessage(t.app.deps, phone);
  const code = /\d{6}/.exec(message?.body ?? '')?.[0];
  if (!code) throw new Error('no code in the outbox');
  return code;
}

/** Signs in through the API; returns the tb_applicant cookie value. */
async function signIn(phone: string, ip = '10.0.0.1'): Promise<string> {
  expect((await requestCode(phone, ip)).statusCode).toBe(202);
  const res = await t.app.inject({ method: 'POST', url: '/api/applicant/sessions', payload: { phone, code: await codeFor(phone) } });
  expect(res.statusCode).toBe(201);
  const cookie = res.cookies.find((c) => c.name === 'tb_applicant');
  expect(cookie?.httpOnly).toBe(true);
  return cookie!.value;
}

/** A request with the applicant's cookie and, as the browser's script would send, its CSRF token. */
const asApplicant = (token: string, options: { method: 'GET' | 'POST' | 'DELETE'; url: string; payload?: object }) =>
  t.app.inject({ ...options, cookies: { tb_applicant: token }, headers: { 'x-csrf-token': csrfTokenFor(token) } });

describe('phone-code sign-in', () => {
  it('sends a code to the outbox, signs in, and creates the account once (unverified)', async () => {
    const phone = newPhone();
    const sent = await requestCode(phone);
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toMatchObject({ sentTo: `${phone.slice(0, 3)}****${phone.slice(7)}`, expiresInSeconds: 300, development: true });
    expect(sent.body).not.toContain(phone);

    const code = await codeFor(phone);
    const stored = await t.db.selectFrom('login_codes').selectAll().orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);
    const outbox = await t.db.selectFrom('sms_outbox').selectAll().orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(outbox.status).toBe('held');
    expect(outbox.phone_enc).not.toContain(phone);

    const res = await t.app.inject({ method: 'POST', url: '/api/applicant/sessions', payload: { phone, code } });
    expect(res.statusCode).toBe(201);
    const me = res.json();
    expect(me).toMatchObject({ kind: null, kindName: '未实名', realNameVerified: false, idNumber: null, phone: `${phone.slice(0, 3)}****${phone.slice(7)}` });
    expect(me.signIns[0].current).toBe(true);
    const row = await t.db.selectFrom('applicants').selectAll().where('id', '=', me.id).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain(phone);

    // The second sign-in (after the 60 s interval) finds the same account.
    await t.db.updateTable('login_codes').set({ created_at: new Date(Date.now() - 61_000) }).execute();
    const again = await signIn(phone);
    expect((await asApplicant(again, { method: 'GET', url: '/api/applicant/me' })).json().id).toBe(me.id);
    expect(await t.db.selectFrom('applicants').select('id').where('phone_hash', '=', row.phone_hash).execute()).toHaveLength(1);
  });

  it('a code works once, and only the newest code works', async () => {
    const phone = newPhone();
    await requestCode(phone);
    const first = await codeFor(phone);
    await t.db.updateTable('login_codes').set({ created_at: new Date(Date.now() - 61_000) }).execute();
    await requestCode(phone);
    const second = await codeFor(phone);
    if (first !== second) {
      const old = await t.app.inject({ method: 'POST', url: '/api/applicant/sessions', payload: { phone, code: first } });
      expect(old.statusCode).toBe(400);
      expect(old.json().code).toBe('login-code-wrong');
    }
    const ok = await t.app.inject({ method: 'POST', url: '/api/applicant/sessions', payload: { phone, code: second } });
    expect(ok.statusCode).toBe(201);
    const reuse = await t.app.inject({ method: 'POST', url: '/api/applicant/sessions', payload: { phone, code: second } });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().code).toBe('login-code-expired');
  });

  it('refuses an expired code', async () => {
    const phone = newPhone();
    await requestCode(phone);
    const code = await codeFor(phone);
    await t.db.updateTable('login_codes').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    const res = await t.app.inject({ method: 'POST', url: '/api/applicant/sessions', payload: { phone, code } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'login-code-expired', invalidParams: [{ name: 'body.code' }] });
  });

  it('allows 5 tries per code: after 5 wrong ones even the right code is refused', async () => {
    const phone = newPhone();
    await requestCode(phone);
    const code = await codeFor(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/applicant/sessions', payload: { phone, code: wrong } });
      answers.push(`${res.statusCode} ${res.json().code}`);
    }
    expect(answers).toEqual([...Array(4).fill('400 login-code-wrong'), '429 login-code-attempts-exhausted']);
    const right = await t.app.inject({ method: 'POST', url: '/api/applicant/sessions', payload: { phone, code } });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('login-code-attempts-exhausted');
  });

  it('names the field on bad input', async () => {
    for (const phone of ['12345678901', '1391234567', '+8613912345678', '']) {
      const res = await requestCode(phone);
      expect(res.statusCode).toBe(400);
      expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain('body.phone');
    }
    const noCode = await t.app.inject({ method: 'POST', url: '/api/applicant/sessions', payload: { phone: newPhone(), code: '12a456' } });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['body.code']);
  });
});

describe('sending limits', () => {
  it('a failing SMS gateway answers 503, and the attempt still counts toward the limits', async () => {
    const phone = newPhone();
    const failing: SmsSender = {
      provider: 'test-failing',
      development: false,
      async send() {
        throw new Error('gateway down');
      },
    };
    await expect(sendLoginCode({ ...t.app.deps, sms: failing }, phone, '10.30.0.1')).rejects.toMatchObject({ status: 503, code: 'sms-send-failed' });
    expect((await requestCode(phone, '10.30.0.1')).statusCode).toBe(429);
  });

  it('one code per phone per 60 s, with Retry-After', async () => {
    const phone = newPhone();
    expect((await requestCode(phone)).statusCode).toBe(202);
    const res = await requestCode(phone);
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('login-code-rate-limited');
    const retry = Number(res.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
  });

  it('five codes per phone per hour', async () => {
    const phone = newPhone();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Age the earlier codes past the 60 s interval but keep them inside the hour.
      await t.db.updateTable('login_codes').set({ created_at: new Date(Date.now() - (10 - i) * 61_000) }).where('created_at', '>', new Date(Date.now() - 30_000)).execute();
      statuses.push((await requestCode(phone, '10.9.0.1')).statusCode);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const res = await requestCode(phone, '10.9.0.2');
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(60);
  });

  it('twenty codes per address per hour, whatever the phone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await requestCode(newPhone(), '10.20.0.1')).statusCode);
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect((await requestCode(newPhone(), '10.20.0.2')).statusCode).toBe(202);
  });
});

describe('real-name link (实名核验, 一证办理)', () => {
  it('links a person: the number is stored encrypted and shown masked', async () => {
    const token = await signIn(newPhone());
    const number = idNumber(101);
    const res = await asApplicant(token, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '张 三', idNumber: ` ${number.toLowerCase()} ` } });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({ kind: 'person', kindName: '自然人', name: '张 三', realNameVerified: true, realNameProvider: 'development-accept' });
    expect(me.idNumber).toBe(`1522**********${number.slice(-4)}`);
    expect(res.body).not.toContain(number);
    const row = await t.db.selectFrom('applicants').selectAll().where('id', '=', me.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(number);
    // The same identity again is harmless; another one is refused.
    expect((await asApplicant(token, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '张三', idNumber: number } })).statusCode).toBe(200);
    const other = await asApplicant(token, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '张三', idNumber: idNumber(102) } });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('real-name-already-verified');
  });

  it('refuses an identity number already linked to another account (409)', async () => {
    const number = idNumber(201);
    const first = await signIn(newPhone());
    expect((await asApplicant(first, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '李四', idNumber: number } })).statusCode).toBe(200);
    const second = await signIn(newPhone());
    const res = await asApplicant(second, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '李四', idNumber: number } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('real-name-linked-elsewhere');
    expect((await asApplicant(second, { method: 'GET', url: '/api/applicant/me' })).json().realNameVerified).toBe(false);
  });

  it('links an enterprise by its credit code', async () => {
    const token = await signIn(newPhone());
    const code = makeCreditCode();
    const res = await asApplicant(token, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'enterprise', name: '兴安盟测试有限公司', creditCode: code } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'enterprise', idNumber: null, creditCode: `${code.slice(0, 8)}*********${code.slice(-1)}` });
  });

  it('says which field is wrong, layer by layer', async () => {
    const token = await signIn(newPhone());
    const valid = idNumber(301);
    const badCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const cases: [object, string, RegExp][] = [
      [{ kind: 'person', name: '王五', idNumber: badCheck }, 'body.idNumber', /校验码/],
      [{ kind: 'person', name: '王五', idNumber: '152201' + '20991231' + '0011' }, 'body.idNumber', /出生日期|校验码/],
      [{ kind: 'person', name: '王五' }, 'body.idNumber', /请填写/],
      [{ kind: 'person', name: '王', idNumber: valid }, 'body.name', /姓名/],
      [{ kind: 'enterprise', name: '某公司', creditCode: '91152201MA0N1234X0' }, 'body.creditCode', /./],
    ];
    for (const [payload, field, reason] of cases) {
      const res = await asApplicant(token, { method: 'POST', url: '/api/applicant/real-name', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const params = res.json().invalidParams as { name: string; reason: string }[];
      expect(params.some((p) => p.name === field && reason.test(p.reason)), JSON.stringify(params)).toBe(true);
      expect(res.body).not.toContain(valid);
    }
    const noKind = await asApplicant(token, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'robot', name: '王五' } });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().invalidParams.map((p: { name: string }) => p.name)).toContain('body.kind');
  });
});

describe('own data only, and applicant ≠ staff', () => {
  it('two applicants: no route returns the other one’s data', async () => {
    const phoneA = newPhone();
    const phoneB = newPhone();
    const a = await signIn(phoneA);
    const b = await signIn(phoneB);
    await asApplicant(a, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '赵甲', idNumber: idNumber(401) } });
    await asApplicant(b, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '钱乙', idNumber: idNumber(402) } });
    const bMe = (await asApplicant(b, { method: 'GET', url: '/api/applicant/me' })).json();
    const traces = [bMe.id, '钱乙', bMe.idNumber, bMe.phone, phoneB, idNumber(402)];

    const responses = [
      await asApplicant(a, { method: 'GET', url: '/api/applicant/me' }),
      await asApplicant(a, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '赵甲', idNumber: idNumber(401) } }),
      await asApplicant(a, { method: 'GET', url: '/my' }),
      await asApplicant(a, { method: 'GET', url: `/api/applicant/me?id=${bMe.id}` }),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('赵甲');
      for (const trace of traces) expect(res.body).not.toContain(trace);
    }
  });

  it('an applicant session opens no staff route, and a staff session no applicant route', async () => {
    const token = await signIn(newPhone());
    for (const cookies of [{ tb_applicant: token }, { tb_session: token }] as Record<string, string>[]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: '/api/users', cookies })).statusCode).toBe(401);
    }
    const org = await makeOrg(t.db);
    const staff = await makeUser(t.db, org.id, ['system-admin']);
    expect((await t.injectAs(staff.id, { method: 'GET', url: '/api/applicant/me' })).statusCode).toBe(401);
    const linked = await t.injectAs(staff.id, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '孙丙', idNumber: idNumber(501) } });
    expect(linked.statusCode).toBe(401);
  });

  it('signing out ends the session and keeps it in the history', async () => {
    const phone = newPhone();
    const token = await signIn(phone);
    expect((await asApplicant(token, { method: 'DELETE', url: '/api/applicant/sessions' })).statusCode).toBe(204);
    expect((await asApplicant(token, { method: 'GET', url: '/api/applicant/me' })).statusCode).toBe(401);
    expect((await asApplicant(token, { method: 'DELETE', url: '/api/applicant/sessions' })).statusCode).toBe(401);
    await t.db.updateTable('login_codes').set({ created_at: new Date(Date.now() - 61_000) }).execute();
    const again = await signIn(phone);
    const history = (await asApplicant(again, { method: 'GET', url: '/api/applicant/me' })).json().signIns;
    expect(history.map((s: { current: boolean; ended: boolean }) => [s.current, s.ended])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it('a session ends after inactivity and after the absolute limit', async () => {
    const idle = await signIn(newPhone());
    const idleRow = await t.db.selectFrom('applicant_sessions').select('id').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    await t.db.updateTable('applicant_sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', idleRow.id).execute();
    expect((await asApplicant(idle, { method: 'GET', url: '/api/applicant/me' })).statusCode).toBe(401);

    const old = await signIn(newPhone());
    const oldRow = await t.db.selectFrom('applicant_sessions').select('id').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
    await t.db.updateTable('applicant_sessions').set({ created_at: new Date(Date.now() - 13 * 3_600_000) }).where('id', '=', oldRow.id).execute();
    expect((await asApplicant(old, { method: 'GET', url: '/api/applicant/me' })).statusCode).toBe(401);
  });

  it('records sign-in and the real-name link in the audit trail, masked', async () => {
    const number = idNumber(601);
    const token = await signIn(newPhone());
    const me = (await asApplicant(token, { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '周丁', idNumber: number } })).json();
    const rows = await t.db.selectFrom('audit_log').selectAll().where('object_id', '=', me.id).execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['applicant.create', 'applicant.sign-in', 'applicant.real-name.link']));
    expect(JSON.stringify(rows)).not.toContain(number);
  });
});
