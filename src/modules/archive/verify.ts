// Checking a case archive offline (`tongban archive verify FILE`): needs nothing but the zip.
//
//   verifyArchive(bytes) → { ok, files, problems: [{file, problem, detail}], case, seals }
//   throws ArchiveUnreadable when the bytes are not a zip at all (the CLI exits 2).
//
// Checked: every file listed in manifest.json is present with the SM3 and size listed, and nothing
// else is in the package; manifest.json is the one signed in manifest.sig.json (SM3) by a seal of
// the case's organization, whose SM2 signature verifies with the public key included; each document
// is as issued (its SM3 is the digest recorded at issue) and its seal's SM2 signature verifies with
// that seal's public key, the seal being valid at signing by its history; the audit records are the
// case's, each hash recomputes (audit/chain.ts) and consecutive records link (prev_hash).
//
// What this proves is that the package is as the holder of those seal keys made it. Whether a key is
// the organization's is a matter of comparing its fingerprint (in the result) with the one the
// organization publishes; documents can also be checked online through their QR code.
import JSZip from 'jszip';
import { hashRecord } from '../audit/chain.js';
import { SIGNATURE_ALGORITHM, SM2_USER_ID, sm3Hex, verifyDigest } from '../seals/crypto.js';
import { statusAt, type SealStatus } from '../seals/rules.js';
import { ARCHIVE_FORMAT, AUDIT_RECORDS_PATH, CASE_RECORD_PATH, MANIFEST_PATH, SIGNATURE_FORMAT, SIGNATURE_PATH } from './rules.js';

export type ArchiveProblemCode =
  | 'missing'
  | 'extra'
  | 'unreadable'
  | 'listed-twice'
  | 'sm3-mismatch'
  | 'size-mismatch'
  | 'manifest-invalid'
  | 'manifest-altered'
  | 'signature-invalid'
  | 'unknown-seal'
  | 'not-case-organization'
  | 'seal-not-valid-at-signing'
  | 'not-as-issued'
  | 'case-record-mismatch'
  | 'audit-record-invalid'
  | 'audit-record-foreign'
  | 'audit-record-altered'
  | 'audit-chain-broken';

export interface ArchiveProblem {
  /** The path inside the package the problem is about. */
  file: string;
  problem: ArchiveProblemCode;
  /** Chinese, then English. */
  detail: string;
}

export interface ArchiveVerdict {
  ok: boolean;
  /** Files listed in the manifest. */
  files: number;
  problems: ArchiveProblem[];
  case: { id: string; caseNumber: string; orgName: string } | null;
  /** The seals the package relies on: compare each fingerprint with the organization's. */
  seals: { id: string; name: string; kind: string; orgName: string; fingerprint: string }[];
}

export class ArchiveUnreadable extends Error {}

// ——— reading untrusted JSON without trusting its shape ———

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const HEX64 = /^[0-9a-f]{64}$/;

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}

interface Entry {
  path: string;
  role: string;
  sm3: string;
  size: number;
  document: Obj | null;
}

interface Seal {
  id: string;
  orgId: string;
  name: string;
  kind: string;
  orgName: string;
  publicKey: string;
  fingerprint: string;
  history: { status: SealStatus; at: Date }[];
}

function readEntries(manifest: Obj): Entry[] | null {
  if (!Array.isArray(manifest.files)) return null;
  const out: Entry[] = [];
  for (const f of manifest.files) {
    if (!isObj(f)) return null;
    const path = str(f.path);
    const role = str(f.role);
    const sm3 = str(f.sm3);
    if (!path || !role || !sm3 || typeof f.size !== 'number') return null;
    out.push({ path, role, sm3, size: f.size, document: isObj(f.document) ? f.document : null });
  }
  return out;
}

