// The audit trail (审计日志, Art. 21, 37): what a record holds, that the database keeps it
// append-only and chained even under concurrent writers, and the auditors' search, export and
// verify routes with their scope.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { makeImplementingOrg, makeItem, makeOrg, makeUser } from '../factories.js';
import { chainPendingAudit } from '../../src/modules/audit/chainer.js';
import { recordAudit, verifyAuditChain } from '../../src/modules/audit/service.js';
import { actorForUser } from '../../src/modules/identity/service.js';

let t: TestApp;
const users: Record<string, string> = {};
const orgs: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const league = await makeOrg(t.db, { kind: 'government', name: '兴安盟行政公署' });
  const countyA = await makeOrg(t.db, { kind: 'government', level: 'county', parentId: league.id, divisionCode: '152201', name: '乌兰浩特市人民政府' });
  const deptA = await makeOrg(t.db, { kind: 'department', level: 'county', parentId: countyA.id, divisionCode: '152201', name: '乌兰浩特市市场监督管理局' });
  const countyB = await makeOrg(t.db, { kind: 'government', level: 'county', parentId: league.id, divisionCode: '152202', name: '阿尔山市人民政府' });
  const deptB = await makeOrg(t.db, { kind: 'department', level: 'county', parentId: countyB.id, divisionCode: '152202', name: '阿尔山市市场监督管理局' });
  Object.assign(orgs, { league: league.id, countyA: countyA.id, deptA: deptA.id, countyB: countyB.id, deptB: deptB.id });
  users.admin = (await makeUser(t.db, league.id, ['system-admin'])).id;
  users.catalogAdmin = (await makeUser(t.db, league.id, ['catalog-admin'])).id;
  users.auditorA = (await makeUser(t.db, countyA.id, ['auditor'])).id;
  users.supervisorB = (await makeUser(t.db, countyB.id, ['supervisor'])).id;
  users.clerkA = (await makeUser(t.db, deptA.id, ['window-clerk'])).id;
  users.clerkB = (await makeUser(t.db, deptB.id, ['window-clerk', 'reviewer'])).id;
});
afterAll(async () => t?.close());

const actor = async (id: string) => (await actorForUser(t.db, id))!;
const get = (user: string, url: string) => t.injectAs(user, { method: 'GET', url });

describe('recording (who, as what, where, what, on which object, from where, when, before/after)', () => {
  it('records an HTTP action with the actor, roles, organization and address of the request', async () => {
    const res = await t.injectAs(users.catalogAdmin, {
      method: 'POST',
      url: '/api/catalog/items',
      payload: { name: '食品经营许可', type: 'licensing', legalBasis: ['《中华人民共和国食品安全法》第三十五条'], legalLimitDays: 20 },
      remoteAddress: '10.1.2.3',
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db.selectFrom('audit_log').selectAll().where('object_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_id: users.catalogAdmin, actor_role: 'catalog-admin', actor_org_id: orgs.league, action: 'catalog.item.create', object_type: 'catalog_item', ip: '10.1.2.3' });
    expect(row.changes).toMatchObject({ name: '食品经营许可', type: 'licensing' });
    // Written pending; the chainer (every pass of the job runner) links it into the hash chain.
    expect(row).toMatchObject({ seq: null, hash: null });
    expect(await chainPendingAudit(t.db)).toBeGreaterThan(0);
    const linked = await t.db.selectFrom('audit_log').select(['seq', 'hash']).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(linked.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(linked.seq).toBeGreaterThan(0);
  });

  it('masks personal data in the before/after, whatever the caller passes', async () => {
    await recordAudit(t.db, await actor(users.clerkA), {
      action: 'applicant.update',
      objectType: 'applicant',
      objectId: 'p-1',
      orgId: orgs.deptA,
      changes: {
        idNumber: { before: null, after: '152201199001011234' },
        phone: { before: '13812345678', after: '13987654321' },
        address: { before: null, after: '内蒙古自治区兴安盟乌兰浩特市和平街道32号楼2单元' },
        creditCode: { before: null, after: '91152201MA0N1234X5' },
        note: { before: '', after: '补充材料' },
      },
    });
    const row = await t.db.selectFrom('audit_log').select('changes').where('object_id', '=', 'p-1').executeTakeFirstOrThrow();
    const text = JSON.stringify(row.changes);
    for (const whole of ['152201199001011234', '13812345678', '13987654321', '和平街道', 'MA0N1234X']) expect(text).not.toContain(whole);
    expect(row.changes).toMatchObject({ phone: { before: '138****5678', after: '139****4321' }, note: { before: '', after: '补充材料' } });
    expect((row.changes as Record<string, { after: string }>).idNumber.after).toMatch(/^1522\*+\d{3}[\dX]$/);
  });

  it('an action that rolls back leaves no record and no gap in the chain', async () => {
    const before = await t.db.selectFrom('audit_head').select('last_seq').executeTakeFirstOrThrow();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, null, { action: 'doomed', objectType: 't', objectId: 'x' });
        throw new Error('rule failed after the audit');
      }),
    ).rejects.toThrow('rule failed');
    const after = await t.db.selectFrom('audit_head').select('last_seq').executeTakeFirstOrThrow();
    expect(after.last_seq).toBe(before.last_seq);
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'doomed').execute()).toEqual([]);
  });
});

