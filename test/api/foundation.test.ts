import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeOrg, makeUser } from '../factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('foundation', () => {
  it('publishes an OpenAPI description', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().info.title).toContain('Tongban');
  });

  it('answers an unknown route with problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('route-not-found');
  });

  it('signs a staff member in and names the missing field on bad input', async () => {
    const org = await makeOrg(t.db);
    const user = await makeUser(t.db, org.id, ['dept-admin']);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password } });
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'tb_session')?.httpOnly).toBe(true);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    const missing = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().invalidParams[0].name).toBe('body.password');
    const me = await t.injectAs(user.id, { method: 'GET', url: '/api/auth/me' });
    expect(me.json().roleNames).toEqual(['部门管理员']);
  });
});
