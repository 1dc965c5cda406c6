// Production first start (首次启动): there is no default password. When NODE_ENV=production and no
// active system administrator exists, the start prints a one-time setup token to the console (never
// through pino: the logs are shipped elsewhere) and /setup lets whoever holds the token create the
// first administrator — once. The token is stored only as a hash; each start replaces it, using it
// invalidates it, and /setup answers 410 from then on.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { DomainError, type InvalidParam } from '../../http/errors.js';
import { issueFormToken, verifyFormToken, FORM_FIELD } from '../../http/security.js';
import { recordAudit } from '../audit/service.js';
import { createOrg, upsertDivisions } from '../orgs/service.js';
import { html, type Html } from '../portal/html.js';
import { checkLimit } from './login-guard.js';
import { hashPassword } from './passwords.js';
import { checkPasswordPolicy } from './password-policy.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Whether an active account holds the system-admin role (系统管理员). */
export async function hasActiveSystemAdmin(db: Database): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('active', '=', true)
    .where((eb) => eb(eb.val('system-admin'), '=', eb.fn.any('roles')))
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/**
 * On a production start without an administrator: makes a new one-time setup token (replacing any
 * earlier one) and returns it for the console. Otherwise null. Development and test never need one.
 */
export async function prepareFirstStart(db: Database, config: Pick<Config, 'env'>): Promise<string | null> {
  if (config.env !== 'production' || (await hasActiveSystemAdmin(db))) return null;
  const token = randomBytes(24).toString('base64url');
  await db
    .insertInto('setup_tokens')
    .values({ id: 1, token_hash: sha256(token), used_at: null })
    .onConflict((oc) => oc.column('id').doUpdateSet({ token_hash: sha256(token), created_at: new Date(), used_at: null }))
    .execute();
  return token;
}

/** The console banner (printed with console.log by main.ts, never logged). */
export function formatSetupBanner(token: string, publicUrl: string): string {
  return [
    '',
    '================================================================',
    '首次启动：尚无系统管理员 (first start: no system administrator yet)',
    `请打开 ${publicUrl}/setup ，用下面的一次性令牌创建第一个管理员：`,
    `open ${publicUrl}/setup and create the first administrator with this one-time token:`,
    '',
    `    ${token}`,
    '',
    '令牌只能使用一次；重启会生成新令牌。 (single use; a restart makes a new one)',
    '================================================================',
    '',
  ].join('\n');
}

export interface FirstAdminInput {
  token: string;
  username: string;
  displayName: string;
  password: string;
  orgName: string;
}

const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/;
const LEAGUE_DIVISION = { code: '1522', name: '兴安盟', parentCode: '15' };

function invalid(params: InvalidParam[]): DomainError {
  return new DomainError(422, 'invalid-setup', `请修改标出的字段 (please correct: ${params.map((p) => p.name).join(', ')})`, params);
}

/** Shape of the input, then the password policy: every problem at once, named by field. */
async function validateInput(input: FirstAdminInput): Promise<void> {
  const params: InvalidParam[] = [];
  if (!USERNAME.test(input.username)) params.push({ name: 'username', reason: '3–32 位小写字母、数字或 _ . -，以字母开头 (3–32 lower-case letters, digits, _ . -)' });
  if (!input.displayName.trim() || input.displayName.length > 64) params.push({ name: 'displayName', reason: '请填写 1–64 个字符的姓名 (1–64 characters)' });
  if (!input.orgName.trim() || input.orgName.length > 100) params.push({ name: 'orgName', reason: '请填写机构名称 (organization name, 1–100 characters)' });
  for (const v of await checkPasswordPolicy(input.password, { username: input.username })) params.push({ name: 'password', reason: v.message });
  if (params.length) throw invalid(params);
}

/** The organization the first administrator belongs to: an existing root, or a new management office. */
async function rootOrgId(trx: Database, orgName: string): Promise<string> {
  const root = await trx.selectFrom('orgs').select('id').where('parent_id', 'is', null).orderBy('created_at').limit(1).executeTakeFirst();
  if (root) return root.id;
  await upsertDivisions(trx, [
    { code: '15', name: '内蒙古自治区', level: 'province', parentCode: null },
    { code: LEAGUE_DIVISION.code, name: LEAGUE_DIVISION.name, level: 'prefecture', parentCode: LEAGUE_DIVISION.parentCode },
  ]);
  const org = await createOrg(trx, { code: 'ROOT-OFFICE', name: orgName.trim(), kind: 'management-office', level: 'league', divisionCode: LEAGUE_DIVISION.code });
  return org.id;
}

/** Creates the first administrator with the pending token, once; the token is spent in the same transaction. */
export async function createFirstAdministrator(db: Database, input: FirstAdminInput, ip: string | null): Promise<{ userId: string }> {
  await validateInput(input);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const pending = await trx.selectFrom('setup_tokens').selectAll().where('id', '=', 1).forUpdate().executeTakeFirst();
    if (!pending || pending.used_at || (await hasActiveSystemAdmin(trx))) throw setupDone();
    const given = Buffer.from(sha256(input.token.trim()));
    if (!timingSafeEqual(given, Buffer.from(pending.token_hash))) {
      throw new DomainError(403, 'setup-token-invalid', '初始化令牌不正确 (wrong setup token: copy it from the server console)', [{ name: 'token', reason: '令牌不正确 (wrong token)' }]);
    }
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw invalid([{ name: 'username', reason: '用户名已被使用 (username taken)' }]);
    const userId = randomUUID();
    const orgId = await rootOrgId(trx, input.orgName);
    await trx
      .insertInto('users')
      .values({ id: userId, username: input.username, display_name: input.displayName.trim(), password_hash: passwordHash, org_id: orgId, roles: ['system-admin'], password_changed_at: new Date() })
      .execute();
    await trx.updateTable('setup_tokens').set({ used_at: new Date() }).where('id', '=', 1).execute();
    await recordAudit(trx, null, { action: 'setup.first-admin', objectType: 'user', objectId: userId, changes: { username: input.username, roles: ['system-admin'], orgId }, ip });
    return { userId };
  });
}

