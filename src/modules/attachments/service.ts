// Guide attachments: upload by staff who write guides, public download by anyone reading a guide.
import { createHash, randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.js';
import { notFound } from '../../http/errors.js';
import { PdfComposer } from '../../lib/pdf.js';
import { recordAudit } from '../audit/service.js';
import type { Actor } from '../identity/permissions.js';
import { attachmentContentType, cleanFileName } from './rules.js';

export interface StoredAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
}

export const attachmentUrl = (id: string, fileName: string) => `/attachments/${id}/${encodeURIComponent(fileName)}`;

export async function uploadAttachment(deps: AppDeps, actor: Actor, file: { fileName: string; bytes: Uint8Array }): Promise<StoredAttachment> {
  const fileName = cleanFileName(file.fileName);
  const contentType = attachmentContentType(fileName, file.bytes);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('attachments')
      .values({ id, file_name: fileName, content_type: contentType, size: file.bytes.length, sha256, bytes: file.bytes, uploaded_by: actor.userId, org_id: actor.orgId })
      .execute();
    await recordAudit(trx, actor, { action: 'attachment.upload', objectType: 'attachment', objectId: id, changes: { fileName, size: file.bytes.length, sha256 } });
  });
  return { id, fileName, contentType, size: file.bytes.length, url: attachmentUrl(id, fileName) };
}

export async function readAttachment(deps: AppDeps, id: string) {
  const row = await deps.db.selectFrom('attachments').select(['file_name', 'content_type', 'bytes', 'sha256']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('attachment-not-found', '文件不存在 (attachment not found)');
  return { fileName: row.file_name, contentType: row.content_type, bytes: Buffer.from(row.bytes), etag: `"${row.sha256}"` };
}

// The demo catalog links its blank forms and samples under /samples/; those files do not exist, so
// a clearly labelled placeholder is drawn instead of a broken link. Real guides upload real files.
const demoSamples = new Map<string, Uint8Array>();

export async function demoSamplePdf(name: string): Promise<Uint8Array> {
  const cached = demoSamples.get(name);
  if (cached) return cached;
  const pdf = await PdfComposer.create({ title: `演示样表 ${name}` });
  pdf.text('演示样表 Demo sample', { size: 20 });
  pdf.text(`文件：${name}`, { spaceBefore: 12 });
  pdf.text('这是演示数据中的示例文件。正式使用时，部门在管理后台的指南编辑中上传真实的空白表格、填写示例和结果样本（个人信息已隐藏）。', { spaceBefore: 12 });
  const bytes = await pdf.finish('通办 Tongban');
  if (demoSamples.size < 256) demoSamples.set(name, bytes);
  return bytes;
}
