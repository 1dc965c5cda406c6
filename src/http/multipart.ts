// Reading an uploaded file: a multipart body the parser cannot read (no boundary, cut off before its
// closing delimiter) is the client's fault and gets a 400 naming the file field, not a 500.
import { badRequest, DomainError } from './errors.js';

/** Runs a read of the multipart body (request.file(), part.toBuffer()); errors with their own status (413, 406) pass. */
export async function readingMultipart<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError || (error as { statusCode?: number }).statusCode) throw error;
    const reason = (error as Error).message;
    throw badRequest('multipart-malformed', `上传内容无法读取，请重新选择文件上传 (the multipart/form-data body cannot be read: ${reason}): file`, [{ name: 'file', reason }]);
  }
}
