// Exporting a finished case as one archive package (办件归档包, issue 6 "Archive"; docs/archive.md).
//
//   exportCaseArchive(deps, actor, caseId) → { fileName: '<caseNumber> 档案.zip', bytes, manifestDigest }
//
// Staff with case.read whose organization subtree holds the case (404 otherwise, as if it did not
// exist); 409 case-not-finished unless the case is in a final state (FINAL_STATES), since only then
// its record stops changing. Notices and licence versions the job runner has not sealed yet are
// sealed first (sealNotice, sealLicenceDocument), so every document in the package is the sealed
// PDF as issued. The manifest lists every file with its SM3, size and role; its own SM3 is signed
// (SM2) with the case organization's active seal in the transaction that records the export in the
// audit trail (409 no-active-seal when the organization has none). Personal data in case.json is what the case holds, whole for an exporter
// allowed to read it whole (personal-data.read-whole) and masked otherwise.
import type { AppDeps } from '../../app.js';
import { clockOf } from '../../lib/clock.js';
import { maskPersonalFields, presentPersonal } from '../../lib/mask.js';
import { chainPendingAudit } from '../audit/chainer.js';
import { recordAudit } from '../audit/service.js';
import { loadCaseDetail } from '../cases/detail.js';
import { sealNotice } from '../cases/notices.js';
import { CASE_ACTIONS, STATE_NAMES, type CaseAction, type CaseState } from '../cases/rules.js';
import { verifyUrlOf } from '../documents/rules.js';
import { can, type Actor } from '../identity/permissions.js';
import { sealLicenceDocument } from '../licences/document.js';
import { sm3Hex } from '../seals/crypto.js';
import { activeSealForSigning, ensureDefaultSeal, signWithSeal } from '../seals/service.js';
import {
  archiveSeals,
  auditRecordsFile,
  buildManifest,
  buildSignature,
  caseRecordFile,
  documentFiles,
  jsonBytes,
  receivedFileEntries,
  zipPackage,
} from './package.js';
import * as q from './queries.js';
import { archiveFileName, caseNotFinished, caseNotFound, isFinished } from './rules.js';

export interface CaseArchive {
  fileName: string;
  bytes: Buffer;
  /** SM3 of manifest.json: recorded in the audit trail, so a package can be matched to its export. */
  manifestDigest: string;
}

const iso = (at: Date | string) => new Date(at).toISOString();

