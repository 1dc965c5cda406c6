// 个人信息不入日志: a realistic session at log level 'trace' — staff sign-in, catalog, search with an ID
// number as the query, calendar, the applicant's phone-code sign-in and real-name link, user
// administration, 400s, 404s and 500s (including careless logging and real database errors that
// echo the values) — then the whole log output, and everything printed to the console, is searched
// for the ID numbers, phones, addresses, passwords and codes used, whole and in common partial forms.
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { identityCheckCharacter } from '../../src/lib/identity-number.js';
import { loggerOptions } from '../../src/lib/logger.js';
import { SESSION_COOKIE } from '../../src/http/auth.js';
import { CSRF_HEADER, csrfTokenFor } from '../../src/http/security.js';
import { createTestDatabase, type TestDatabase } from '../helpers.js';
import { formTokenOf, InjectBrowser, interactionUid } from './sso-browser.js';
import { makeCreditCode, makeGuide, makeImplementation, makeImplementingOrg, makeItem, makeUser } from '../factories.js';

const idOf = (first17: string) => `${first17}${identityCheckCharacter(first17)}`;
const ID_NUMBER = idOf('15220119870523391');
const ID_NUMBER_2 = idOf('15222119650817462');
const PHONE = '13947112358';
const APPLICANT_PHONE = '15047126839';
const SSO_APPLICANT_PHONE = '18647135920';
const LANDLINE = '0482-8263917';
const ADDRESS = '内蒙古自治区兴安盟乌兰浩特市都林街道和平路27号4单元502室';
const STAFF_PASSWORD = 'Beidou-7Star!2718';
const WRONG_PASSWORD = 'Guess-Wrong#4455';
const NEW_USER_PASSWORD = 'Qilian-Shan$9031';
const CREDIT_CODE = makeCreditCode();

/** Whole values and the partial forms people and programs write them in. */
function forbiddenForms(): Record<string, string[]> {
  const spaced = (p: string) => `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`;
  const dashed = (p: string) => `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`;
  return {
    idNumber: [ID_NUMBER, ID_NUMBER.toLowerCase(), ID_NUMBER.slice(0, 17), ID_NUMBER.slice(6, 14), ID_NUMBER.slice(4, 16), ID_NUMBER.slice(10), ID_NUMBER_2, ID_NUMBER_2.slice(6, 14)],
    phone: [
      ...[PHONE, APPLICANT_PHONE, SSO_APPLICANT_PHONE].flatMap((p) => [p, spaced(p), dashed(p), p.slice(3), p.slice(3, 9)]),
      LANDLINE,
      LANDLINE.replace('-', ''),
      '8263917',
    ],
    address: [ADDRESS, '和平路27号', '和平路', '4单元502', '都林街道和平'],
    creditCode: [CREDIT_CODE, CREDIT_CODE.slice(8, 17)],
    password: [STAFF_PASSWORD, WRONG_PASSWORD, NEW_USER_PASSWORD, 'Beidou-7Star', 'Star!2718'],
  };
}

/** Every occurrence of every form, also percent-encoded and JSON-escaped as a URL or body would carry it. */
function findPersonalData(text: string, extra: string[] = []): string[] {
  const hits: string[] = [];
  const forms = [...Object.values(forbiddenForms()).flat(), ...extra];
  for (const form of forms) {
    const variants = new Set([form, encodeURIComponent(form), JSON.stringify(form).slice(1, -1)]);
    for (const v of variants) if (text.includes(v)) hits.push(form === v ? form : `${form} (as ${v})`);
  }
  return hits;
}

/** Collects every line written to the log, and everything printed to the console while the test runs. */
function captureOutput() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const printed: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))),
  );
  return { lines, printed, stream, restore: () => spies.forEach((s) => s.mockRestore()) };
}

