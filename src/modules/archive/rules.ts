// Case archives (办件归档包, issue 6 "Archive"), the pure part: what a package holds (the manifest
// and its signature), where each file goes inside the zip, and the refusals people see.
//
// A package is one zip:
//   manifest.json        every other file (path, role, SM3, size) + the seals' public keys and histories
//   manifest.sig.json    SM2 signature of SM3(manifest.json bytes) by the case organization's seal
//   case.json            the case record and its full history (case_actions)
//   audit.json           the audit records of the case with their chain fields (seq, prev_hash, hash)
//   documents/NN …pdf    every sealed document issued on the case, byte for byte as issued
//   received/NN …        every file received for the case (case_files used by its materials)
// See docs/archive.md.
import { conflict, notFound } from '../../http/errors.js';
import { FINAL_STATES, type CaseState } from '../cases/rules.js';
import type { SealKind, SealStatus } from '../seals/rules.js';

export const ARCHIVE_FORMAT = 'tongban-case-archive-v1';
export const SIGNATURE_FORMAT = 'tongban-case-archive-signature-v1';
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig.json';
export const CASE_RECORD_PATH = 'case.json';
export const AUDIT_RECORDS_PATH = 'audit.json';

export type FileRole = 'case-record' | 'audit-records' | 'document' | 'received';

export const ROLE_NAMES: Record<FileRole, string> = {
  'case-record': '办件记录及全部办理过程',
  'audit-records': '办件审计记录（含哈希链字段）',
  document: '签发的电子文书（已盖电子印章）',
  received: '收取的申请材料',
};

export interface ArchiveDocumentInfo {
  id: string;
  kind: string;
  number: string;
  title: string;
  issuedOn: string;
  /** SM3 recorded when it was issued (what the seal signed). */
  issuedDigest: string;
  /** SM2 signature (DER, hex) over the 32-byte issued digest. */
  signature: string;
  sealId: string;
  signedAt: string;
  signedBy: string | null;
  verifyUrl: string;
}

export interface ArchiveReceivedInfo {
  fileId: string;
  fileName: string;
  uploadedByKind: 'applicant' | 'staff';
  uploadedAt: string;
  /** The case's materials this file was supplied for (a replaced material stays listed, superseded). */
  materials: { caseMaterialId: string; materialId: string; name: string; source: string; status: string; superseded: boolean }[];
}

export interface ManifestFile {
  path: string;
  role: FileRole;
  /** SM3 of the file's bytes, 64 lower-case hex. */
  sm3: string;
  size: number;
  contentType: string;
  document?: ArchiveDocumentInfo;
  received?: ArchiveReceivedInfo;
}

export interface ArchiveSeal {
  id: string;
  orgId: string;
  orgName: string;
  orgCreditCode: string | null;
  name: string;
  kind: SealKind;
  /** SM2 public key, uncompressed (04‖x‖y), 130 hex. */
  publicKey: string;
  /** Compare with the fingerprint the organization publishes (its seal page) before trusting the key. */
  fingerprint: string;
  /** Every status change up to the export, oldest first: whether the seal was valid when it signed. */
  history: { status: SealStatus; at: string }[];
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  case: {
    id: string;
    caseNumber: string;
    state: CaseState;
    itemName: string;
    itemCode: string;
    org: { id: string; name: string; creditCode: string | null };
  };
  exportedAt: string;
  exportedBy: { id: string; name: string };
  /** 'whole' when the exporter may read personal data whole, else 'masked' in case.json. */
  personalData: 'whole' | 'masked';
  algorithms: { hash: 'SM3'; signature: 'SM2-with-SM3'; sm2UserId: string; signatureEncoding: 'DER, hex'; auditChain: 'tongban-audit-v1' };
  files: ManifestFile[];
  seals: ArchiveSeal[];
  /** The case's audit records in audit.json: how many, and where they sit in the platform's chain. */
  audit: { records: number; firstSeq: number | null; lastSeq: number | null; lastHash: string | null };
}

/** The signature file. Every field is checked; the time of signing is the manifest's exportedAt (signed). */
export interface ManifestSignature {
  format: typeof SIGNATURE_FORMAT;
  file: typeof MANIFEST_PATH;
  algorithm: 'SM2-with-SM3';
  sm2UserId: string;
  /** SM3 of manifest.json's bytes. */
  digest: string;
  signature: string;
  sealId: string;
  publicKey: string;
}

/** Whether the case is finished (办结), so that its record no longer changes. */
export function isFinished(state: string): boolean {
  return (FINAL_STATES as readonly string[]).includes(state);
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/** One path segment: no directory separators, control or reserved characters, at most 100 characters. */
export function safeSegment(text: string): string {
  const clean = text.replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '_');
  return [...(clean || '_')].slice(0, 100).join('');
}

/** Keeps the extension when a name is cut short. */
function withExtension(base: string, fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot).toLowerCase() : '';
  const name = safeSegment(base);
  return /^\.[a-z0-9]{1,5}$/.test(ext) && !name.toLowerCase().endsWith(ext) ? `${name}${ext}` : name;
}

const counter = (index: number, total: number) => String(index + 1).padStart(Math.max(2, String(total).length), '0');

/** documents/01 受理凭证-TB….pdf — numbered in issue order, so names never collide. */
export function documentPath(index: number, total: number, fileName: string): string {
  return `documents/${counter(index, total)} ${withExtension(fileName, fileName)}`;
}

/** received/01 食品经营许可申请书 - 申请书.pdf */
export function receivedPath(index: number, total: number, materialName: string, fileName: string): string {
  return `received/${counter(index, total)} ${withExtension(`${materialName} - ${fileName}`, fileName)}`;
}

export const archiveFileName = (caseNumber: string) => `${caseNumber} 档案.zip`;

export const caseNotFound = () => notFound('case-not-found', '办件不存在 (case not found)');

export function caseNotFinished(state: string, stateName: string) {
  return conflict('case-not-finished', `办件尚未办结（当前状态：${stateName}），办结后才能导出档案 (the case is not finished: state ${state}; only a finished case can be archived)`, {
    state,
  });
}
