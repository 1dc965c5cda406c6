// Department systems (部门业务系统) that call the platform with OAuth2 client credentials. The
// provider needs each plain secret to check it, so the secret is stored encrypted (SM4), never
// hashed, and shown once: at creation and at rotation. Permission and scope checks come first; every
// write is audited in its transaction. Engineer E1's admin API and pages call these functions.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { forbidden, notFound, unprocessable, type InvalidParam } from '../../http/errors.js';
import { sensitiveColumns, type SensitiveColumns } from '../../lib/sm-crypto.js';
import { recordAudit } from '../audit/service.js';
import { can, inScope, isMachineScope, scopePathOf, type Actor, type MachineScope } from '../identity/permissions.js';

export interface ClientDeps {
  db: Database;
  config: Config;
}

export interface MachineClient {
  clientId: string;
  name: string;
  orgId: string;
  orgName: string;
  scopes: MachineScope[];
  active: boolean;
  createdAt: string;
}

export interface MachineClientSecret {
  clientId: string;
  /** Shown once; only its encrypted form is kept. */
  clientSecret: string;
}

const SECRET_CONTEXT = 'machine_clients.secret';
const newSecret = () => randomBytes(32).toString('base64url');

function assertMayManage(actor: Actor): void {
  if (!can(actor, 'clients.manage')) throw forbidden();
}

function validateInput(input: { name: string; scopes: string[] }): MachineScope[] {
  const problems: InvalidParam[] = [];
  if (!input.name.trim() || input.name.trim().length > 100) problems.push({ name: 'body.name', reason: '名称应为 1–100 个字符 (name must be 1–100 characters)' });
  const unknown = input.scopes.filter((s) => !isMachineScope(s));
  if (unknown.length) problems.push({ name: 'body.scopes', reason: `未知的授权范围 ${unknown.join(', ')} (unknown scopes)` });
  if (input.scopes.length === 0) problems.push({ name: 'body.scopes', reason: '至少授予一个授权范围 (grant at least one scope)' });
  if (problems.length) throw unprocessable('invalid-machine-client', `接入系统信息有误：${problems.map((p) => p.name).join(', ')} (invalid machine client)`, problems);
  return [...new Set(input.scopes.filter(isMachineScope))];
}

async function orgInScope(db: Database, actor: Actor, orgId: string) {
  const org = await db.selectFrom('orgs').select(['id', 'name', 'path']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw unprocessable('unknown-org', '机构不存在 (unknown organization)', [{ name: 'body.orgId', reason: 'not found' }]);
  if (!inScope(actor, org.path)) throw forbidden('该机构不在您的管理范围内 (the organization is outside your scope)');
  return org;
}

async function clientInScope(db: Database, actor: Actor, clientId: string) {
  const row = await db
    .selectFrom('machine_clients')
    .innerJoin('orgs', 'orgs.id', 'machine_clients.org_id')
    .select(['machine_clients.client_id', 'machine_clients.active', 'orgs.path'])
    .where('machine_clients.client_id', '=', clientId)
    .executeTakeFirst();
  if (!row || !inScope(actor, row.path)) throw notFound('machine-client-not-found', `接入系统不存在 (machine client ${clientId} not found)`);
  return row;
}

/** Registers a department system; returns its id and secret (the only time the secret is shown). */
export async function createMachineClient(deps: ClientDeps, actor: Actor, input: { name: string; orgId: string; scopes: string[] }): Promise<MachineClientSecret> {
  assertMayManage(actor);
  const scopes = validateInput(input);
  await orgInScope(deps.db, actor, input.orgId);
  const clientId = `mc_${randomBytes(12).toString('base64url')}`;
  const clientSecret = newSecret();
  const secretEnc = sensitiveColumns(deps.config).encrypt(clientSecret, SECRET_CONTEXT);
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('machine_clients').values({ client_id: clientId, name: input.name.trim(), org_id: input.orgId, secret_enc: secretEnc, scopes }).execute();
    await recordAudit(trx, actor, { action: 'machine-client.create', objectType: 'machine_client', objectId: clientId, changes: { name: input.name.trim(), orgId: input.orgId, scopes } });
  });
  return { clientId, clientSecret };
}