const setupDone = () => new DomainError(410, 'setup-complete', '系统已完成初始化，请直接登录 (setup is complete: sign in instead)');

async function setupPending(db: Database): Promise<boolean> {
  const pending = await db.selectFrom('setup_tokens').select('used_at').where('id', '=', 1).executeTakeFirst();
  return !!pending && !pending.used_at && !(await hasActiveSystemAdmin(db));
}

// ——— the page (server-rendered, no script) ———

interface FormState {
  values?: Partial<FirstAdminInput>;
  errors?: InvalidParam[];
  message?: string;
}

function field(name: keyof FirstAdminInput, label: string, type: string, state: FormState, extra: Html | string = ''): Html {
  const reasons = (state.errors ?? []).filter((e) => e.name === name).map((e) => e.reason);
  const value = type === 'password' ? '' : (state.values?.[name] ?? '');
  return html`<div class="field wide">
  <label for="setup-${name}">${label}</label>
  <input id="setup-${name}" name="${name}" type="${type}" value="${value}" required${reasons.length ? html` aria-invalid="true" aria-describedby="setup-${name}-error"` : ''} ${extra}>
  ${reasons.length ? html`<p class="field-error" id="setup-${name}-error">${reasons.join('；')}</p>` : ''}
</div>`;
}

function shell(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - 通办</title><link rel="stylesheet" href="/assets/portal.css"></head>
<body><main id="main" class="wrap">${body}</main></body>
</html>
`.value;
}

function setupPage(formToken: string, state: FormState = {}): string {
  return shell(
    '创建第一个管理员',
    html`<h1>创建第一个系统管理员 <span lang="en">Create the first administrator</span></h1>
<p>令牌打印在服务器启动时的控制台中。密码至少 12 个字符，包含小写字母、大写字母、数字、符号中的至少三类，且不含用户名。</p>
${state.message ? html`<p class="form-error" role="alert">${state.message}</p>` : ''}
<form method="post" action="/setup" novalidate>
  <input type="hidden" name="${FORM_FIELD}" value="${formToken}">
  ${field('token', '一次性初始化令牌 setup token', 'password', state, 'autocomplete="off"')}
  ${field('orgName', '所属机构 organization', 'text', { ...state, values: { orgName: '兴安盟政务服务局', ...state.values } })}
  ${field('username', '用户名 username', 'text', state, 'autocomplete="username"')}
  ${field('displayName', '姓名 name', 'text', state, 'autocomplete="name"')}
  ${field('password', '密码 password', 'password', state, 'autocomplete="new-password"')}
  <p><button type="submit" class="button">创建管理员</button></p>
</form>`,
  );
}

const HTML = 'text/html; charset=utf-8';
const PAGE_CSP = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function sendPage(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).type(HTML).header('Cache-Control', 'no-store').header('Content-Security-Policy', PAGE_CSP).send(body);
}

const donePage = () => shell('初始化已完成', html`<h1>系统已完成初始化</h1><p>请使用管理员账号 <a href="/admin/">登录管理后台</a>。</p>`);

function readForm(body: unknown): FirstAdminInput & { formToken: unknown } {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '').slice(0, 200);
  return { token: text('token'), username: text('username').trim(), displayName: text('displayName'), password: text('password'), orgName: text('orgName'), formToken: b[FORM_FIELD] };
}

/** GET/POST /setup. Registered in every environment; it only acts while a token is pending. */
export const setupRoutes: FastifyPluginAsync = async (app) => {
  const { db, config } = app.deps;
  const FORM = 'application/x-www-form-urlencoded';
  if (!app.hasContentTypeParser(FORM)) {
    app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
  }

  app.get('/setup', { config: { public: true }, schema: { hide: true } }, async (request: FastifyRequest, reply) => {
    if (!(await setupPending(db))) return sendPage(reply, 410, donePage());
    return sendPage(reply, 200, setupPage(issueFormToken(request, reply, config)));
  });

  app.post('/setup', { config: { public: true }, schema: { hide: true } }, async (request: FastifyRequest, reply) => {
    if (!(await setupPending(db))) return sendPage(reply, 410, donePage());
    const input = readForm(request.body);
    const again = (status: number, state: FormState) => sendPage(reply, status, setupPage(issueFormToken(request, reply, config), { ...state, values: input }));
    if (!verifyFormToken(request, config, input.formToken)) return again(403, { message: '页面已过期，请重新提交 (the form expired; submit again)' });
    const tries = await checkLimit(db, `setup:address:${request.ip}`, 10, 15 * 60);
    if (!tries.allowed) {
      reply.header('Retry-After', String(tries.retryAfterSeconds));
      return again(429, { message: '尝试次数过多，请稍后再试 (too many attempts; try later)' });
    }
    try {
      await createFirstAdministrator(db, input, request.ip);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.status === 410) return sendPage(reply, 410, donePage());
      return again(error.status, { message: error.detail, errors: error.invalidParams });
    }
    return sendPage(reply, 201, shell('管理员已创建', html`<h1>管理员已创建</h1><p>初始化令牌已失效。请 <a href="/admin/">登录管理后台</a>，再在“用户管理”中为各机构创建账号。</p>`));
  });
};