function readSeals(manifest: Obj): Map<string, Seal> {
  const seals = new Map<string, Seal>();
  for (const s of Array.isArray(manifest.seals) ? manifest.seals : []) {
    if (!isObj(s)) continue;
    const id = str(s.id);
    const publicKey = str(s.publicKey);
    if (!id || !publicKey) continue;
    const history = (Array.isArray(s.history) ? s.history : [])
      .filter(isObj)
      .map((h) => ({ status: str(h.status) as SealStatus, at: new Date(str(h.at) ?? NaN) }))
      .filter((h) => h.status && !Number.isNaN(h.at.getTime()));
    seals.set(id, {
      id,
      orgId: str(s.orgId) ?? '',
      name: str(s.name) ?? '',
      kind: str(s.kind) ?? '',
      orgName: str(s.orgName) ?? '',
      publicKey,
      fingerprint: str(s.fingerprint) ?? '',
      history,
    });
  }
  return seals;
}

const SPECIAL = new Set([MANIFEST_PATH, SIGNATURE_PATH]);

export async function verifyArchive(bytes: Uint8Array): Promise<ArchiveVerdict> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new ArchiveUnreadable(`不是有效的 zip 文件 (not a readable zip file: ${(error as Error).message})`);
  }
  const problems: ArchiveProblem[] = [];
  const report = (file: string, problem: ArchiveProblemCode, detail: string) => problems.push({ file, problem, detail });
  const verdict = (files: number, caseInfo: ArchiveVerdict['case'] = null, seals: Map<string, Seal> = new Map()): ArchiveVerdict => ({
    ok: problems.length === 0,
    files,
    problems,
    case: caseInfo,
    seals: [...seals.values()].map((s) => ({ id: s.id, name: s.name, kind: s.kind, orgName: s.orgName, fingerprint: s.fingerprint })),
  });

  const present = new Map(Object.values(zip.files).filter((f) => !f.dir).map((f) => [f.name, f]));
  const read = async (path: string): Promise<Uint8Array | 'missing' | 'unreadable'> => {
    const file = present.get(path);
    if (!file) return 'missing';
    try {
      return await file.async('uint8array');
    } catch {
      return 'unreadable';
    }
  };

  // ——— the manifest ———
  const manifestBytes = await read(MANIFEST_PATH);
  if (typeof manifestBytes === 'string') {
    report(MANIFEST_PATH, manifestBytes, manifestBytes === 'missing' ? '档案包缺少清单 manifest.json (the manifest is missing)' : '清单无法读取 (the manifest cannot be read)');
    return verdict(0);
  }
  const manifest = parseJson(manifestBytes);
  const entries = isObj(manifest) && manifest.format === ARCHIVE_FORMAT ? readEntries(manifest) : null;
  const caseObj = isObj(manifest) && isObj(manifest.case) ? manifest.case : null;
  const caseId = caseObj ? str(caseObj.id) : null;
  if (!isObj(manifest) || !entries || !caseObj || !caseId) {
    report(MANIFEST_PATH, 'manifest-invalid', `清单不是通办档案包清单（${ARCHIVE_FORMAT}）(manifest.json is not a Tongban case archive manifest)`);
    return verdict(0);
  }
  const seals = readSeals(manifest);
  const orgObj = isObj(caseObj.org) ? caseObj.org : {};
  const caseInfo = { id: caseId, caseNumber: str(caseObj.caseNumber) ?? '', orgName: str(orgObj.name) ?? '' };
  const caseOrgId = str(orgObj.id);

  // ——— the manifest's signature ———
  const signatureBytes = await read(SIGNATURE_PATH);
  if (typeof signatureBytes === 'string') {
    report(SIGNATURE_PATH, signatureBytes, '缺少清单签名，无法确认清单未被改动 (the manifest signature is missing)');
  } else {
    const sig = parseJson(signatureBytes);
    const digest = isObj(sig) ? str(sig.digest) : null;
    const signature = isObj(sig) ? str(sig.signature) : null;
    const publicKey = isObj(sig) ? str(sig.publicKey) : null;
    const sealId = isObj(sig) ? str(sig.sealId) : null;
    // Signed when the manifest says it was exported (exportedAt is inside what is signed).
    const signedAt = new Date(str(manifest.exportedAt) ?? NaN);
    const wellFormed = isObj(sig) && sig.format === SIGNATURE_FORMAT && sig.file === MANIFEST_PATH && sig.algorithm === SIGNATURE_ALGORITHM && sig.sm2UserId === SM2_USER_ID;
    if (!wellFormed || !digest || !signature || !publicKey || !sealId) {
      report(SIGNATURE_PATH, 'signature-invalid', '清单签名文件格式不正确 (manifest.sig.json is not a manifest signature)');
    } else {
      if (sm3Hex(manifestBytes) !== digest) {
        report(MANIFEST_PATH, 'manifest-altered', '清单的 SM3 与签名时不一致：清单在签名后被修改过 (manifest.json differs from the one that was signed)');
      }
      const seal = seals.get(sealId);
      if (!seal || seal.publicKey !== publicKey) {
        report(SIGNATURE_PATH, 'unknown-seal', '签名所用印章不在清单列出的印章中 (the signing seal is not among the seals the manifest lists)');
      } else {
        if (seal.orgId !== caseOrgId) report(SIGNATURE_PATH, 'not-case-organization', `清单不是由办件所属机构的印章签名 (the manifest is not signed by a seal of the case's organization)`);
        if (statusAt(seal.history, signedAt) !== 'active') report(SIGNATURE_PATH, 'seal-not-valid-at-signing', '签名时印章不是有效状态 (the seal was not active when it signed the manifest)');
      }
      if (!verifyDigest(digest, signature, publicKey)) {
        report(SIGNATURE_PATH, 'signature-invalid', '清单的 SM2 签名验证不通过 (the SM2 signature of the manifest does not verify)');
      }
    }
  }

  // ——— every file listed: present, SM3 and size as listed; nothing else ———
  const listed = new Set<string>();
  const contents = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (listed.has(entry.path) || SPECIAL.has(entry.path)) {
      report(entry.path, 'listed-twice', '清单重复列出此文件 (the manifest lists this file twice)');
      continue;
    }
    listed.add(entry.path);
    const data = await read(entry.path);
    if (data === 'missing') {
      report(entry.path, 'missing', '清单列出的文件不在档案包中 (a file the manifest lists is missing)');
      continue;
    }
    if (data === 'unreadable') {
      report(entry.path, 'unreadable', '文件无法读取（压缩数据损坏）(the file cannot be read: its compressed data is damaged)');
      continue;
    }
    contents.set(entry.path, data);
    if (data.length !== entry.size) report(entry.path, 'size-mismatch', `文件大小 ${data.length} 字节与清单的 ${entry.size} 字节不符 (size differs from the manifest)`);
    if (sm3Hex(data) !== entry.sm3) report(entry.path, 'sm3-mismatch', '文件的 SM3 与清单不符：文件被修改过 (the file’s SM3 differs from the manifest: it was altered)');
  }
  for (const path of present.keys()) {
    if (!listed.has(path) && !SPECIAL.has(path)) report(path, 'extra', '档案包中有清单未列出的文件 (a file in the package is not in the manifest)');
  }

  // ——— documents: as issued, signed by a seal valid at the time ———
  for (const entry of entries.filter((e) => e.role === 'document')) {
    const d = entry.document;
    const issuedDigest = d ? str(d.issuedDigest) : null;
    const signature = d ? str(d.signature) : null;
    const seal = d ? seals.get(str(d.sealId) ?? '') : undefined;
    if (!d || !issuedDigest || !HEX64.test(issuedDigest) || !signature) {
      report(entry.path, 'signature-invalid', '清单中缺少此文书的签名信息 (the manifest lacks this document’s signature)');
      continue;
    }
    if (issuedDigest !== entry.sm3) report(entry.path, 'not-as-issued', '文书与签发时记录的摘要不一致 (the document is not the one issued: its SM3 differs from the digest recorded at issue)');
    if (!seal) {
      report(entry.path, 'unknown-seal', '签发文书的印章不在清单列出的印章中 (the document’s seal is not among the seals listed)');
      continue;
    }
    if (!verifyDigest(issuedDigest, signature, seal.publicKey)) report(entry.path, 'signature-invalid', '文书的电子印章签名验证不通过 (the seal’s SM2 signature of the document does not verify)');
    if (statusAt(seal.history, new Date(str(d.signedAt) ?? NaN)) !== 'active') {
      report(entry.path, 'seal-not-valid-at-signing', '签发时印章不是有效状态 (the seal was not active when it signed)');
    }
  }

  // ——— the case record is this case's ———
  const caseRecord = contents.get(CASE_RECORD_PATH);
  if (caseRecord) {
    const record = parseJson(caseRecord);
    if (!isObj(record) || !isObj(record.case) || record.case.id !== caseId) {
      report(CASE_RECORD_PATH, 'case-record-mismatch', '办件记录不是清单所述的办件 (case.json is not the record of the case the manifest names)');
    }
  }

  // ——— audit records: the case's, each hash recomputes, consecutive records link ———
  const audit = contents.get(AUDIT_RECORDS_PATH);
  if (audit) checkAuditRecords(parseJson(audit), caseId, manifest, (problem, detail) => report(AUDIT_RECORDS_PATH, problem, detail));

  return verdict(entries.length, caseInfo, seals);
}

