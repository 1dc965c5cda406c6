// Laying out a case archive: the files with their manifest entries, the manifest's bytes, and the
// zip. Pure apart from hashing; the service reads the rows and signs.
import JSZip from 'jszip';
import { SM2_USER_ID, publicKeyFingerprint, sm3Hex } from '../seals/crypto.js';
import type { ArchiveCaseRow, ArchiveDocumentRow, ReceivedFileRow, sealsWithHistory } from './queries.js';
import {
  ARCHIVE_FORMAT,
  AUDIT_RECORDS_PATH,
  CASE_RECORD_PATH,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  documentPath,
  receivedPath,
  type ArchiveManifest,
  type ArchiveSeal,
  type ManifestFile,
  type ManifestSignature,
} from './rules.js';

export interface PackedFile {
  entry: ManifestFile;
  bytes: Uint8Array;
}

const iso = (at: Date | string) => new Date(at).toISOString();

/** Pretty JSON with a final newline, as UTF-8 bytes: what is hashed is exactly what is stored. */
export function jsonBytes(value: unknown): Uint8Array {
  return new Uint8Array(Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'));
}

function packed(path: string, role: ManifestFile['role'], contentType: string, bytes: Uint8Array, extra: Partial<ManifestFile> = {}): PackedFile {
  return { entry: { path, role, sm3: sm3Hex(bytes), size: bytes.length, contentType, ...extra }, bytes };
}

export function documentFiles(rows: ArchiveDocumentRow[], verifyUrl: (id: string) => string): PackedFile[] {
  return rows.map((d, i) =>
    packed(documentPath(i, rows.length, d.file_name), 'document', 'application/pdf', new Uint8Array(d.bytes), {
      document: {
        id: d.id,
        kind: d.kind,
        number: d.number,
        title: d.title,
        issuedOn: String(d.issued_on),
        issuedDigest: d.digest,
        signature: d.signature,
        sealId: d.seal_id,
        signedAt: iso(d.signed_at),
        signedBy: d.signed_by_name,
        verifyUrl: verifyUrl(d.id),
      },
    }),
  );
}

/** One entry per distinct file; a file supplied for several materials (or replaced) lists them all. */
export function receivedFileEntries(rows: ReceivedFileRow[]): PackedFile[] {
  const byFile = new Map<string, ReceivedFileRow[]>();
  for (const row of rows) byFile.set(row.file_id, [...(byFile.get(row.file_id) ?? []), row]);
  const groups = [...byFile.values()];
  return groups.map((group, i) => {
    const first = group[0]!;
    return packed(receivedPath(i, groups.length, first.material_name, first.file_name), 'received', first.content_type, new Uint8Array(first.bytes), {
      received: {
        fileId: first.file_id,
        fileName: first.file_name,
        uploadedByKind: first.uploaded_by_kind,
        uploadedAt: iso(first.uploaded_at),
        materials: group.map((m) => ({
          caseMaterialId: m.case_material_id,
          materialId: m.material_id,
          name: m.material_name,
          source: m.source,
          status: m.status,
          superseded: m.superseded_at !== null,
        })),
      },
    });
  });
}

export const caseRecordFile = (record: unknown) => packed(CASE_RECORD_PATH, 'case-record', 'application/json', jsonBytes(record));
export const auditRecordsFile = (records: unknown) => packed(AUDIT_RECORDS_PATH, 'audit-records', 'application/json', jsonBytes(records));

export function archiveSeals(rows: Awaited<ReturnType<typeof sealsWithHistory>>): ArchiveSeal[] {
  return rows.map((s) => ({
    id: s.id,
    orgId: s.org_id,
    orgName: s.org_name,
    orgCreditCode: s.org_credit_code,
    name: s.name,
    kind: s.kind,
    publicKey: s.public_key,
    fingerprint: publicKeyFingerprint(s.public_key),
    history: s.history.map((h) => ({ status: h.status, at: iso(h.at) })),
  }));
}

export function buildManifest(input: {
  caseRow: ArchiveCaseRow;
  exportedAt: Date;
  exportedBy: { id: string; name: string };
  personalData: 'whole' | 'masked';
  files: PackedFile[];
  seals: ArchiveSeal[];
  audit: { seq: number; hash: string }[];
}): ArchiveManifest {
  const c = input.caseRow;
  const last = input.audit[input.audit.length - 1];
  return {
    format: ARCHIVE_FORMAT,
    case: {
      id: c.id,
      caseNumber: c.case_number,
      state: c.state as ArchiveManifest['case']['state'],
      itemName: c.item_name,
      itemCode: c.item_code,
      org: { id: c.org_id, name: c.org_name, creditCode: c.org_credit_code },
    },
    exportedAt: iso(input.exportedAt),
    exportedBy: input.exportedBy,
    personalData: input.personalData,
    algorithms: { hash: 'SM3', signature: 'SM2-with-SM3', sm2UserId: SM2_USER_ID, signatureEncoding: 'DER, hex', auditChain: 'tongban-audit-v1' },
    files: input.files.map((f) => f.entry),
    seals: input.seals,
    audit: { records: input.audit.length, firstSeq: input.audit[0]?.seq ?? null, lastSeq: last?.seq ?? null, lastHash: last?.hash ?? null },
  };
}

export function buildSignature(input: { digest: string; signature: string; seal: { id: string; public_key: string } }): ManifestSignature {
  return {
    format: 'tongban-case-archive-signature-v1',
    file: MANIFEST_PATH,
    algorithm: 'SM2-with-SM3',
    sm2UserId: SM2_USER_ID,
    digest: input.digest,
    signature: input.signature,
    sealId: input.seal.id,
    publicKey: input.seal.public_key,
  };
}

/** The zip: manifest and signature first, then the files in manifest order. */
export async function zipPackage(manifestBytes: Uint8Array, signatureBytes: Uint8Array, files: PackedFile[], date: Date): Promise<Buffer> {
  const zip = new JSZip();
  const options = { date, binary: true, createFolders: false } as const;
  zip.file(MANIFEST_PATH, manifestBytes, options);
  zip.file(SIGNATURE_PATH, signatureBytes, options);
  for (const f of files) zip.file(f.entry.path, f.bytes, options);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}