describe('nothing personal appears in the logs of a full run', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let output: ReturnType<typeof captureOutput>;
  let smsCode = '';
  const statuses: Record<string, number> = {};

  beforeAll(async () => {
    output = captureOutput();
    database = await createTestDatabase();
    const config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test', LOG_LEVEL: 'trace' }), seedDemo: false };
    app = await buildApp({ db: database.db, config, logStream: output.stream });
    registerMisbehavingRoutes(app, database);
    await app.ready();
    await runSession(app, database);
  }, 60_000);

  afterAll(async () => {
    output.restore();
    await app?.close();
    await database?.dispose();
  });

  /** Routes a test adds to provoke the worst: a module logging its whole input, and failures echoing data. */
  function registerMisbehavingRoutes(server: FastifyInstance, db: TestDatabase) {
    const route = { config: { public: true }, schema: { hide: true } };
    server.post('/api/test-only/careless', route, async (request) => {
      request.log.info({ body: request.body, query: request.query, headers: request.headers, request }, 'careless module logs its whole input');
      request.log.debug({ applicant: request.body }, `looking up ${ID_NUMBER} / ${PHONE} at ${ADDRESS}`);
      return { ok: true };
    });
    server.post('/api/test-only/explode', route, async (request) => {
      const error = Object.assign(new Error(`could not save applicant ${PHONE} (${ID_NUMBER})`), {
        detail: `Key (id_number)=(${ID_NUMBER}) already exists.`,
        params: [ID_NUMBER, PHONE, ADDRESS],
        body: request.body,
      });
      throw error;
    });
    server.post('/api/test-only/database-error', route, async (request) => {
      const { value } = request.body as { value: string };
      await sql`select ${value}::integer`.execute(db.db);
      return { ok: true };
    });
  }

  async function runSession(server: FastifyInstance, db: TestDatabase) {
    const gov = await makeImplementingOrg(db.db, { kind: 'government', level: 'league', name: '兴安盟行政公署' });
    const office = await makeImplementingOrg(db.db, { kind: 'management-office', level: 'league', parentId: gov.id, name: '兴安盟政务服务局' });
    const clerk = await makeUser(db.db, office.id, ['window-clerk'], STAFF_PASSWORD);
    const admin = await makeUser(db.db, office.id, ['system-admin'], STAFF_PASSWORD);
    const item = await makeItem(db.db, { name: '个体工商户登记' });
    const impl = await makeImplementation(db.db, { itemId: item.id, orgId: office.id });
    await makeGuide(db.db, { implementationId: impl.id });

    const headers = {
      'user-agent': `Mozilla/5.0 tester ${PHONE}`,
      // The platform's own page (same origin, so the CSRF origin check lets it through), with a query.
      referer: `${server.deps.config.publicUrl}/search?q=${encodeURIComponent(ID_NUMBER)}&phone=${PHONE}`,
      'x-applicant-id-number': ID_NUMBER,
      'x-forwarded-for': '10.1.2.3',
    };
    const call = async (name: string, options: InjectOptions, cookies: Record<string, string> = {}) => {
      // A page of the platform sends the CSRF token of its session (src/http/security.ts).
      const session = cookies[SESSION_COOKIE] ?? cookies.tb_applicant;
      const csrf = session ? { [CSRF_HEADER]: csrfTokenFor(session) } : {};
      const res = await server.inject({ ...options, headers: { ...headers, ...csrf, ...(options.headers ?? {}) }, cookies: { ...cookies, ...(options.cookies ?? {}) } });
      statuses[name] = res.statusCode;
      return res;
    };
    const cookieOf = (res: Awaited<ReturnType<typeof call>>) => Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));

    // Staff: a wrong password, a body with unknown personal fields (400), then a real sign-in.
    await call('login-wrong', { method: 'POST', url: '/api/auth/login', payload: { username: clerk.username, password: WRONG_PASSWORD } });
    await call('login-extra-fields', { method: 'POST', url: '/api/auth/login', payload: { username: clerk.username, password: STAFF_PASSWORD, idNumber: ID_NUMBER } });
    const clerkCookies = cookieOf(await call('login-clerk', { method: 'POST', url: '/api/auth/login', payload: { username: clerk.username, password: STAFF_PASSWORD } }));
    const adminCookies = cookieOf(await call('login-admin', { method: 'POST', url: '/api/auth/login', payload: { username: admin.username, password: STAFF_PASSWORD } }));
    await call('me', { method: 'GET', url: '/api/auth/me' }, clerkCookies);

    // Catalog, search and portal with personal data as the query.
    await call('items-by-id-number', { method: 'GET', url: `/api/catalog/items?q=${ID_NUMBER}` }, clerkCookies);
    await call('items-bad-query', { method: 'GET', url: `/api/catalog/items?phone=${PHONE}&q=${encodeURIComponent(ADDRESS)}` }, clerkCookies);
    await call('search-by-id-number', { method: 'GET', url: `/api/search?q=${ID_NUMBER}` });
    await call('search-by-address', { method: 'GET', url: `/api/search?q=${encodeURIComponent(ADDRESS)}` });
    await call('search-bad-limit', { method: 'GET', url: `/api/search?q=${PHONE}&limit=${ID_NUMBER}` });
    await call('portal-search', { method: 'GET', url: `/search?q=${encodeURIComponent(`${ADDRESS} ${PHONE}`)}` });
    await call('public-guides', { method: 'GET', url: `/api/public/guides?q=${ID_NUMBER}` });

    // Calendar with malformed input that names the values.
    await call('calendar-bad-dates', { method: 'GET', url: `/api/calendar/working-days?from=${ID_NUMBER}&to=${PHONE}` });
    await call('calendar-ok', { method: 'GET', url: '/api/calendar/working-days?from=2025-01-01&to=2025-02-01' });

    // Not found, with personal data in the path and the query.
    await call('not-found-api', { method: 'GET', url: `/api/applicants/${ID_NUMBER}?phone=${PHONE}` });
    await call('not-found-page', { method: 'GET', url: `/guides/${ID_NUMBER}` });
    await call('bad-json', { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: `{"username":"${PHONE}","password":"${STAFF_PASSWORD}"` });

    // Staff administration: a new account with a chosen password; a refused one.
    await call('user-create', { method: 'POST', url: '/api/users', payload: { username: 'clerk_two', displayName: '王*', orgId: office.id, roles: ['window-clerk'], password: NEW_USER_PASSWORD } }, adminCookies);
    await call('user-create-bad', { method: 'POST', url: '/api/users', payload: { username: PHONE, displayName: ADDRESS, orgId: ID_NUMBER, roles: ['x'], password: NEW_USER_PASSWORD } }, adminCookies);

    await applicantSession(call, cookieOf);
    await singleSignOn(server, clerk.username);

    // The worst a module can do, and failures that echo values.
    const body = { idNumber: ID_NUMBER, phone: PHONE, address: ADDRESS, password: STAFF_PASSWORD, nested: { contactPhone: LANDLINE, creditCode: CREDIT_CODE } };
    await call('careless', { method: 'POST', url: `/api/test-only/careless?idNumber=${ID_NUMBER}`, payload: body });
    await call('explode', { method: 'POST', url: `/api/test-only/explode?phone=${PHONE}`, payload: body });
    await call('database-error-id', { method: 'POST', url: '/api/test-only/database-error', payload: { value: ID_NUMBER } });
    await call('database-error-address', { method: 'POST', url: '/api/test-only/database-error', payload: { value: ADDRESS } });
    await call('database-error-landline', { method: 'POST', url: '/api/test-only/database-error', payload: { value: LANDLINE } });
    // No pattern recognises a street name alone: only dropping the quoted value of a data exception does.
    await call('database-error-street', { method: 'POST', url: '/api/test-only/database-error', payload: { value: '都林街道和平路' } });
  }

  /** The applicant's phone-code sign-in and real-name link (engineer D's routes), when they exist. */
  async function applicantSession(
    call: (name: string, options: InjectOptions, cookies?: Record<string, string>) => Promise<Awaited<ReturnType<FastifyInstance['inject']>>>,
    cookieOf: (res: Awaited<ReturnType<FastifyInstance['inject']>>) => Record<string, string>,
  ) {
    if (!app.hasRoute({ method: 'POST', url: '/api/applicant/login-code' })) return;
    const { latestOutboxMessage } = await import('../../src/modules/applicants/sms.js');
    await call('applicant-code-bad-phone', { method: 'POST', url: '/api/applicant/login-code', payload: { phone: `${PHONE}9` } });
    await call('applicant-code', { method: 'POST', url: '/api/applicant/login-code', payload: { phone: APPLICANT_PHONE } });
    const message = await latestOutboxMessage(app.deps, APPLICANT_PHONE);
    smsCode = /\d{6}/.exec(message?.body ?? '')?.[0] ?? '';
    await call('applicant-wrong-code', { method: 'POST', url: '/api/applicant/sessions', payload: { phone: APPLICANT_PHONE, code: smsCode === '000000' ? '111111' : '000000' } });
    const cookies = cookieOf(await call('applicant-sign-in', { method: 'POST', url: '/api/applicant/sessions', payload: { phone: APPLICANT_PHONE, code: smsCode } }));
    await call('applicant-real-name-bad', { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '张三明', idNumber: `${ID_NUMBER.slice(0, 17)}0` } }, cookies);
    await call('applicant-real-name', { method: 'POST', url: '/api/applicant/real-name', payload: { kind: 'person', name: '张三明', idNumber: ID_NUMBER } }, cookies);
    await call('applicant-me', { method: 'GET', url: '/api/applicant/me' }, cookies);
    await call('applicant-me-page', { method: 'GET', url: '/me' }, cookies);
    await call('applicant-sign-out', { method: 'DELETE', url: '/api/applicant/sessions' }, cookies);
  }

  /** Through the platform's OIDC sign-in page (统一身份认证): a staff password, wrong then right; an applicant's phone code. */
  async function singleSignOn(server: FastifyInstance, username: string) {
    if (!server.hasRoute({ method: 'POST', url: '/oidc/interaction/:uid/login' })) return;
    const openPage = async (returnTo: string) => {
      const browser = new InjectBrowser(server, server.deps.config.publicUrl);
      const { response, path } = await browser.get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
      return { browser, uid: interactionUid(path), token: formTokenOf(response.body) };
    };
    const staff = await openPage('/admin/');
    const wrong = await staff.browser.request('POST', `/oidc/interaction/${staff.uid}/login`, { token: staff.token, username, password: WRONG_PASSWORD });
    statuses['sso-staff-wrong'] = wrong.statusCode;
    const signedIn = await staff.browser.post(`/oidc/interaction/${staff.uid}/login`, { token: staff.token, username, password: STAFF_PASSWORD }, (p) => p.startsWith('/admin'));
    statuses['sso-staff'] = signedIn.path.startsWith('/admin') ? 200 : signedIn.response.statusCode;

    const applicant = await openPage('/my');
    const sent = await applicant.browser.request('POST', `/oidc/interaction/${applicant.uid}/phone-code`, { token: applicant.token, phone: SSO_APPLICANT_PHONE });
    statuses['sso-phone-code'] = sent.statusCode;
    const { latestOutboxMessage } = await import('../../src/modules/applicants/sms.js');
    const code = /\d{6}/.exec((await latestOutboxMessage(server.deps, SSO_APPLICANT_PHONE))?.body ?? '')?.[0] ?? '';
    const done = await applicant.browser.post(`/oidc/interaction/${applicant.uid}/applicant`, { token: applicant.token, phone: SSO_APPLICANT_PHONE, code }, (p) => p === '/my' || p.startsWith('/my?'));
    statuses['sso-applicant'] = done.path.startsWith('/my') ? 200 : done.response.statusCode;
  }

  it('ran the session it claims: successes, 400s, 401s, 404s and 500s, all logged at trace level', () => {
    expect(statuses).toMatchObject({
      'login-wrong': 401,
      'login-extra-fields': 400,
      'login-clerk': 200,
      'search-by-id-number': 200,
      'calendar-bad-dates': 400,
      'calendar-ok': 200,
      'not-found-api': 404,
      'bad-json': 400,
      'user-create': 201,
      'user-create-bad': 400,
      careless: 200,
      explode: 500,
      'database-error-id': 500,
      'database-error-address': 500,
      'database-error-street': 500,
    });
    const log = output.lines.join('');
    // Every request's path is there, so the grep below reads a log that recorded the run.
    for (const path of ['/api/auth/login', '/api/search', '/api/calendar/working-days', '/api/test-only/explode', '/api/users']) expect(log).toContain(path);
    expect(log).toContain('unhandled error');
    expect(log).toContain('careless module logs its whole input');
    expect(output.lines.every((line) => JSON.parse(line))).toBe(true);
  });

  it('the single sign-on pages were part of the run when they exist', () => {
    if (!app.hasRoute({ method: 'POST', url: '/oidc/interaction/:uid/login' })) return;
    expect(statuses).toMatchObject({ 'sso-staff-wrong': 401, 'sso-staff': 200, 'sso-phone-code': 200, 'sso-applicant': 200 });
  });

  it('the applicant routes were part of the run when they exist', () => {
    if (!app.hasRoute({ method: 'POST', url: '/api/applicant/login-code' })) return;
    expect(smsCode).toMatch(/^\d{6}$/);
    expect(statuses).toMatchObject({ 'applicant-code': 202, 'applicant-sign-in': 201, 'applicant-real-name': 200, 'applicant-me': 200 });
  });

  it('the log holds no ID number, phone, address, credit code, password or sign-in code, whole or partial', () => {
    const log = output.lines.join('');
    const codeForms = smsCode ? [`"${smsCode}"`, `=${smsCode}`, ` ${smsCode} `, `:${smsCode}`] : [];
    expect(findPersonalData(log, codeForms)).toEqual([]);
  });

  it('nothing printed to the console during the run holds them either', () => {
    expect(findPersonalData(output.printed.join('\n'))).toEqual([]);
  });

  it('dump', async () => { const fs = await import('node:fs'); fs.writeFileSync('/tmp/pd-log.txt', output.lines.join('')); fs.writeFileSync('/tmp/pd-printed.txt', output.printed.join('\n')); });
  it('the search would find them: the same input logged without the hardening leaks', () => {
    // A control, so that the empty result above means something.
    const control = captureOutput();
    control.restore();
    const { redact: _redact, serializers: _serializers, formatters: _formatters, hooks: _hooks, ...bare } = loggerOptions('trace');
    void [_redact, _serializers, _formatters, _hooks];
    const logger = pino(bare, control.stream);
    logger.info({ body: { idNumber: ID_NUMBER, phone: PHONE, address: ADDRESS, password: STAFF_PASSWORD } }, 'unhardened');
    const found = findPersonalData(control.lines.join(''));
    expect(found).toEqual(expect.arrayContaining([ID_NUMBER, PHONE, ADDRESS, STAFF_PASSWORD]));
  });
});
