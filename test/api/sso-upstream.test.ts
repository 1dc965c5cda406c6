// Trusting an upstream provider (自治区政务服务统一身份认证平台): a SECOND, local oidc-provider on an
// ephemeral port plays the provincial platform. Its sign-in is automatic for whichever subject the
// test names, so the test drives the platform's side: the "使用自治区政务服务账号登录" link, the
// callback mapping the upstream subject to a staff account (upstream_links) or to an applicant by the
// ID number claim, and linking an unknown subject by one local sign-in.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { identityCheckCharacter } from '../../src/lib/identity-number.js';
import { createApplicantSession, linkRealName, sendLoginCode, verifyLoginCode } from '../../src/modules/applicants/service.js';
import { latestOutboxMessage } from '../../src/modules/applicants/sms.js';
import { createTestDatabase, type TestDatabase } from '../helpers.js';
import { makeOrg, makeUser } from '../factories.js';
import { formTokenOf, InjectBrowser, interactionUid } from './sso-browser.js';

const UPSTREAM_CLIENT = { id: 'tongban-xam', secret: 'upstream-secret-for-tests-only-0123456789' };
const first17 = '15220119850612034';
const ID_NUMBER = first17 + identityCheckCharacter(first17);

/** Who the upstream platform signs in next, and the claims it releases. */
let nextUpstreamUser: { sub: string; idNumber?: string } = { sub: 'nobody' };
let upstreamServer: http.Server;
let upstreamIssuer: string;
let database: TestDatabase;
let app: FastifyInstance;
let publicUrl: string;

async function startUpstream(): Promise<void> {
  let handler: http.RequestListener = (_req, res) => res.end();
  upstreamServer = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => upstreamServer.listen(0, '127.0.0.1', resolve));
  upstreamIssuer = `http://127.0.0.1:${(upstreamServer.address() as AddressInfo).port}`;
  const accounts = new Map<string, { idNumber?: string }>();
  const provider = new Provider(upstreamIssuer, {
    clients: [{ client_id: UPSTREAM_CLIENT.id, client_secret: UPSTREAM_CLIENT.secret, redirect_uris: ['http://127.0.0.1:3000/auth/upstream/callback'], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], profile: ['name', 'id_number'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, name: '上级平台用户', ...(accounts.get(sub)?.idNumber ? { id_number: accounts.get(sub)!.idNumber } : {}) }) }),
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  handler = (req, res) => {
    const m = /^\/interaction\/([^/?]+)/.exec(req.url ?? '');
    if (!m) return void callback(req, res);
    // The provincial platform's own sign-in, reduced to "the person the test named".
    accounts.set(nextUpstreamUser.sub, { idNumber: nextUpstreamUser.idNumber });
    void provider.interactionFinished(req, res, { login: { accountId: nextUpstreamUser.sub } }, { mergeWithLastSubmission: false });
  };
}

/** Follows the upstream platform's redirects (real HTTP, its own cookies) back to our callback. */
async function throughUpstream(url: string): Promise<string> {
  const jar = new Map<string, string>();
  let current = url;
  for (let hops = 0; hops < 10; hops++) {
    if (!current.startsWith(upstreamIssuer)) return current;
    const res = await fetch(current, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const raw of res.headers.getSetCookie()) {
      const [pair] = raw.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`upstream stopped at ${current} with ${res.status}`);
    current = new URL(location, current).href;
  }
  throw new Error('too many upstream redirects');
}

beforeAll(async () => {
  await startUpstream();
  database = await createTestDatabase();
  const config = {
    ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test', TONGBAN_UPSTREAM_ISSUER: upstreamIssuer, TONGBAN_UPSTREAM_CLIENT_ID: UPSTREAM_CLIENT.id, TONGBAN_UPSTREAM_CLIENT_SECRET: UPSTREAM_CLIENT.secret }),
    seedDemo: false,
  };
  publicUrl = config.publicUrl;
  app = await buildApp({ db: database.db, config });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.dispose();
  await new Promise((resolve) => upstreamServer?.close(resolve));
});

