// Sealed documents (电子文书, Art. 26): every paper the platform issues goes through issueDocument.
//
//   issueDocument(trx, deps, {
//     kind,        // 'receipt' | 'supplement-notice' | 'tolerant-acceptance-notice' | 'not-accepted-notice' | 'decision' | … (kebab-case)
//     caseId?,     // the case it belongs to (cases.id), if any
//     orgId,       // the issuing organization: its name heads the page, its active seal signs
//     number,      // the document number printed under the organization's name (e.g. the case number + suffix)
//     title,       // e.g. '受理通知书'
//     render,      // (composer: PdfComposer) => void | Promise<void>: draws the body (composer.text/heading/gap …)
//     sealKind?,   // '公章' | '行政审批专用章' | '业务专用章'; default: 行政审批专用章, else 公章, else 业务专用章
//     signer?,     // { id, name } of who issued it (a staff member or a CaseActor); null/absent: the platform
//   }) → Promise<{ id, number, url, digest, sealId, signedAt }>
//
// It lays out an A4 PDF (layout.ts: organization, number, title, the caller's body, then the QR code
// of `${publicUrl}/verify/<id>`, the address in plain text, the organization and the date in
// Asia/Shanghai under the drawn seal), computes the SM3 digest of the final bytes, signs it with
// the organization's active seal (SM2) and stores bytes, digest, signature, seal, signer and time.
// The stored bytes are the document: nothing re-renders it later, so a template change never alters
// a document already issued (and the table refuses updates). Refused with 409 'no-active-seal',
// naming the organization, when it has no active seal (see ensureDefaultSeal in ../seals/service.ts).
// It writes no audit record: it runs inside the caller's transaction, whose own action is audited.
//
// Verification (public, no sign-in): verifyStored(id) from the QR code; verifyUpload(bytes) for a
// file someone holds — genuine (真实有效), altered (已被篡改: the bytes' SM3 differs from the issued
// one, or the record's signature fails) or not ours (不是本平台签发).
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { clockOf } from '../../lib/clock.js';
import type { PdfComposer } from '../../lib/pdf.js';
import { shanghaiDate } from '../../lib/shanghai-date.js';
import { digestsEqual } from '../../lib/sm-crypto.js';
import { sm3Hex, verifyDigest } from '../seals/crypto.js';
import { sealDrawing } from '../seals/drawing.js';
import { statusAt, type SealKind, type SealStatus } from '../seals/rules.js';
import { activeSealForSigning, signWithSeal, type SealDeps } from '../seals/service.js';
import { composeDocument } from './layout.js';
import * as q from './queries.js';
import { checkIssueInput, documentFileName, documentNotFound, isDocumentId, isPdf, referencedDocumentIds, verifyUrlOf, type Verdict } from './rules.js';

export interface IssueDocumentInput {
  kind: string;
  caseId?: string | null;
  orgId: string;
  number: string;
  title: string;
  render: (composer: PdfComposer) => void | Promise<void>;
  sealKind?: SealKind;
  signer?: { id: string | null; name: string | null } | null;
}

export interface IssuedDocument {
  id: string;
  number: string;
  /** The public verification page (the QR code's address). */
  url: string;
  /** SM3 of the stored PDF, hex. */
  digest: string;
  sealId: string;
  signedAt: Date;
}

type IssueDeps = Pick<SealDeps, 'config' | 'clock'>;

export async function issueDocument(trx: Transaction<DB>, deps: IssueDeps, input: IssueDocumentInput): Promise<IssuedDocument> {
  checkIssueInput(input);
  const seal = await activeSealForSigning(trx, input.orgId, input.sealKind);
  const id = randomUUID();
  const url = verifyUrlOf(deps.config.publicUrl, id);
  const signedAt = clockOf(deps).now();
  const issuedOn = shanghaiDate(signedAt);
  const bytes = await composeDocument({
    id,
    orgName: seal.org_name,
    title: input.title,
    number: input.number,
    issuedOn,
    verifyUrl: url,
    seal: sealDrawing(seal.name, seal.kind),
    render: input.render,
  });
  const digest = sm3Hex(bytes);
  const signature = await signWithSeal(trx, deps, seal, digest);
  await q.insertDocument(trx, {
    id,
    kind: input.kind,
    case_id: input.caseId ?? null,
    org_id: input.orgId,
    number: input.number,
    title: input.title,
    issued_on: issuedOn,
    file_name: documentFileName(input.title, input.number),
    size: bytes.length,
    bytes,
    digest,
    signature,
    seal_id: seal.id,
    signed_by: input.signer?.id ?? null,
    signed_by_name: input.signer?.name ?? null,
    signed_at: signedAt,
  });
  return { id, number: input.number, url, digest, sealId: seal.id, signedAt };
}

// ——— verification ———

