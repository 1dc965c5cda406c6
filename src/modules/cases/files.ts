// Applicants' private case files (申请材料文件): uploaded by the applicant in the portal or by a
// window clerk, kept in the database (never under a web root), recognised by their first bytes,
// and served only to their holder and to staff of an organization handling a case that uses them,
// always as a download (Content-Disposition attachment, nosniff).
//
// A file belongs to a holder: the keyed hash of the identity number or credit code (holder_hash),
// the same hash as cases.applicant_id_hash, so 一证办理 (Art. 20) can find it again. A clerk's upload
// at the window is made before the applicant is known; it carries a per-clerk placeholder holder
// (pendingHolderHash) until a submission by that clerk claims it for the applicant.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AppDeps } from '../../app.js';
import type { DB } from '../../db/schema.js';
import { DomainError, forbidden, notFound } from '../../http/errors.js';
import { clockOf } from '../../lib/clock.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { recordAudit } from '../audit/service.js';
import { cleanFileName } from '../attachments/rules.js';
import { uploadContentType, type UploadRule } from '../../lib/file-types.js';
import { can, type Actor } from '../identity/permissions.js';

export const MAX_CASE_FILE_BYTES = 20 * 1024 * 1024;

// Scans and photos of documents: PDF, JPEG, PNG, recognised by content (src/lib/file-types.ts).
const CASE_FILE_UPLOADS: UploadRule = {
  kinds: ['pdf', 'jpeg', 'png'],
  maxBytes: MAX_CASE_FILE_BYTES,
  kindsMessage: '申请材料仅支持 PDF、JPEG、PNG 文件 (only PDF, JPEG and PNG files)',
};

/** The stored content type of an upload, or a 4xx naming the field `file` (413 too large, 415 wrong type). */
export function caseFileContentType(fileName: string, bytes: Uint8Array): string {
  return uploadContentType(CASE_FILE_UPLOADS, fileName, bytes);
}

/** The holder hash of an identity number (normalised) or credit code: same as cases.applicant_id_hash. */
export function holderHashOf(deps: Pick<AppDeps, 'config'>, identity: string): string {
  return sensitiveColumns(deps.config).hash(identity);
}

/** The placeholder holder of a clerk's window upload until a submission claims it. */
export function pendingHolderHash(deps: Pick<AppDeps, 'config'>, staffUserId: string): string {
  return sensitiveColumns(deps.config).hash(`window-upload:${staffUserId}`);
}

/** The applicant's identity hash (ID number or credit code); 403 when the account is not real-name verified. */
export async function applicantHolderHash(db: Kysely<DB>, applicantId: string): Promise<string> {
  const row = await db.selectFrom('applicants').select(['kind', 'id_number_hash', 'credit_code_hash']).where('id', '=', applicantId).executeTakeFirst();
  const hash = row?.kind === 'person' ? row.id_number_hash : row?.kind === 'enterprise' ? row.credit_code_hash : null;
  if (!hash) throw realNameRequired();
  return hash;
}

export const realNameRequired = () =>
  new DomainError(403, 'real-name-required', '请先完成实名核验（绑定身份证或统一社会信用代码）后再申请 (complete the real-name check before applying or uploading)');

export interface StoredCaseFile {
  id: string;
  fileName: string;
  size: number;
  contentType: string;
}

export const caseFileUrl = (id: string) => `/api/case-files/${id}`;

export type Uploader = { kind: 'applicant'; applicantId: string } | { kind: 'staff'; actor: Actor };

