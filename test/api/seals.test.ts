// Electronic seals (电子印章, Art. 26): administrators create seals with server-generated SM2 keys,
// suspend, resume and revoke them with a reason; a suspended or revoked seal signs nothing; the
// seal's image is drawn by the platform; the private key never leaves the server — not in any
// answer, not in the log (the whole run is logged at 'trace' and searched for it).
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor } from '../../src/http/security.js';
import { SESSION_COOKIE } from '../../src/http/auth.js';
import { sensitiveColumns } from '../../src/lib/sm-crypto.js';
import { issueDocument } from '../../src/modules/documents/service.js';
import { createSession } from '../../src/modules/identity/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers.js';
import { makeImplementingOrg, makeUser } from '../factories.js';

let database: TestDatabase;
let app: FastifyInstance;
const logLines: string[] = [];
/** Every answer body of the run, searched for the private keys at the end. */
const answers: string[] = [];
let orgs: { gov: { id: string }; own: { id: string; name: string }; child: { id: string; name: string }; other: { id: string; name: string } };
let users: { sysAdmin: string; deptAdmin: string; clerk: string };
const tokens = new Map<string, string>();

async function as(userId: string, options: InjectOptions): Promise<LightMyRequestResponse> {
  let token = tokens.get(userId);
  if (!token) tokens.set(userId, (token = await createSession(database.db, userId)));
  const csrf = csrfTokenFor(token);
  const res = await app.inject({ ...options, headers: { [CSRF_HEADER]: csrf, ...(options.headers ?? {}) }, cookies: { [CSRF_COOKIE]: csrf, [SESSION_COOKIE]: token } });
  answers.push(res.body);
  return res;
}

const post = (userId: string, url: string, payload: object = {}) => as(userId, { method: 'POST', url, payload });
const get = (userId: string, url: string) => as(userId, { method: 'GET', url });