describe('append-only and chained in the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of the trail, and any move of the head but forward along the chain', async () => {
    const refuse = /append-only|只能/;
    await chainPendingAudit(t.db);
    await expect(sql`update audit_log set action = 'x'`.execute(t.db)).rejects.toThrow(refuse);
    await expect(sql`delete from audit_log`.execute(t.db)).rejects.toThrow(refuse);
    await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(refuse);
    await expect(sql`update audit_head set last_seq = 0`.execute(t.db)).rejects.toThrow(/audit_head/);
    await expect(sql`delete from audit_head`.execute(t.db)).rejects.toThrow(/audit_head/);
    // Forward, but to a record that is not in the chain.
    await expect(sql`update audit_head set last_seq = last_seq + 5, last_hash = ${'f'.repeat(64)}`.execute(t.db)).rejects.toThrow(/audit_head/);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('lets a pending record be linked once, and nothing else be changed while linking', async () => {
    await recordAudit(t.db, null, { action: 'pending.guard', objectType: 't', objectId: 'g-1' });
    const refuse = /append-only|只能/;
    // Linking with a changed content is refused, whatever the chain fields say.
    await expect(sql`update audit_log set seq = 999999, prev_hash = ${'a'.repeat(64)}, hash = ${'b'.repeat(64)}, object_id = 'g-forged' where action = 'pending.guard'`.execute(t.db)).rejects.toThrow(refuse);
    await chainPendingAudit(t.db);
    const row = await t.db.selectFrom('audit_log').select(['seq', 'object_id']).where('action', '=', 'pending.guard').executeTakeFirstOrThrow();
    expect(row.object_id).toBe('g-1');
    // Once linked, the chain fields are as fixed as the rest.
    await expect(sql`update audit_log set seq = seq where action = 'pending.guard'`.execute(t.db)).rejects.toThrow(refuse);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('concurrent transactions write without waiting for one another; the chainer links each once: seq is gap-free and the chain verifies', async () => {
    await chainPendingAudit(t.db);
    const before = (await t.db.selectFrom('audit_head').select('last_seq').executeTakeFirstOrThrow()).last_seq;
    const who = await actor(users.clerkB);
    const n = 24;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.db.transaction().execute(async (trx) => {
          // Some work before the audit, as a service does, so the transactions really overlap.
          await sql`select pg_sleep(0.01)`.execute(trx);
          await recordAudit(trx, who, { action: 'load.test', objectType: 'counter', objectId: String(i), orgId: orgs.deptB });
        }),
      ),
    );
    // Two chainers at once (two processes' job runners): the head's lock lets each record in once.
    const linked = await Promise.all([chainPendingAudit(t.db, 5), chainPendingAudit(t.db, 7)]);
    expect(linked[0] + linked[1]).toBe(n);
    const rows = await t.db.selectFrom('audit_log').select(['seq', 'object_id']).where('seq', '>', before).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => before + i + 1));
    expect(new Set(rows.map((r) => r.object_id)).size).toBe(n);
    const verdict = await verifyAuditChain(t.db);
    expect(verdict).toEqual({ ok: true, records: before + n });
  });
});

