// Uploaded files are recognised by their first bytes, not by the name the uploader gave them: the
// extension must name an allowed kind and the content must be that kind. One check for every upload
// (guide attachments, applicants' case files), each with its own kinds and size limit.
import { badRequest, DomainError } from '../http/errors.js';

interface Kind {
  contentType: string;
  extensions: string[];
  magic: number[];
}

export const FILE_KINDS = {
  pdf: { contentType: 'application/pdf', extensions: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  png: { contentType: 'image/png', extensions: ['png'], magic: [0x89, 0x50, 0x4e, 0x47] },
  jpeg: { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff] },
  // Office Open XML files are zip archives.
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], magic: [0x50, 0x4b, 0x03, 0x04] },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], magic: [0x50, 0x4b, 0x03, 0x04] },
} satisfies Record<string, Kind>;
export type FileKind = keyof typeof FILE_KINDS;

export interface UploadRule {
  kinds: readonly FileKind[];
  maxBytes: number;
  /** The refusal of another kind, Chinese and English, e.g. '仅支持 PDF、PNG 文件 (only PDF and PNG files)'. */
  kindsMessage: string;
}

/** The stored content type of an upload, or a 4xx naming the field `file` (400 empty, 413 too large, 415 wrong kind). */
export function uploadContentType(rule: UploadRule, fileName: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw badRequest('empty-file', '文件为空 (the file is empty)', [{ name: 'file', reason: 'empty' }]);
  if (bytes.length > rule.maxBytes) {
    const mb = Math.round(rule.maxBytes / 1024 / 1024);
    throw new DomainError(413, 'file-too-large', `文件超过 ${mb} MB (the file is larger than ${mb} MB)`, [{ name: 'file', reason: `larger than ${mb} MB` }]);
  }
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const kind: Kind | undefined = rule.kinds.map((k) => FILE_KINDS[k]).find((k) => k.extensions.includes(extension));
  if (!kind) throw new DomainError(415, 'unsupported-file-type', rule.kindsMessage, [{ name: 'file', reason: `extension .${extension} not allowed` }]);
  if (!kind.magic.every((byte, i) => bytes[i] === byte)) {
    throw new DomainError(415, 'file-content-mismatch', '文件内容与扩展名不符 (the file content does not match its extension)', [{ name: 'file', reason: `not a ${extension} file` }]);
  }
  return kind.contentType;
}
