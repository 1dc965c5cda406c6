// What may be published as a guide attachment: the file types people open at a window or at home,
// recognised by their first bytes, not by the name the uploader gave them.
import { badRequest, DomainError } from '../../http/errors.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

interface Kind {
  contentType: string;
  extensions: string[];
  magic: number[];
}

const KINDS: Kind[] = [
  { contentType: 'application/pdf', extensions: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { contentType: 'image/png', extensions: ['png'], magic: [0x89, 0x50, 0x4e, 0x47] },
  { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff] },
  // Office Open XML files are zip archives.
  { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], magic: [0x50, 0x4b, 0x03, 0x04] },
  { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], magic: [0x50, 0x4b, 0x03, 0x04] },
];

/** The stored content type of an upload, or a 4xx naming the field `file`. */
export function attachmentContentType(fileName: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw badRequest('empty-file', '文件为空 (the file is empty)', [{ name: 'file', reason: 'empty' }]);
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new DomainError(413, 'file-too-large', '文件超过 10 MB (the file is larger than 10 MB)', [{ name: 'file', reason: 'larger than 10 MB' }]);
  }
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const kind = KINDS.find((k) => k.extensions.includes(extension));
  if (!kind) {
    throw new DomainError(415, 'unsupported-file-type', '仅支持 PDF、PNG、JPEG、DOCX、XLSX 文件 (only PDF, PNG, JPEG, DOCX and XLSX files)', [
      { name: 'file', reason: `extension .${extension} not allowed` },
    ]);
  }
  if (!kind.magic.every((byte, i) => bytes[i] === byte)) {
    throw new DomainError(415, 'file-content-mismatch', '文件内容与扩展名不符 (the file content does not match its extension)', [
      { name: 'file', reason: `not a ${extension} file` },
    ]);
  }
  return kind.contentType;
}

/** A file name safe to store and to show: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!base) throw badRequest('invalid-file-name', '文件名无效 (invalid file name)', [{ name: 'file', reason: 'no file name' }]);
  return base.slice(-120);
}