/** The machine clients of organizations within the actor's scope, newest first. */
export async function listMachineClients(deps: ClientDeps, actor: Actor, filter: { orgId?: string } = {}): Promise<MachineClient[]> {
  assertMayManage(actor);
  let query = deps.db
    .selectFrom('machine_clients')
    .innerJoin('orgs', 'orgs.id', 'machine_clients.org_id')
    .select(['machine_clients.client_id', 'machine_clients.name', 'machine_clients.org_id', 'orgs.name as org_name', 'machine_clients.scopes', 'machine_clients.active', 'machine_clients.created_at'])
    .where('orgs.path', 'like', `${actor.scopePath}%`);
  if (filter.orgId) query = query.where('machine_clients.org_id', '=', filter.orgId);
  const rows = await query.orderBy('machine_clients.created_at', 'desc').orderBy('machine_clients.client_id').execute();
  return rows.map((r) => ({
    clientId: r.client_id,
    name: r.name,
    orgId: r.org_id,
    orgName: r.org_name,
    scopes: r.scopes.filter(isMachineScope),
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

async function revokeTokensOf(db: Database, clientId: string): Promise<void> {
  await db.deleteFrom('oidc_payloads').where('type', '=', 'ClientCredentials').where(sql<string>`payload->>'clientId'`, '=', clientId).execute();
}

/** Disables a client: its tokens stop working at once and no new ones are issued. */
export async function disableMachineClient(deps: ClientDeps, actor: Actor, clientId: string): Promise<void> {
  assertMayManage(actor);
  const row = await clientInScope(deps.db, actor, clientId);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('machine_clients').set({ active: false }).where('client_id', '=', clientId).execute();
    await revokeTokensOf(trx, clientId);
    await recordAudit(trx, actor, { action: 'machine-client.disable', objectType: 'machine_client', objectId: clientId, changes: { active: { before: row.active, after: false } } });
  });
}

/** Issues a new secret (shown once); the old one and the tokens issued with it stop working. */
export async function rotateSecret(deps: ClientDeps, actor: Actor, clientId: string): Promise<MachineClientSecret> {
  assertMayManage(actor);
  await clientInScope(deps.db, actor, clientId);
  const clientSecret = newSecret();
  const secretEnc = sensitiveColumns(deps.config).encrypt(clientSecret, SECRET_CONTEXT);
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('machine_clients').set({ secret_enc: secretEnc }).where('client_id', '=', clientId).execute();
    await revokeTokensOf(trx, clientId);
    await recordAudit(trx, actor, { action: 'machine-client.rotate-secret', objectType: 'machine_client', objectId: clientId, changes: { secret: '(rotated)' } });
  });
  return { clientId, clientSecret };
}

/** oidc-provider client metadata of an active machine client (client_credentials only), or undefined. */
export async function machineClientMetadata(db: Database, crypto: SensitiveColumns, clientId: string): Promise<Record<string, unknown> | undefined> {
  const row = await db.selectFrom('machine_clients').selectAll().where('client_id', '=', clientId).where('active', '=', true).executeTakeFirst();
  if (!row) return undefined;
  return {
    client_id: row.client_id,
    client_secret: crypto.decrypt(row.secret_enc, SECRET_CONTEXT),
    client_name: row.name,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: row.scopes.filter(isMachineScope).join(' '),
  };
}

/**
 * The actor a machine client acts as: within its organization's scope, with the scopes both granted
 * to the token and still granted to the client (a scope withdrawn since takes effect at once).
 */
export async function machineActor(db: Database, clientId: string, tokenScopes: string[]): Promise<Actor | null> {
  const row = await db
    .selectFrom('machine_clients')
    .innerJoin('orgs', 'orgs.id', 'machine_clients.org_id')
    .select(['machine_clients.client_id', 'machine_clients.name', 'machine_clients.scopes', 'orgs.id as org_id', 'orgs.name as org_name', 'orgs.kind', 'orgs.path'])
    .where('machine_clients.client_id', '=', clientId)
    .where('machine_clients.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  const granted = new Set(row.scopes);
  return {
    kind: 'machine',
    clientId: row.client_id,
    scopes: tokenScopes.filter((s) => granted.has(s)).filter(isMachineScope),
    userId: `client:${row.client_id}`,
    username: row.client_id,
    displayName: row.name,
    orgId: row.org_id,
    orgName: row.org_name,
    scopePath: scopePathOf(row),
    roles: [],
  };
}
