// Sealed documents, the pure part: addresses, document kinds, how an uploaded copy names the
// document it claims to be, and the verdicts of verification.
import { badRequest, notFound } from '../../http/errors.js';

/** Document kinds the platform issues; others are allowed (the title is shown then). */
export const DOCUMENT_KIND_NAMES: Record<string, string> = {
  receipt: '受理通知书',
  'supplement-notice': '补正材料通知书',
  'tolerant-acceptance-notice': '容缺受理通知书',
  'not-accepted-notice': '不予受理通知书',
  decision: '行政许可决定书',
  licence: '电子证照',
};

export const documentKindName = (kind: string, title: string) => DOCUMENT_KIND_NAMES[kind] ?? title;

const KIND = /^[a-z][a-z0-9-]{1,39}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Checks what a caller passes to issueDocument: a programming error is a 400 naming the field. */
export function checkIssueInput(input: { kind: string; number: string; title: string }): void {
  if (!KIND.test(input.kind)) throw badRequest('document-kind-invalid', '文书类型应为小写英文短名，如 receipt (kind must be a short kebab-case name)', [{ name: 'kind', reason: 'kebab-case, 2–40' }]);
  for (const field of ['number', 'title'] as const) {
    const value = input[field];
    if (!value.trim() || value.length > 120 || CONTROL.test(value)) {
      throw badRequest('document-field-invalid', `文书${field === 'number' ? '编号' : '标题'}应为 1–120 个字符 (${field}: 1–120 printable characters)`, [{ name: field, reason: '1–120 printable characters' }]);
    }
  }
}

/** The address a document's QR code opens: the public verification page. */
export const verifyUrlOf = (publicUrl: string, id: string) => `${publicUrl}/verify/${id}`;
export const downloadPathOf = (id: string) => `/verify/${id}/document.pdf`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isDocumentId = (id: string) => UUID.test(id);

// The verification address is written into every issued PDF as plain ASCII (XMP metadata, twice)
// besides the visible text and QR code, so an uploaded copy names its document even when one of
// the copies was damaged. Only this much of the file is searched for it.
const VERIFY_REF = /\/verify\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g;

/** The document ids an uploaded file names by its verification address, first seen first (at most 8). */
export function referencedDocumentIds(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const ids = new Set<string>();
  for (const m of text.matchAll(VERIFY_REF)) {
    ids.add(m[1]!);
    if (ids.size >= 8) break;
  }
  return [...ids];
}

export const isPdf = (bytes: Uint8Array) => bytes.length > 4 && Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');

export type Verdict = 'genuine' | 'altered' | 'not-ours';

export const VERDICT_NAMES: Record<Verdict, string> = { genuine: '真实有效', altered: '已被篡改', 'not-ours': '不是本平台签发' };

/** A file name for the download: title and number, without characters file systems refuse. */
export function documentFileName(title: string, number: string): string {
  return `${title}-${number}.pdf`.replace(/[\\/:*?"<>|\s]+/g, '_');
}

export const documentNotFound = () => notFound('document-not-found', '没有找到这份文书，它不是本平台签发的 (no document with this id was issued by the platform)');