/** Stores an upload for its holder (the applicant's identity, or the clerk's pending placeholder). */
export async function uploadCaseFile(deps: AppDeps, uploader: Uploader, file: { fileName: string; bytes: Uint8Array }): Promise<StoredCaseFile> {
  const fileName = cleanFileName(file.fileName);
  const contentType = caseFileContentType(fileName, file.bytes);
  const holder = uploader.kind === 'applicant' ? await applicantHolderHash(deps.db, uploader.applicantId) : pendingHolderHash(deps, uploader.actor.userId);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_files')
      .values({
        id,
        holder_hash: holder,
        file_name: fileName,
        content_type: contentType,
        size: file.bytes.length,
        sha256,
        bytes: file.bytes,
        uploaded_by_kind: uploader.kind,
        uploaded_by: uploader.kind === 'applicant' ? uploader.applicantId : uploader.actor.userId,
        created_at: clockOf(deps).now(),
      })
      .execute();
    if (uploader.kind === 'staff') {
      await recordAudit(trx, uploader.actor, { action: 'case-file.upload', objectType: 'case-file', objectId: id, orgId: uploader.actor.orgId, changes: { fileName, size: file.bytes.length, sha256 } });
    }
  });
  return { id, fileName, size: file.bytes.length, contentType };
}

export type FileViewer = { kind: 'applicant'; applicantId: string } | { kind: 'staff'; actor: Actor };

/**
 * The file's bytes for a viewer allowed to read it: its holder (the applicant whose identity it
 * belongs to), the clerk who uploaded it and has not yet used it, or staff with case.read whose scope
 * holds a case that uses it. Anyone else: 404, as if it did not exist.
 */
export async function readCaseFile(deps: AppDeps, viewer: FileViewer, id: string) {
  const missing = () => notFound('case-file-not-found', '文件不存在 (file not found)');
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw missing();
  const row = await deps.db.selectFrom('case_files').select(['holder_hash', 'file_name', 'content_type', 'bytes', 'sha256', 'uploaded_by_kind', 'uploaded_by']).where('id', '=', id).executeTakeFirst();
  if (!row) throw missing();
  let allowed = false;
  if (viewer.kind === 'applicant') {
    const hash = await applicantHolderHash(deps.db, viewer.applicantId).catch(() => null);
    allowed = hash !== null && hash === row.holder_hash;
  } else {
    const actor = viewer.actor;
    if (!can(actor, 'case.read')) throw forbidden('您的角色不能查看申请材料 (forbidden: case.read is required)');
    if (row.uploaded_by_kind === 'staff' && row.uploaded_by === actor.userId && row.holder_hash === pendingHolderHash(deps, actor.userId)) allowed = true;
    else allowed = await fileUsedInScope(deps.db, id, actor.scopePath);
  }
  if (!allowed) throw missing();
  return { fileName: row.file_name, contentType: row.content_type, bytes: Buffer.from(row.bytes), etag: `"${row.sha256}"` };
}

/** Whether a case of an organization within the scope uses the file. */
async function fileUsedInScope(db: Kysely<DB>, fileId: string, scopePath: string): Promise<boolean> {
  const row = await db
    .selectFrom('case_materials as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select('m.id')
    .where('m.file_id', '=', fileId)
    .where('o.path', 'like', `${scopePath}%`)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/**
 * Checks that a file given as a material may be used for this holder, in the submitting
 * transaction: the holder's own file, or the submitting clerk's pending upload (claimed for the
 * holder here). Returns false for anything else (someone else's file, an unknown id).
 */
export async function claimFileFor(trx: Transaction<DB>, deps: Pick<AppDeps, 'config'>, fileId: string, holderHash: string, staffUserId: string | null): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return false;
  const row = await trx.selectFrom('case_files').select(['holder_hash', 'uploaded_by_kind', 'uploaded_by']).where('id', '=', fileId).forUpdate().executeTakeFirst();
  if (!row) return false;
  if (row.holder_hash === holderHash) return true;
  if (staffUserId && row.uploaded_by_kind === 'staff' && row.uploaded_by === staffUserId && row.holder_hash === pendingHolderHash(deps, staffUserId)) {
    await trx.updateTable('case_files').set({ holder_hash: holderHash }).where('id', '=', fileId).execute();
    return true;
  }
  return false;
}
