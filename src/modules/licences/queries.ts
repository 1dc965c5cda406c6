// Kysely functions over licences, their events, numbering, share grants and the access log:
// plain rows in, plain rows out. Staff reads are limited to an organization subtree in SQL.
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB, LicenceAccessLogTable, LicenceEventsTable, LicenceStatus } from '../../db/schema.js';
import type { Cursor } from './rules.js';

type Q = Kysely<DB> | Transaction<DB>;

function selectLicences(q: Q) {
  return q
    .selectFrom('licences as l')
    .innerJoin('licence_types as t', 't.code', 'l.licence_type_code')
    .innerJoin('orgs as o', 'o.id', 'l.issuer_org_id')
    .selectAll('l')
    .select(['t.name as type_name', 'o.path as issuer_path']);
}
export type LicenceRow = Awaited<ReturnType<ReturnType<typeof selectLicences>['executeTakeFirstOrThrow']>>;

export async function findLicence(q: Q, id: string): Promise<LicenceRow | undefined> {
  return selectLicences(q).where('l.id', '=', id).executeTakeFirst();
}

export async function findByIdentifier(q: Q, identifier: string): Promise<LicenceRow | undefined> {
  return selectLicences(q).where('l.identifier', '=', identifier).executeTakeFirst();
}

/** Locks the licence row for a status change in this transaction. */
export async function lockLicence(trx: Transaction<DB>, id: string): Promise<LicenceRow | undefined> {
  const locked = await trx.selectFrom('licences').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return locked ? findLicence(trx, id) : undefined;
}

/** Every version of the licence (same type, issuer and number), oldest first. */
export async function versionsOf(q: Q, row: Pick<LicenceRow, 'licence_type_code' | 'issuer_credit_code' | 'licence_number'>) {
  return q
    .selectFrom('licences')
    .select(['id', 'version', 'identifier', 'status', 'valid_from', 'valid_until', 'is_current', 'issued_at'])
    .where('licence_type_code', '=', row.licence_type_code)
    .where('issuer_credit_code', '=', row.issuer_credit_code)
    .where('licence_number', '=', row.licence_number)
    .orderBy('version')
    .execute();
}

export async function eventsOf(q: Q, licenceId: string) {
  return q.selectFrom('licence_events').selectAll().where('licence_id', '=', licenceId).orderBy('seq').execute();
}

export interface LicenceFilter {
  scopePath: string;
  holderHash?: string;
  typeCode?: string;
  status?: LicenceStatus;
  issuerOrgId?: string;
  q?: string;
  allVersions?: boolean;
  after?: Cursor;
  limit: number;
}

/** Newest first, keyset on (issued_at, id); fetches limit + 1 to know whether a next page exists. */
export async function listLicences(q: Q, f: LicenceFilter): Promise<LicenceRow[]> {
  let query = selectLicences(q).where('o.path', 'like', `${f.scopePath}%`);
  if (!f.allVersions) query = query.where('l.is_current', '=', true);
  if (f.holderHash) query = query.where('l.holder_hash', '=', f.holderHash);
  if (f.typeCode) query = query.where('l.licence_type_code', '=', f.typeCode);
  if (f.status) query = query.where('l.status', '=', f.status);
  if (f.issuerOrgId) query = query.where('l.issuer_org_id', '=', f.issuerOrgId);
  if (f.q) {
    const text = f.q;
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('l.licence_number', '=', text.toUpperCase()), eb('l.identifier', '=', text.toUpperCase()), eb('l.holder_name', 'like', like)]));
  }
  if (f.after) query = query.where(sql<boolean>`(l.issued_at, l.id) < (${f.after.at}, ${f.after.id})`);
  return query.orderBy('l.issued_at', 'desc').orderBy('l.id', 'desc').limit(f.limit + 1).execute();
}

/** The current versions of a holder's licences (all statuses), newest first. */
export async function currentLicencesOfHolder(q: Q, holderHash: string): Promise<LicenceRow[]> {
  return selectLicences(q).where('l.holder_hash', '=', holderHash).where('l.is_current', '=', true).orderBy('l.issued_at', 'desc').orderBy('l.id', 'desc').execute();
}