describe('GET /api/audit (auditors search the trail)', () => {
  it('is refused to roles without audit.read and to anonymous callers', async () => {
    expect((await get(users.clerkA, '/api/audit')).statusCode).toBe(403);
    expect((await get(users.catalogAdmin, '/api/audit/verify')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit/export?format=csv' })).statusCode).toBe(401);
  });

  it('shows an auditor the records of people in their scope and of objects in their scope, nothing else', async () => {
    await recordAudit(t.db, await actor(users.clerkA), { action: 'scope.own', objectType: 'case', objectId: 'a-1', orgId: orgs.deptA });
    await recordAudit(t.db, await actor(users.clerkB), { action: 'scope.other', objectType: 'case', objectId: 'b-1', orgId: orgs.deptB });
    await recordAudit(t.db, await actor(users.catalogAdmin), { action: 'scope.object', objectType: 'implementation', objectId: 'i-1', orgId: orgs.deptA });
    await recordAudit(t.db, null, { action: 'scope.system', objectType: 'system', objectId: 's-1' });

    const seen = async (user: string) => {
      const res = await get(user, '/api/audit?action=scope.*&limit=200');
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((r: { action: string }) => r.action).sort();
    };
    expect(await seen(users.auditorA)).toEqual(['scope.object', 'scope.own']);
    expect(await seen(users.supervisorB)).toEqual(['scope.other']);
    expect(await seen(users.admin)).toEqual(['scope.object', 'scope.other', 'scope.own', 'scope.system']);
  });

  it('records catalog writes with the organization of the object, so that organization’s auditors see them', async () => {
    const org = await makeImplementingOrg(t.db, { parentId: orgs.countyA, level: 'county', divisionCode: '152201' });
    const item = await makeItem(t.db);
    const res = await t.injectAs(users.catalogAdmin, { method: 'POST', url: `/api/catalog/items/${item.id}/implementations`, payload: { orgId: org.id } });
    expect(res.statusCode, res.body).toBe(201);
    const seenByA = (await get(users.auditorA, '/api/audit?action=catalog.implementation.create')).json();
    expect(seenByA.items.map((r: { org: { id: string } | null }) => r.org?.id)).toEqual([org.id]);
    expect((await get(users.supervisorB, '/api/audit?action=catalog.implementation.create')).json().items).toEqual([]);
  });

  it('presents who, roles, organizations, object, address and changes', async () => {
    const res = await get(users.auditorA, '/api/audit?action=scope.own');
    expect(res.json().items).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ id: users.clerkA }),
        roles: ['window-clerk'],
        roleNames: ['窗口受理人员'],
        actorOrg: { id: orgs.deptA, name: '乌兰浩特市市场监督管理局' },
        org: { id: orgs.deptA, name: '乌兰浩特市市场监督管理局' },
        objectType: 'case',
        objectId: 'a-1',
      }),
    ]);
  });

  it('filters by actor, object and time, and pages newest first with a cursor', async () => {
    const who = await actor(users.clerkA);
    for (let i = 0; i < 5; i++) await recordAudit(t.db, who, { action: 'page.step', objectType: 'case', objectId: `pg-${i}`, orgId: orgs.deptA });
    const first = (await get(users.auditorA, '/api/audit?action=page.step&limit=2')).json();
    expect(first.items.map((r: { objectId: string }) => r.objectId)).toEqual(['pg-4', 'pg-3']);
    const second = (await get(users.auditorA, `/api/audit?action=page.step&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((r: { objectId: string }) => r.objectId)).toEqual(['pg-2', 'pg-1']);
    const last = (await get(users.auditorA, `/api/audit?action=page.step&limit=2&cursor=${second.nextCursor}`)).json();
    expect(last.items.map((r: { objectId: string }) => r.objectId)).toEqual(['pg-0']);
    expect(last.nextCursor).toBeNull();

    const byObject = (await get(users.auditorA, '/api/audit?objectType=case&objectId=pg-3')).json();
    expect(byObject.items.map((r: { objectId: string }) => r.objectId)).toEqual(['pg-3']);
    const byActor = (await get(users.admin, `/api/audit?actorId=${users.clerkA}&action=page.*`)).json();
    expect(byActor.items).toHaveLength(5);
    expect((await get(users.admin, '/api/audit?action=page.step&to=2000-01-01')).json().items).toEqual([]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await get(users.admin, `/api/audit?action=page.step&from=${today}&to=${today}`)).json().items).toHaveLength(5);
  });

  it.each([
    ['from=2025-02-30', 'querystring.from'],
    ['from=yesterday', 'querystring.from'],
    ['from=2025-03-02&to=2025-03-01', 'querystring.to'],
    ['limit=0', 'querystring.limit'],
    ['limit=500', 'querystring.limit'],
    ['cursor=abc', 'querystring.cursor'],
    ['action=drop%20table', 'querystring.action'],
    ['colour=red', 'querystring.colour'],
  ])('answers %s with 400 naming %s', async (query, field) => {
    const res = await get(users.auditorA, `/api/audit?${query}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain(field);
  });
});

describe('GET /api/audit/export', () => {
  it('streams CSV as an attachment with the same filters and scope, in chain order', async () => {
    const res = await get(users.auditorA, '/api/audit/export?format=csv&action=page.step');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{8}\.csv"$/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('seq 序号');
    expect(lines.slice(1).map((l) => l.split(',')[8])).toEqual(['pg-0', 'pg-1', 'pg-2', 'pg-3', 'pg-4']);
  });

  it('exports JSON that parses, and records who took the copy', async () => {
    const res = await get(users.supervisorB, '/api/audit/export?format=json&action=scope.*');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="audit-\d{8}\.json"/);
    expect(JSON.parse(res.body).map((r: { action: string }) => r.action)).toEqual(['scope.other']);
    const recorded = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(recorded).toMatchObject({ actor_id: users.supervisorB, changes: { format: 'json', filters: { action: 'scope.*' } } });
  });

  it('refuses an unknown format naming the field', async () => {
    const res = await get(users.auditorA, '/api/audit/export?format=xml');
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams.map((p: { name: string }) => p.name)).toContain('querystring.format');
  });
});

describe('GET /api/audit/verify', () => {
  it('reports an intact trail with its record count', async () => {
    const count = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await get(users.auditorA, '/api/audit/verify');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, records: Number(count.n) });
  });

  it('names the record edited behind the application’s back', async () => {
    const target = await t.db.selectFrom('audit_log').select(['id', 'seq']).where('object_id', '=', 'pg-2').executeTakeFirstOrThrow();
    await t.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await sql`update audit_log set object_id = 'pg-2-forged' where id = ${target.id}`.execute(trx);
    });
    const res = await get(users.auditorA, '/api/audit/verify');
    expect(res.json()).toMatchObject({ ok: false, firstBadSeq: target.seq, id: target.id, problem: 'altered' });
  });
});