export interface Verification {
  verdict: Verdict;
  /** Why, in one Chinese sentence (shown on the page and in the JSON). */
  reason: string;
  document: null | {
    id: string;
    kind: string;
    title: string;
    number: string;
    issuedOn: string;
    orgName: string;
    orgCreditCode: string | null;
    fileName: string;
    verifyUrl: string;
  };
  seal: null | {
    id: string;
    name: string;
    kind: SealKind;
    publicKey: string;
    /** Whether the seal was active when it signed (from its history). */
    validAtSigning: boolean;
    statusAtSigning: SealStatus | null;
    statusNow: SealStatus;
    statusChangedAt: Date | null;
  };
  signature: null | { value: string; signedAt: Date; valid: boolean };
  digest: { issued: string | null; received: string | null };
}

const NOT_OURS: Omit<Verification, 'reason' | 'digest'> = { verdict: 'not-ours', document: null, seal: null, signature: null };

async function judge(db: Database, publicUrl: string, row: q.DocumentRow, received: string): Promise<Verification> {
  const history = await q.sealHistory(db, row.seal_id);
  const statusAtSigning = statusAt(history, new Date(row.signed_at));
  const signatureValid = verifyDigest(row.digest, row.signature, row.public_key);
  const unchanged = digestsEqual(received, row.digest);
  const verdict: Verdict = unchanged && signatureValid ? 'genuine' : 'altered';
  const reason = !unchanged
    ? '文件的 SM3 摘要与签发时记录的摘要不一致：文件在签发后被修改过，内容不可信。'
    : !signatureValid
      ? '平台保存的签名与摘要不符：签发记录已被破坏，请联系签发机构。'
      : '文件与签发时完全一致，电子印章签名验证通过。';
  return {
    verdict,
    reason,
    document: {
      id: row.id,
      kind: row.kind,
      title: row.title,
      number: row.number,
      issuedOn: row.issued_on,
      orgName: row.org_name,
      orgCreditCode: row.org_credit_code,
      fileName: row.file_name,
      verifyUrl: verifyUrlOf(publicUrl, row.id),
    },
    seal: {
      id: row.seal_id,
      name: row.seal_name,
      kind: row.seal_kind,
      publicKey: row.public_key,
      validAtSigning: statusAtSigning === 'active',
      statusAtSigning,
      statusNow: row.seal_status,
      statusChangedAt: row.seal_status_changed_at ? new Date(row.seal_status_changed_at) : null,
    },
    signature: { value: row.signature, signedAt: new Date(row.signed_at), valid: signatureValid },
    digest: { issued: row.digest, received },
  };
}

/**
 * The document as stored, checked again (the page the QR code opens): the stored bytes must still
 * hash to the recorded digest and the signature must verify. 404 for an id the platform never issued.
 */
export async function verifyStored(deps: { db: Database; config: { publicUrl: string } }, id: string): Promise<Verification> {
  if (!isDocumentId(id)) throw documentNotFound();
  const row = await q.findDocument(deps.db, id, { withBytes: true });
  if (!row) throw documentNotFound();
  return judge(deps.db, deps.config.publicUrl, row, sm3Hex(row.bytes!));
}

/**
 * An uploaded file: found by its digest (an exact copy), else by the verification address written
 * into it (a copy that was changed), else not ours.
 */
export async function verifyUpload(deps: { db: Database; config: { publicUrl: string } }, bytes: Uint8Array): Promise<Verification> {
  const received = sm3Hex(bytes);
  const exact = await q.findDocumentByDigest(deps.db, received);
  if (exact) return judge(deps.db, deps.config.publicUrl, exact, received);
  if (!isPdf(bytes)) {
    return { ...NOT_OURS, reason: '上传的文件不是 PDF 文件，不是本平台签发的文书。', digest: { issued: null, received } };
  }
  for (const id of referencedDocumentIds(bytes)) {
    const row = await q.findDocument(deps.db, id, { withBytes: false });
    if (row) return judge(deps.db, deps.config.publicUrl, row, received);
  }
  return { ...NOT_OURS, reason: '平台没有签发过与此文件一致的文书，文件中也没有本平台的核验信息。', digest: { issued: null, received } };
}

/** The issued PDF, byte for byte, for the download on the verification page. */
export async function issuedPdf(db: Database, id: string): Promise<{ fileName: string; bytes: Buffer; digest: string }> {
  if (!isDocumentId(id)) throw documentNotFound();
  const row = await q.findDocument(db, id, { withBytes: true });
  if (!row) throw documentNotFound();
  return { fileName: row.file_name, bytes: Buffer.from(row.bytes!), digest: row.digest };
}

/** The documents of a case, oldest first (for the case's own views and the archive). */
export async function documentsOfCase(db: Database, caseId: string) {
  return q.documentsOfCase(db, caseId);
}