/** Current versions marked active of the given types, valid on `today`. */
export async function activeLicencesOfHolder(q: Q, holderHash: string, typeCodes: readonly string[], today: string): Promise<LicenceRow[]> {
  if (typeCodes.length === 0) return [];
  return selectLicences(q)
    .where('l.holder_hash', '=', holderHash)
    .where('l.licence_type_code', 'in', [...typeCodes])
    .where('l.is_current', '=', true)
    .where('l.status', '=', 'active')
    .where('l.valid_from', '<=', today)
    .where((eb) => eb.or([eb('l.valid_until', 'is', null), eb('l.valid_until', '>=', today)]))
    .orderBy('l.licence_type_code')
    .orderBy('l.issued_at', 'desc')
    .execute();
}

export async function licenceTypeName(q: Q, code: string): Promise<string | undefined> {
  return (await q.selectFrom('licence_types').select('name').where('code', '=', code).executeTakeFirst())?.name;
}

export async function licenceTypeNames(q: Q): Promise<Map<string, string>> {
  const rows = await q.selectFrom('licence_types').select(['code', 'name']).orderBy('code').execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function issuerOrg(q: Q, orgId: string) {
  return q.selectFrom('orgs').select(['id', 'name', 'credit_code', 'path']).where('id', '=', orgId).executeTakeFirst();
}

/** The next serial of (issuer, type, year), atomically. */
export async function nextSerial(trx: Transaction<DB>, issuerCreditCode: string, typeCode: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('licence_number_counters')
    .values({ issuer_credit_code: issuerCreditCode, licence_type_code: typeCode, year, last: 1 })
    .onConflict((oc) => oc.columns(['issuer_credit_code', 'licence_type_code', 'year']).doUpdateSet({ last: sql<number>`licence_number_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function appendEvent(trx: Transaction<DB>, e: Omit<Insertable<LicenceEventsTable>, 'seq'>): Promise<void> {
  const last = await trx.selectFrom('licence_events').select((eb) => eb.fn.max('seq').as('n')).where('licence_id', '=', e.licence_id).executeTakeFirst();
  await trx.insertInto('licence_events').values({ ...e, seq: Number(last?.n ?? 0) + 1 }).execute();
}

// ——— sharing ———

/** The machine client, when its organization lies within the subtree. */
export async function clientInScope(q: Q, clientId: string, scopePath: string) {
  return q
    .selectFrom('machine_clients as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(['c.client_id', 'c.name', 'c.scopes', 'c.active', 'o.id as org_id', 'o.name as org_name'])
    .where('c.client_id', '=', clientId)
    .where('o.path', 'like', `${scopePath}%`)
    .executeTakeFirst();
}

export async function grantedTypes(q: Q, clientId: string): Promise<string[]> {
  const rows = await q.selectFrom('licence_share_grants').select('licence_type_code').where('client_id', '=', clientId).orderBy('licence_type_code').execute();
  return rows.map((r) => r.licence_type_code);
}

export async function replaceGrants(trx: Transaction<DB>, clientId: string, codes: string[], by: string, at: Date): Promise<void> {
  await trx.deleteFrom('licence_share_grants').where('client_id', '=', clientId).execute();
  if (codes.length) {
    await trx.insertInto('licence_share_grants').values(codes.map((code) => ({ client_id: clientId, licence_type_code: code, granted_by: by, granted_at: at }))).execute();
  }
}

export async function insertAccess(q: Q, row: Insertable<LicenceAccessLogTable>): Promise<void> {
  await q.insertInto('licence_access_log').values(row).execute();
}

export async function accessLogOfHolder(q: Q, holderHash: string, limit: number) {
  return q.selectFrom('licence_access_log').selectAll().where('holder_hash', '=', holderHash).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** The applicant's kind and identity hash (null until real-name verified). */
export async function applicantHolder(q: Q, applicantId: string) {
  const row = await q.selectFrom('applicants').select(['kind', 'name', 'id_number_hash', 'credit_code_hash']).where('id', '=', applicantId).executeTakeFirst();
  if (!row?.kind) return null;
  const hash = row.kind === 'person' ? row.id_number_hash : row.credit_code_hash;
  return hash ? { kind: row.kind, name: row.name, hash } : null;
}