function checkAuditRecords(records: unknown, caseId: string, manifest: Obj, report: (problem: ArchiveProblemCode, detail: string) => void): void {
  if (!Array.isArray(records)) {
    report('audit-record-invalid', '审计记录应为数组 (audit.json must hold an array of records)');
    return;
  }
  let previous: { seq: number; hash: string } | null = null;
  for (const r of records) {
    if (!isObj(r) || typeof r.seq !== 'number' || !str(r.hash) || !str(r.prevHash) || !str(r.at) || !str(r.action) || !str(r.objectType) || !str(r.objectId)) {
      report('audit-record-invalid', '审计记录字段不完整 (an audit record lacks its fields)');
      return;
    }
    const seq = r.seq;
    if (r.objectType !== 'case' || r.objectId !== caseId) report('audit-record-foreign', `第 ${seq} 条审计记录不是本办件的 (audit record ${seq} is not about this case)`);
    const content = {
      at: new Date(r.at as string),
      actorId: str(r.actorId),
      actorRole: str(r.actorRole),
      actorOrgId: str(r.actorOrgId),
      orgId: str(r.orgId),
      action: r.action as string,
      objectType: r.objectType as string,
      objectId: r.objectId as string,
      ip: str(r.ip),
      changes: r.changes ?? {},
    };
    let recomputed: string | null;
    try {
      recomputed = hashRecord(content, r.prevHash as string);
    } catch {
      recomputed = null;
    }
    if (recomputed !== r.hash) report('audit-record-altered', `第 ${seq} 条审计记录内容与其哈希不符 (audit record ${seq}: its content no longer matches its hash)`);
    if (previous) {
      if (seq <= previous.seq) report('audit-chain-broken', `第 ${seq} 条审计记录顺序错误 (audit record ${seq} comes after ${previous.seq})`);
      else if (seq === previous.seq + 1 && r.prevHash !== previous.hash) {
        report('audit-chain-broken', `第 ${seq} 条审计记录与前一条不衔接 (audit record ${seq} does not link to record ${previous.seq})`);
      }
    }
    previous = { seq, hash: r.hash as string };
  }
  const summary = isObj(manifest.audit) ? manifest.audit : {};
  if (summary.records !== records.length || (summary.lastHash ?? null) !== (previous?.hash ?? null)) {
    report('audit-chain-broken', '审计记录与清单所列数量或末条哈希不符 (the audit records differ from the count or last hash the manifest lists)');
  }
}