const reachesApp = (path: string) => path.startsWith('/admin') || path === '/my' || path.startsWith('/my?');

/** Opens our sign-in page and takes the upstream link; returns the browser at our callback's answer. */
async function signInUpstream(browser: InjectBrowser, returnTo = '/admin/') {
  const { response, path } = await browser.get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
  expect(response.body).toContain('使用自治区政务服务账号登录');
  const uid = interactionUid(path);
  const away = await browser.get(`/oidc/interaction/${uid}/upstream`);
  expect(away.path.startsWith(upstreamIssuer)).toBe(true);
  const back = await throughUpstream(away.path);
  expect(back.startsWith(`${publicUrl}/auth/upstream/callback?`)).toBe(true);
  return { uid, result: await browser.get(back, reachesApp) };
}

describe('an upstream (provincial) identity provider', () => {
  it('signs in a staff member whose upstream subject is linked', async () => {
    const org = await makeOrg(database.db);
    const user = await makeUser(database.db, org.id, ['reviewer']);
    await database.db.insertInto('upstream_links').values({ issuer: upstreamIssuer, subject: 'prov-staff-1', user_id: user.id }).execute();
    nextUpstreamUser = { sub: 'prov-staff-1' };
    const browser = new InjectBrowser(app, publicUrl);
    const { result } = await signInUpstream(browser, '/admin/review');
    expect(result.path).toBe('/admin/review');
    expect((await browser.request('GET', '/api/auth/me')).json().username).toBe(user.username);
  });

  it('asks an unknown subject to sign in locally once, links it, and trusts it the next time', async () => {
    const org = await makeOrg(database.db);
    const user = await makeUser(database.db, org.id, ['decider']);
    nextUpstreamUser = { sub: 'prov-staff-new' };
    const browser = new InjectBrowser(app, publicUrl);
    const { uid, result } = await signInUpstream(browser);
    expect(result.response.statusCode).toBe(200);
    expect(result.response.body).toContain('尚未关联本平台账号');
    expect(browser.cookie('tb_session')).toBeUndefined();
    const done = await browser.post(`/oidc/interaction/${uid}/login`, { token: formTokenOf(result.response.body), username: user.username, password: user.password }, reachesApp);
    expect(done.path).toBe('/admin/');
    const link = await database.db.selectFrom('upstream_links').selectAll().where('subject', '=', 'prov-staff-new').executeTakeFirstOrThrow();
    expect(link).toMatchObject({ issuer: upstreamIssuer, user_id: user.id });

    const later = new InjectBrowser(app, publicUrl);
    const again = await signInUpstream(later);
    expect(again.result.path).toBe('/admin/');
    expect((await later.request('GET', '/api/auth/me')).json().username).toBe(user.username);
  });

  it('signs in an applicant by the ID number claim and lands on 我的', async () => {
    const deps = app.deps;
    const phone = '13700001111';
    await sendLoginCode(deps, phone, '10.0.0.9');
    const code = /\d{6}/.exec((await latestOutboxMessage(deps, phone))!.body)![0]!;
    const applicant = await verifyLoginCode(deps, phone, code);
    const token = await createApplicantSession(deps, applicant.id);
    await linkRealName(deps, { applicantId: applicant.id, sessionId: token }, { kind: 'person', name: '乌云', idNumber: ID_NUMBER });

    nextUpstreamUser = { sub: 'prov-person-1', idNumber: ID_NUMBER };
    const browser = new InjectBrowser(app, publicUrl);
    const { result } = await signInUpstream(browser, '/my');
    expect(result.path).toBe('/my');
    expect(browser.cookie('tb_applicant')).toBeDefined();
    expect(browser.cookie('tb_session')).toBeUndefined();
  });

  it('refuses a callback that did not start here (no state cookie)', async () => {
    const browser = new InjectBrowser(app, publicUrl);
    const res = await browser.request('GET', '/auth/upstream/callback?code=x&state=y');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('登录状态已失效');
  });
});