export async function exportCaseArchive(deps: AppDeps, actor: Actor, caseId: string): Promise<CaseArchive> {
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw caseNotFound();
  const caseRow = await q.caseInScope(deps.db, caseId, actor.scopePath);
  if (!caseRow) throw caseNotFound();
  if (!isFinished(caseRow.state)) throw caseNotFinished(caseRow.state, STATE_NAMES[caseRow.state as CaseState] ?? caseRow.state);

  // A notice or a licence version is a document once sealed; one the job runner has not sealed yet
  // is sealed now, each in its own transaction as a download would (both lock their row, so the
  // runner never seals one twice).
  for (const noticeId of await q.unsealedNotices(deps.db, caseId)) {
    await deps.db.transaction().execute((trx) => sealNotice(trx, deps, noticeId));
  }
  for (const licenceId of await q.unsealedLicences(deps.db, caseId)) {
    await deps.db.transaction().execute((trx) => sealLicenceDocument(trx, deps, licenceId));
  }

  // The archive carries the case's audit records with their chain links: link what is pending.
  await chainPendingAudit(deps.db);
  const whole = can(actor, 'personal-data.read-whole');
  const [documents, received, actions, licences, audit, detail] = await Promise.all([
    q.documentsOfCase(deps.db, caseId),
    q.receivedFiles(deps.db, caseId),
    q.actionsOfCase(deps.db, caseId),
    q.licencesOfCase(deps.db, caseId),
    q.auditRecordsOfCase(deps.db, caseId),
    loadCaseDetail(deps, { kind: 'staff', actor }, caseId),
  ]);
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { allowedActions, history, ...record } = detail;

  const caseRecord = {
    format: 'tongban-case-record-v1',
    case: record,
    history: actions.map((a) => ({
      seq: a.seq,
      action: a.action,
      actionName: CASE_ACTIONS[a.action as CaseAction]?.name ?? a.action,
      fromState: a.from_state,
      toState: a.to_state,
      actor: {
        kind: a.actor_kind,
        id: a.actor_id,
        // The applicant's own name is personal data like the name in the case record.
        name: a.actor_kind === 'applicant' ? presentPersonal(a.actor_name, 'name', whole) : a.actor_name,
        roles: a.actor_roles,
        orgId: a.actor_org_id,
      },
      guideVersionId: a.guide_version_id,
      at: iso(a.at),
      details: whole ? a.details : maskPersonalFields(a.details),
    })),
    licences: licences.map((l) => ({
      id: l.id,
      identifier: l.identifier,
      licenceTypeCode: l.licence_type_code,
      licenceNumber: l.licence_number,
      version: l.version,
      issuerName: l.issuer_name,
      issuerCreditCode: l.issuer_credit_code,
      validFrom: String(l.valid_from),
      validUntil: l.valid_until === null ? null : String(l.valid_until),
      status: l.status,
      documentId: l.document_id,
      issuedAt: iso(l.issued_at),
    })),
  };
  // As stored: the verifier recomputes each hash from exactly these fields (audit/chain.ts).
  const auditRecords = audit.map((r) => ({
    id: Number(r.id),
    seq: Number(r.seq),
    prevHash: r.prev_hash,
    hash: r.hash,
    at: iso(r.at),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorOrgId: r.actor_org_id,
    orgId: r.org_id,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    ip: r.ip,
    changes: r.changes,
  }));

  const files = [
    caseRecordFile(caseRecord),
    auditRecordsFile(auditRecords),
    ...documentFiles(documents, (id) => verifyUrlOf(deps.config.publicUrl, id)),
    ...receivedFileEntries(received),
  ];
  const exportedAt = clockOf(deps).now();

  const signed = await deps.db.transaction().execute(async (trx) => {
    // An organization that never had a seal (a case withdrawn before any notice) gets its default one,
    // as sealNotice does; one whose seals are all suspended or revoked signs nothing (409).
    const anySeal = await trx.selectFrom('seals').select('id').where('org_id', '=', caseRow.org_id).limit(1).executeTakeFirst();
    if (!anySeal) await ensureDefaultSeal(trx, deps, caseRow.org_id);
    const seal = await activeSealForSigning(trx, caseRow.org_id);
    const sealIds = [...new Set([...documents.map((d) => d.seal_id), seal.id])];
    const manifest = buildManifest({
      caseRow,
      exportedAt,
      exportedBy: { id: actor.userId, name: actor.displayName },
      personalData: whole ? 'whole' : 'masked',
      files,
      seals: archiveSeals(await q.sealsWithHistory(trx, sealIds)),
      audit: auditRecords,
    });
    const manifestBytes = jsonBytes(manifest);
    const digest = sm3Hex(manifestBytes);
    const signature = await signWithSeal(trx, deps, seal, digest);
    await recordAudit(trx, actor, {
      action: 'case.archive',
      objectType: 'case',
      objectId: caseRow.id,
      orgId: caseRow.org_id,
      changes: { manifestSm3: digest, files: files.length, sealId: seal.id, personalData: manifest.personalData },
    });
    return { manifestBytes, digest, signatureBytes: jsonBytes(buildSignature({ digest, signature, seal })) };
  });

  const bytes = await zipPackage(signed.manifestBytes, signed.signatureBytes, files, exportedAt);
  return { fileName: archiveFileName(caseRow.case_number), bytes, manifestDigest: signed.digest };
}
