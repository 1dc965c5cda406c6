// What may be published as a guide attachment: the file types people open at a window or at home,
// recognised by their first bytes, not by the name the uploader gave them.
import { badRequest } from '../../http/errors.js';
import { uploadContentType, type UploadRule } from '../../lib/file-types.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const ATTACHMENT_UPLOADS: UploadRule = {
  kinds: ['pdf', 'png', 'jpeg', 'docx', 'xlsx'],
  maxBytes: MAX_ATTACHMENT_BYTES,
  kindsMessage: '仅支持 PDF、PNG、JPEG、DOCX、XLSX 文件 (only PDF, PNG, JPEG, DOCX and XLSX files)',
};

/** The stored content type of an upload, or a 4xx naming the field `file`. */
export function attachmentContentType(fileName: string, bytes: Uint8Array): string {
  return uploadContentType(ATTACHMENT_UPLOADS, fileName, bytes);
}

/** A file name safe to store and to show: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!base) throw badRequest('invalid-file-name', '文件名无效 (invalid file name)', [{ name: 'file', reason: 'no file name' }]);
  return base.slice(-120);
}
