// The licence as a sealed document (电子证照文件, Art. 26–27): every issued version gets an A4 PDF
// laid out by the documents module — holder, licence type, number, the national identifier,
// validity, issuer — signed with the issuer's seal, with the QR code of the document's verification
// page and, printed, the licence's own status page. Issued by the job runner right after the licence
// ('licence.document' timer), like case notices, so the decision's transaction stays short.
// The PDF can be downloaded by anyone holding its verification address, so a person's identity
// number is printed masked; an enterprise's credit code is public and printed whole.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { maskIdentityNumber } from '../../lib/mask.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { issueDocument } from '../documents/service.js';
import type { TimerHandler } from '../jobs/timers.js';
import { ensureDefaultSeal } from '../seals/service.js';
import { attachLicenceDocument, DOCUMENT_TIMER, HOLDER_CONTEXT, licenceVerifyUrl, type LicenceDeps } from './service.js';


const zh = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** Issues the sealed PDF of a licence version once; returns its document id (null: no such licence). */
export async function sealLicenceDocument(trx: Transaction<DB>, deps: LicenceDeps, licenceId: string): Promise<string | null> {
  const row = await trx.selectFrom('licences').selectAll().where('id', '=', licenceId).forUpdate().executeTakeFirst();
  if (!row) return null;
  if (row.document_id) return row.document_id;
  const anySeal = await trx.selectFrom('seals').select('id').where('org_id', '=', row.issuer_org_id).limit(1).executeTakeFirst();
  if (!anySeal) await ensureDefaultSeal(trx, deps, row.issuer_org_id);
  const type = await trx.selectFrom('licence_types').select('name').where('code', '=', row.licence_type_code).executeTakeFirst();
  const identity = sensitiveColumns(deps.config).decrypt(row.holder_id_enc, HOLDER_CONTEXT) ?? '';
  const data = row.data as Record<string, unknown>;
  const issued = await issueDocument(trx, deps, {
    kind: 'licence',
    caseId: row.case_id,
    orgId: row.issuer_org_id,
    number: `${row.licence_number}-${String(row.version).padStart(3, '0')}`,
    title: type?.name ?? '电子证照',
    render: (pdf) => {
      pdf.text(row.holder_kind === 'enterprise' ? `名称：${row.holder_name}` : `持证人：${row.holder_name}`, { size: 12 });
      pdf.text(row.holder_kind === 'enterprise' ? `统一社会信用代码：${identity}` : `公民身份号码：${maskIdentityNumber(identity)}`);
      pdf.text(`证照编号：${row.licence_number}（第 ${row.version} 版）`, { spaceBefore: 6 });
      if (typeof data.itemName === 'string') pdf.text(`许可事项：${data.itemName}`);
      pdf.text(`有效期：${zh(row.valid_from)} 至 ${row.valid_until ? zh(row.valid_until) : '长期'}`);
      pdf.text(`发证机关：${row.issuer_name}`);
      if (typeof data.caseNumber === 'string') pdf.text(`办件编号：${data.caseNumber}`);
      pdf.heading('电子证照标识');
      pdf.text(row.identifier, { size: 9.5 });
      pdf.text(`证照当前状态（有效、注销、过期、吊销）以核验页面为准：${licenceVerifyUrl(deps, row.identifier)}`, { size: 9.5, spaceBefore: 4 });
    },
  });
  await attachLicenceDocument(trx, deps, row.id, issued.id);
  return issued.id;
}

export { DOCUMENT_TIMER as LICENCE_DOCUMENT_TIMER };

export const sealLicenceHandler: TimerHandler = async (deps, trx, timer) => {
  await sealLicenceDocument(trx, deps, timer.subjectId);
};