/** Issues a small document for the organization in one transaction, as a case notice would. */
function issue(orgId: string, sealKind?: '公章' | '行政审批专用章' | '业务专用章') {
  return database.db.transaction().execute((trx) =>
    issueDocument(trx, app.deps, { kind: 'receipt', orgId, number: `测试〔2026〕${Math.floor(Math.random() * 1e6)}号`, title: '受理通知书', sealKind, render: (c) => c.text('经审查，申请材料齐全，决定予以受理。') }),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test', LOG_LEVEL: 'trace' }), seedDemo: false };
  app = await buildApp({ db: database.db, config, logStream: stream });
  await app.ready();
  const gov = await makeImplementingOrg(database.db, { kind: 'government', name: '兴安盟行政公署' });
  const own = await makeImplementingOrg(database.db, { parentId: gov.id, name: '兴安盟市场监督管理局' });
  const child = await makeImplementingOrg(database.db, { parentId: own.id, name: '兴安盟市场监督管理局开发区分局' });
  const other = await makeImplementingOrg(database.db, { parentId: gov.id, name: '兴安盟人力资源和社会保障局' });
  orgs = { gov, own, child, other };
  users = {
    sysAdmin: (await makeUser(database.db, gov.id, ['system-admin'])).id,
    deptAdmin: (await makeUser(database.db, own.id, ['dept-admin'])).id,
    clerk: (await makeUser(database.db, own.id, ['window-clerk'])).id,
  };
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

describe('creating and listing seals', () => {
  it('creates a seal named after the organization with a fresh SM2 public key, and audits it', async () => {
    const res = await post(users.deptAdmin, '/api/seals', { orgId: orgs.own.id, kind: '行政审批专用章' });
    expect(res.statusCode).toBe(201);
    const seal = res.json();
    expect(seal).toMatchObject({ orgId: orgs.own.id, orgName: '兴安盟市场监督管理局', kind: '行政审批专用章', name: '兴安盟市场监督管理局', status: 'active', statusName: '有效' });
    expect(seal.publicKeyFingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    const key = await get(users.deptAdmin, `/api/seals/${seal.id}/public-key`);
    expect(key.json()).toMatchObject({ algorithm: 'SM2', curve: 'sm2p256v1', signatureAlgorithm: 'SM2-with-SM3', userId: '1234567812345678' });
    expect(key.json().publicKey).toMatch(/^04[0-9a-f]{128}$/);
    // Two seals never share a key pair.
    const second = (await post(users.deptAdmin, '/api/seals', { orgId: orgs.own.id, kind: '公章' })).json();
    expect((await get(users.deptAdmin, `/api/seals/${second.id}/public-key`)).json().publicKey).not.toBe(key.json().publicKey);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('object_id', '=', seal.id).execute();
    expect(audit).toEqual([{ action: 'seal.create', actor_id: users.deptAdmin }]);
  });

  it('takes a custom name (印文) and refuses a blank one or an unknown kind, naming the field', async () => {
    const named = await post(users.deptAdmin, '/api/seals', { orgId: orgs.child.id, kind: '业务专用章', name: '开发区分局 合同' });
    expect(named.statusCode).toBe(201);
    expect(named.json().name).toBe('开发区分局合同');
    const blank = await post(users.deptAdmin, '/api/seals', { orgId: orgs.own.id, kind: '公章', name: '   ' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().invalidParams[0].name).toBe('body.name');
    const kind = await post(users.deptAdmin, '/api/seals', { orgId: orgs.own.id, kind: '私章' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().invalidParams[0].name).toBe('body.kind');
  });

  it('keeps a department administrator within its scope; a system administrator sees every organization', async () => {
    const outside = await post(users.deptAdmin, '/api/seals', { orgId: orgs.other.id, kind: '公章' });
    expect(outside.statusCode).toBe(403);
    const theirs = (await post(users.sysAdmin, '/api/seals', { orgId: orgs.other.id, kind: '公章' })).json();
    expect((await get(users.deptAdmin, `/api/seals/${theirs.id}`)).statusCode).toBe(404);
    expect((await post(users.deptAdmin, `/api/seals/${theirs.id}/revoke`, { reason: '越权' })).statusCode).toBe(404);
    const mine = (await get(users.deptAdmin, '/api/seals')).json().items.map((s: { orgName: string }) => s.orgName);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine).not.toContain('兴安盟人力资源和社会保障局');
    const all = (await get(users.sysAdmin, '/api/seals')).json().items.map((s: { orgName: string }) => s.orgName);
    expect(all).toContain('兴安盟人力资源和社会保障局');
    expect((await get(users.clerk, '/api/seals')).statusCode).toBe(403);
  });
});

describe('the seal image, drawn by the platform', () => {
  it('is an SVG of a round red seal: ring, star, and the name and kind as drawn outlines', async () => {
    const seal = (await post(users.deptAdmin, '/api/seals', { orgId: orgs.own.id, kind: '行政审批专用章' })).json();
    const res = await get(users.deptAdmin, `/api/seals/${seal.id}/image.svg`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    const svg = res.body;
    expect(svg).toContain('aria-label="兴安盟市场监督管理局 行政审批专用章"');
    expect(svg).toMatch(/<circle cx="100" cy="100" r="94" fill="none" stroke="#d60a0f"/);
    const paths = [...svg.matchAll(/<path [^>]*d="([^"]+)"/g)].map((m) => m[1]!);
    // The star: ten corners; the text: 10 + 7 characters' outlines (many sub-paths, not <text>).
    expect(paths[0]!.split('L')).toHaveLength(10);
    expect(paths[1]!.split('M').length).toBeGreaterThan(40);
    expect(svg).not.toContain('<text');
    expect(svg).not.toContain('<image');
    // A different organization's seal is a different drawing.
    const other = (await post(users.sysAdmin, '/api/seals', { orgId: orgs.other.id, kind: '行政审批专用章' })).json();
    const otherSvg = (await get(users.sysAdmin, `/api/seals/${other.id}/image.svg`)).body;
    expect([...otherSvg.matchAll(/<path [^>]*d="([^"]+)"/g)][1]![1]).not.toBe(paths[1]);
  });
});

describe('the seal lifecycle', () => {
  it('suspend refuses signing with 409 naming the organization; resume signs again; revoke is final', async () => {
    const org = await makeImplementingOrg(database.db, { parentId: orgs.own.id, name: '兴安盟市场监督管理局科右前旗分局' });
    const seal = (await post(users.deptAdmin, '/api/seals', { orgId: org.id, kind: '行政审批专用章' })).json();
    expect((await issue(org.id)).sealId).toBe(seal.id);

    expect((await post(users.deptAdmin, `/api/seals/${seal.id}/suspend`, {})).statusCode).toBe(400); // a reason is required
    const suspended = await post(users.deptAdmin, `/api/seals/${seal.id}/suspend`, { reason: '印章保管人调岗，暂停使用' });
    expect(suspended.json()).toMatchObject({ status: 'suspended', statusName: '已暂停', statusReason: '印章保管人调岗，暂停使用' });
    const refused = await issue(org.id).catch((e: unknown) => e as { status: number; code: string; detail: string });
    expect(refused).toMatchObject({ status: 409, code: 'no-active-seal' });
    expect((refused as { detail: string }).detail).toContain('兴安盟市场监督管理局科右前旗分局没有可用的电子印章（行政审批专用章已暂停）');

    expect((await post(users.deptAdmin, `/api/seals/${seal.id}/resume`, {})).json().status).toBe('active');
    expect((await issue(org.id)).sealId).toBe(seal.id);

    const revoked = await post(users.deptAdmin, `/api/seals/${seal.id}/revoke`, { reason: '印章密钥疑似泄露' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', statusName: '已吊销', statusReason: '印章密钥疑似泄露' });
    expect(revoked.json().statusChangedBy).toMatch(/^测试用户/);
    await expect(issue(org.id)).rejects.toMatchObject({ status: 409, code: 'no-active-seal' });
    await expect(issue(org.id, '行政审批专用章')).rejects.toMatchObject({ status: 409 });
    for (const action of ['resume', 'suspend', 'revoke']) {
      const again = await post(users.deptAdmin, `/api/seals/${seal.id}/${action}`, { reason: '再试' });
      expect(again.statusCode, action).toBe(409);
      expect(again.json().detail).toContain('已吊销');
    }
    // The database itself refuses to bring a revoked seal back.
    await expect(sql`update seals set status = 'active' where id = ${seal.id}`.execute(database.db)).rejects.toThrow(/revoked seal stays revoked/);

    const detail = (await get(users.deptAdmin, `/api/seals/${seal.id}`)).json();
    expect(detail.history.map((e: { action: string; reason: string | null }) => [e.action, e.reason])).toEqual([
      ['created', null],
      ['suspended', '印章保管人调岗，暂停使用'],
      ['resumed', null],
      ['revoked', '印章密钥疑似泄露'],
    ]);
    const audit = await database.db.selectFrom('audit_log').select('action').where('object_id', '=', seal.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['seal.create', 'seal.suspend', 'seal.resume', 'seal.revoke']);
  });

  it('signs with the kind asked for, else the approval seal, else the official seal', async () => {
    const org = await makeImplementingOrg(database.db, { parentId: orgs.own.id, name: '兴安盟市场监督管理局突泉分局' });
    await expect(issue(org.id)).rejects.toMatchObject({ status: 409, detail: expect.stringContaining('兴安盟市场监督管理局突泉分局没有可用的电子印章') });
    const official = (await post(users.deptAdmin, '/api/seals', { orgId: org.id, kind: '公章' })).json();
    expect((await issue(org.id)).sealId).toBe(official.id);
    const approval = (await post(users.deptAdmin, '/api/seals', { orgId: org.id, kind: '行政审批专用章' })).json();
    expect((await issue(org.id)).sealId).toBe(approval.id);
    expect((await issue(org.id, '公章')).sealId).toBe(official.id);
    await expect(issue(org.id, '业务专用章')).rejects.toMatchObject({ status: 409, detail: expect.stringContaining('没有可用的“业务专用章”电子印章') });
  });
});

describe('the private key never leaves the server', () => {
  it('is stored SM4-encrypted, bound to its seal, and appears in no answer and no log line of this run', async () => {
    const rows = await database.db.selectFrom('seals').select(['id', 'private_key_enc']).execute();
    expect(rows.length).toBeGreaterThan(5);
    const columns = sensitiveColumns(app.deps.config);
    const keys = rows.map((r) => {
      expect(r.private_key_enc).toMatch(/^sm4:v1:/);
      const key = columns.decrypt(r.private_key_enc, `seals.private_key:${r.id}`);
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(r.private_key_enc).not.toContain(key);
      return { key, enc: r.private_key_enc };
    });
    // Copied onto another seal's row, an encrypted key does not decrypt.
    expect(() => columns.decrypt(rows[0]!.private_key_enc, `seals.private_key:${rows[1]!.id}`)).toThrow();

    const everything = [...answers, ...logLines].join('\n').toLowerCase();
    expect(logLines.length).toBeGreaterThan(10); // the run was logged
    for (const { key, enc } of keys) {
      expect(everything).not.toContain(key);
      expect(everything).not.toContain(key.slice(8, 40)); // nor a large part of it
      expect(everything).not.toContain(enc.toLowerCase());
    }
    expect(everything).not.toMatch(/private_?key/);
  });
});
