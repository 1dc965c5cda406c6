// Reads of a case archive. The case is looked up within the viewer's organization subtree in SQL
// (orgs.path LIKE scopePath || '%'), as every other case route does; the rest is read by case id.
// Never a seal's private key.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The case, if it belongs to an organization within the scope. */
export async function caseInScope(db: Db, caseId: string, scopePath: string) {
  return db
    .selectFrom('cases as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .innerJoin('catalog_items as it', 'it.id', 'c.item_id')
    .select(['c.id', 'c.case_number', 'c.state', 'c.org_id', 'o.name as org_name', 'o.credit_code as org_credit_code', 'it.name as item_name', 'it.code as item_code'])
    .where('c.id', '=', caseId)
    .where('o.path', 'like', `${escapeLike(scopePath)}%`)
    .executeTakeFirst();
}
export type ArchiveCaseRow = NonNullable<Awaited<ReturnType<typeof caseInScope>>>;

/** Notices of the case not yet issued as sealed documents (the job runner had not got to them). */
export async function unsealedNotices(db: Db, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_notices').select('id').where('case_id', '=', caseId).where('document_id', 'is', null).orderBy('created_at').execute();
  return rows.map((r) => r.id);
}

/** Licence versions issued on the case whose sealed PDF the job runner has not issued yet. */
export async function unsealedLicences(db: Db, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('licences').select('id').where('case_id', '=', caseId).where('document_id', 'is', null).orderBy('issued_at').orderBy('version').execute();
  return rows.map((r) => r.id);
}

/** Every document issued on the case, with its bytes as issued, in issue order. */
export async function documentsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('documents as d')
    .leftJoin('case_notices as n', 'n.document_id', 'd.id')
    .select([
      'd.id',
      'd.kind',
      'd.number',
      'd.title',
      'd.issued_on',
      'd.file_name',
      'd.bytes',
      'd.digest',
      'd.signature',
      'd.seal_id',
      'd.signed_by_name',
      'd.signed_at',
    ])
    .where('d.case_id', '=', caseId)
    // In the order the case issued them (a notice may be sealed some time after it was issued).
    .orderBy(sql`coalesce(n.created_at, d.signed_at)`)
    .orderBy('d.signed_at')
    .orderBy('d.number')
    .execute();
}
export type ArchiveDocumentRow = Awaited<ReturnType<typeof documentsOfCase>>[number];

/** The files received for the case: one row per material that used a file, replaced ones included. */
export async function receivedFiles(db: Db, caseId: string) {
  return db
    .selectFrom('case_materials as m')
    .innerJoin('case_files as f', 'f.id', 'm.file_id')
    .select([
      'm.id as case_material_id',
      'm.material_id',
      'm.name as material_name',
      'm.source',
      'm.status',
      'm.superseded_at',
      'm.created_at as supplied_at',
      'f.id as file_id',
      'f.file_name',
      'f.content_type',
      'f.bytes',
      'f.uploaded_by_kind',
      'f.created_at as uploaded_at',
    ])
    .where('m.case_id', '=', caseId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}
export type ReceivedFileRow = Awaited<ReturnType<typeof receivedFiles>>[number];

/** The case's full history, in order. */
export async function actionsOfCase(db: Db, caseId: string) {
  return db.selectFrom('case_actions').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

/** Electronic licences issued on the case (every version). */
export async function licencesOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('licences')
    .select([
      'id',
      'identifier',
      'licence_type_code',
      'licence_number',
      'version',
      'issuer_name',
      'issuer_credit_code',
      'valid_from',
      'valid_until',
      'status',
      'document_id',
      'issued_at',
    ])
    .where('case_id', '=', caseId)
    .orderBy('issued_at')
    .orderBy('version')
    .execute();
}

/**
 * The audit records about the case (object_type 'case') linked into the chain, in chain order, with
 * their chain fields. The caller links pending records first (chainPendingAudit).
 */
export async function auditRecordsOfCase(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'seq', 'prev_hash', 'hash', 'at', 'actor_id', 'actor_role', 'actor_org_id', 'org_id', 'action', 'object_type', 'object_id', 'ip', 'changes'])
    .where('object_type', '=', 'case')
    .where('object_id', '=', caseId)
    .where('seq', 'is not', null)
    .orderBy('seq')
    .execute();
  return rows as (typeof rows[number] & { seq: number; prev_hash: string; hash: string })[];
}
export type AuditRecordRow = Awaited<ReturnType<typeof auditRecordsOfCase>>[number];

/** Seals with their organization and public key (never the private key), and their histories. */
export async function sealsWithHistory(db: Db, sealIds: string[]) {
  if (sealIds.length === 0) return [];
  const [seals, events] = await Promise.all([
    db
      .selectFrom('seals as s')
      .innerJoin('orgs as o', 'o.id', 's.org_id')
      .select(['s.id', 's.org_id', 's.name', 's.kind', 's.public_key', 'o.name as org_name', 'o.credit_code as org_credit_code'])
      .where('s.id', 'in', sealIds)
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute(),
    db.selectFrom('seal_events').select(['seal_id', 'status', 'at']).where('seal_id', 'in', sealIds).orderBy('seal_id').orderBy('seq').execute(),
  ]);
  return seals.map((s) => ({ ...s, history: events.filter((e) => e.seal_id === s.id).map((e) => ({ status: e.status, at: new Date(e.at) })) }));
}
