import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers.js';
import { loadConfig } from '../../config.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { payloadKey, pgAdapterFactory, purgeExpiredPayloads } from './adapter.js';

let database: TestDatabase;
const crypto = sensitiveColumns(loadConfig({ NODE_ENV: 'test' }));
const adapter = (model: string) => pgAdapterFactory(database.db, crypto)(model);

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.dispose();
});

describe('the PostgreSQL adapter of the OpenID provider', () => {
  it('finds what it stored, under a hashed id, without the token value in the stored payload', async () => {
    const codes = adapter('AuthorizationCode');
    await codes.upsert('code-value-1', { jti: 'code-value-1', kind: 'AuthorizationCode', grantId: 'g1', accountId: 'staff:1' }, 60);
    expect(await codes.find('code-value-1')).toMatchObject({ jti: 'code-value-1', grantId: 'g1', accountId: 'staff:1' });
    const row = await database.db.selectFrom('oidc_payloads').selectAll().where('type', '=', 'AuthorizationCode').executeTakeFirstOrThrow();
    expect(row.id).toBe(payloadKey('code-value-1'));
    expect(JSON.stringify(row.payload)).not.toContain('code-value-1');
    expect(await codes.find('code-value-2')).toBeUndefined();
  });

  it('keeps models apart: the same id in another model is another record', async () => {
    await adapter('AccessToken').upsert('shared-id', { kind: 'AccessToken', clientId: 'a' }, 60);
    await adapter('Grant').upsert('shared-id', { kind: 'Grant', clientId: 'b' }, 60);
    expect((await adapter('AccessToken').find('shared-id'))?.clientId).toBe('a');
    expect((await adapter('Grant').find('shared-id'))?.clientId).toBe('b');
  });

  it('replaces a record on upsert', async () => {
    const sessions = adapter('Session');
    await sessions.upsert('s1', { jti: 's1', uid: 'uid-1', kind: 'Session', accountId: 'staff:1' }, 60);
    await sessions.upsert('s1', { jti: 's1', uid: 'uid-1', kind: 'Session', accountId: 'staff:2' }, 60);
    expect((await sessions.find('s1'))?.accountId).toBe('staff:2');
  });

  it('finds a session by its uid, with its id (the provider needs it)', async () => {
    const sessions = adapter('Session');
    await sessions.upsert('s2', { jti: 's2', uid: 'uid-2', kind: 'Session' }, 60);
    expect(await sessions.findByUid!('uid-2')).toMatchObject({ jti: 's2', uid: 'uid-2' });
    expect(await sessions.findByUid!('uid-unknown')).toBeUndefined();
  });

  it('marks a consumed code as consumed', async () => {
    const codes = adapter('AuthorizationCode');
    await codes.upsert('code-c', { kind: 'AuthorizationCode' }, 60);
    expect((await codes.find('code-c'))?.consumed).toBeUndefined();
    await codes.consume('code-c');
    expect(typeof (await codes.find('code-c'))?.consumed).toBe('number');
  });

  it('does not return an expired record, and purges it an hour later', async () => {
    const tokens = adapter('AccessToken');
    await tokens.upsert('expiring', { kind: 'AccessToken' }, 60);
    await database.db.updateTable('oidc_payloads').set({ expires_at: new Date(Date.now() - 2 * 3600_000) }).where('id', '=', payloadKey('expiring')).execute();
    expect(await tokens.find('expiring')).toBeUndefined();
    expect(await purgeExpiredPayloads(database.db)).toBeGreaterThanOrEqual(1);
    const left = await database.db.selectFrom('oidc_payloads').select('id').where('id', '=', payloadKey('expiring')).execute();
    expect(left).toEqual([]);
  });

  it('revokes every token of a grant, and destroys one record', async () => {
    await adapter('AccessToken').upsert('at-g', { kind: 'AccessToken', grantId: 'grant-x' }, 60);
    await adapter('RefreshToken').upsert('rt-g', { kind: 'RefreshToken', grantId: 'grant-x' }, 60);
    await adapter('AccessToken').upsert('at-other', { kind: 'AccessToken', grantId: 'grant-y' }, 60);
    await adapter('AccessToken').revokeByGrantId('grant-x');
    expect(await adapter('AccessToken').find('at-g')).toBeUndefined();
    expect(await adapter('RefreshToken').find('rt-g')).toBeUndefined();
    expect(await adapter('AccessToken').find('at-other')).toBeDefined();
    await adapter('AccessToken').destroy('at-other');
    expect(await adapter('AccessToken').find('at-other')).toBeUndefined();
  });

  it('reads clients from machine_clients: active ones only, with the decrypted secret', async () => {
    const { db } = database;
    await db.insertInto('divisions').values({ code: '1522', name: '兴安盟', level: 'prefecture', parent_code: null }).onConflict((oc) => oc.doNothing()).execute();
    await db.insertInto('orgs').values({ id: 'org-a', code: 'A', name: '甲局', kind: 'department', level: 'league', division_code: '1522', parent_id: null, path: '/org-a/', credit_code: null, phone: null, address: null, short_name: null }).execute();
    const secretEnc = crypto.encrypt('s3cret', 'machine_clients.secret');
    await db.insertInto('machine_clients').values({ client_id: 'mc_on', name: '在用', org_id: 'org-a', secret_enc: secretEnc, scopes: ['catalog.read'] }).execute();
    await db.insertInto('machine_clients').values({ client_id: 'mc_off', name: '停用', org_id: 'org-a', secret_enc: secretEnc, scopes: ['catalog.read'], active: false }).execute();
    const clients = adapter('Client');
    expect(await clients.find('mc_on')).toMatchObject({ client_id: 'mc_on', client_secret: 's3cret', grant_types: ['client_credentials'], scope: 'catalog.read' });
    expect(await clients.find('mc_off')).toBeUndefined();
    expect(await clients.find('unknown')).toBeUndefined();
  });
});
