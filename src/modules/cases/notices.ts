// Notices and documents issued on a case (Art. 16–17): 受理凭证, 一次性补齐补正告知书, 容缺受理告知书,
// 不予受理决定书, 准予/不予决定书 and 视为准予延续通知书. Each is a case_notices row written in the
// action's transaction, holding everything the document says. Right after, the job runner issues it
// as a sealed document (sealNotice → documents/service.ts issueDocument: red header, QR code of the
// public verification page, the organization's seal, SM2 signature) and that stored PDF is what
// staff and the applicant download, byte for byte, whatever changes afterwards.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { rgb } from 'pdf-lib';
import type { AppDeps } from '../../app.js';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../http/errors.js';
import { PdfComposer } from '../../lib/pdf.js';
import { inScope, type Actor } from '../identity/permissions.js';
import { issueDocument, issuedPdf } from '../documents/service.js';
import { timerUpsert } from '../jobs/timers.js';
import { ensureDefaultSeal } from '../seals/service.js';

export const NOTICE_KINDS = {
  'acceptance-receipt': { name: '受理凭证', suffix: 'SL' },
  supplement: { name: '一次性补齐补正告知书', suffix: 'BZ' },
  tolerant: { name: '容缺受理告知书', suffix: 'RQ' },
  'not-accepted': { name: '不予受理决定书', suffix: 'BY' },
  granted: { name: '准予决定书', suffix: 'JD' },
  refused: { name: '不予决定书', suffix: 'JD' },
  'deemed-renewal': { name: '视为准予延续通知书', suffix: 'JD' },
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

export interface NoticeItem {
  materialId: string;
  name: string;
  note: string;
}

/** What every notice names. */
interface NoticeHeader {
  caseNumber: string;
  itemName: string;
  orgName: string;
  applicantName: string;
  issuedOn: string;
  /** Where the applicant follows the case online. */
  link: string;
}

export type NoticeContent = NoticeHeader &
  (
    | { kind: 'acceptance-receipt'; acceptedOn: string; dueOn: string; promised: { days: number; unit: 'working-day' | 'calendar-day' }; consultationPhone: string | null; tolerant: boolean }
    | { kind: 'supplement'; round: number; items: NoticeItem[]; deadlineOn: string }
    | { kind: 'tolerant'; items: NoticeItem[]; deadlineOn: string }
    | { kind: 'not-accepted'; reasons: string; legalBasis: string; contact: string }
    | { kind: 'granted'; opinion: string | null; resultForms: ('electronic' | 'paper')[]; resultName: string | null; decidedOn: string }
    | { kind: 'refused'; reasons: string; legalBasis: string | null; contactPerson: string; contactPhone: string; decidedOn: string }
    | { kind: 'deemed-renewal'; licenceNumber: string | null; licenceExpiresOn: string | null; deemedOn: string }
  );

/** 办件编号-SL, -BZ1/-BZ2 …, -RQ, -BY, -JD: unique (case_notices.number), readable on the phone. */
export function noticeNumber(caseNumber: string, kind: NoticeKind, round = 1): string {
  const suffix = NOTICE_KINDS[kind].suffix;
  return `${caseNumber}-${suffix}${kind === 'supplement' ? round : ''}`;
}

export const noticeUrl = (caseId: string, noticeId: string) => `/api/cases/${caseId}/notices/${noticeId}/pdf`;
export const myNoticeUrl = (caseId: string, noticeId: string) => `/api/my/cases/${caseId}/notices/${noticeId}/pdf`;

/** How many notices of this kind the case has (the next supplement notice is round n + 1). */
export async function countNotices(trx: Transaction<DB>, caseId: string, kind: NoticeKind): Promise<number> {
  const row = await trx.selectFrom('case_notices').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId).where('kind', '=', kind).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Writes the notice in the action's transaction; returns its id and number. */
export async function issueNotice(
  trx: Transaction<DB>,
  input: { caseId: string; content: NoticeContent; deadlineOn?: string | null; issuedBy: string | null; at: Date },
): Promise<{ id: string; number: string }> {
  const id = randomUUID();
  const round = input.content.kind === 'supplement' ? input.content.round : 1;
  const number = noticeNumber(input.content.caseNumber, input.content.kind, round);
  // Sealing (a PDF signed with the organization's seal) is left to the job runner, right away, so
  // that the action itself stays fast; a download before then seals it on the spot (sealNotice).
  // The notice and its sealing timer are written in one statement.
  const withNotice = trx.with('notice', (db) =>
    db
      .insertInto('case_notices')
      .values({ id, case_id: input.caseId, kind: input.content.kind, number, content: JSON.stringify(input.content), deadline_on: input.deadlineOn ?? null, issued_by: input.issuedBy, created_at: input.at }),
  );
  await timerUpsert(withNotice, { kind: NOTICE_SEAL_TIMER, subjectId: id, dueAt: input.at }).execute();
  return { id, number };
}

export const NOTICE_SEAL_TIMER = 'case.notice-seal';

/**
 * Issues the notice as a sealed document (Art. 26) once: the PDF is laid out with the organization's
 * red header, the notice's text, the verification QR code and the seal, signed (SM2 over SM3) and
 * stored as issued; the notice row keeps its id. An organization that never had a seal is given its
 * 行政审批专用章 on first use; one whose seals are all suspended or revoked issues nothing (409).
 */
export async function sealNotice(trx: Transaction<DB>, deps: Pick<AppDeps, 'config' | 'clock'>, noticeId: string): Promise<string | null> {
  const row = await trx.selectFrom('case_notices').select(['id', 'case_id', 'kind', 'number', 'content', 'issued_by', 'document_id']).where('id', '=', noticeId).forUpdate().executeTakeFirst();
  if (!row) return null;
  if (row.document_id) return row.document_id;
  const c = await trx.selectFrom('cases').select('org_id').where('id', '=', row.case_id).executeTakeFirstOrThrow();
  const anySeal = await trx.selectFrom('seals').select('id').where('org_id', '=', c.org_id).limit(1).executeTakeFirst();
  if (!anySeal) await ensureDefaultSeal(trx, deps, c.org_id);
  const content = row.content as unknown as NoticeContent;
  const kind = row.kind as NoticeKind;
  const signer = row.issued_by ? await trx.selectFrom('users').select(['id', 'display_name']).where('id', '=', row.issued_by).executeTakeFirst() : undefined;
  const issued = await issueDocument(trx, deps, {
    kind: `case-${kind}`,
    caseId: row.case_id,
    orgId: c.org_id,
    number: row.number,
    title: NOTICE_KINDS[kind].name,
    signer: signer ? { id: signer.id, name: signer.display_name } : null,
    render: (pdf) => {
      pdf.text(`${content.applicantName}：`);
      body(pdf, content);
    },
  });
  await trx.updateTable('case_notices').set({ document_id: issued.id }).where('id', '=', row.id).execute();
  return issued.id;
}

/** The sealed PDF of a notice the viewer may see (sealed now if the runner has not got to it yet). */
export async function sealedNoticePdf(deps: AppDeps, notice: NoticeRecord): Promise<{ bytes: Uint8Array; filename: string }> {
  const documentId = notice.documentId ?? (await deps.db.transaction().execute((trx) => sealNotice(trx, deps, notice.id)));
  const pdf = await issuedPdf(deps.db, documentId!);
  return { bytes: pdf.bytes, filename: `${notice.number} ${NOTICE_KINDS[notice.kind].name}.pdf` };
}

/** The latest notice of a kind (the pending supplement or tolerant list is the last one issued). */
export async function latestNotice(trx: Transaction<DB> | AppDeps['db'], caseId: string, kind: NoticeKind): Promise<{ id: string; number: string; content: NoticeContent } | null> {
  const row = await trx
    .selectFrom('case_notices')
    .select(['id', 'number', 'content'])
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, number: row.number, content: row.content as unknown as NoticeContent } : null;
}

// ——— reading a notice: staff in scope, or the applicant of the case ———

export type NoticeViewer = { kind: 'staff'; actor: Actor } | { kind: 'applicant'; applicantId: string };

interface NoticeRecord {
  id: string;
  kind: NoticeKind;
  number: string;
  content: NoticeContent;
  createdAt: Date;
  documentId: string | null;
}

/** The notice of a case the viewer may see; 404 for anything else (no hint that it exists). */
export async function noticeFor(deps: AppDeps, viewer: NoticeViewer, caseId: string, noticeId: string): Promise<NoticeRecord> {
  const missing = () => notFound('notice-not-found', '文书不存在 (notice not found)');
  const uuid = /^[0-9a-f-]{36}$/i;
  if (!uuid.test(caseId) || !uuid.test(noticeId)) throw missing();
  const row = await deps.db
    .selectFrom('case_notices as n')
    .innerJoin('cases as c', 'c.id', 'n.case_id')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(['n.id', 'n.kind', 'n.number', 'n.content', 'n.created_at', 'n.document_id', 'c.applicant_id', 'o.path as org_path'])
    .where('n.id', '=', noticeId)
    .where('n.case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw missing();
  const allowed = viewer.kind === 'staff' ? inScope(viewer.actor, row.org_path) : row.applicant_id !== null && row.applicant_id === viewer.applicantId;
  if (!allowed) throw missing();
  return { id: row.id, kind: row.kind as NoticeKind, number: row.number, content: row.content as unknown as NoticeContent, createdAt: new Date(row.created_at), documentId: row.document_id };
}

// ——— the PDF ———

const GREY = rgb(0.35, 0.35, 0.35);

export function formatDateZh(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const limitText = (p: { days: number; unit: 'working-day' | 'calendar-day' }) => `${p.days} ${p.unit === 'working-day' ? '个工作日' : '日'}`;
const RESULT_FORM_NAMES = { electronic: '电子证照/电子文书', paper: '纸质证照/文书' } as const;
const REMEDY =
  '申请人如对本决定不服，可以自收到本决定之日起六十日内依法申请行政复议，或者自收到本决定之日起六个月内依法向人民法院提起行政诉讼。';

function itemList(pdf: PdfComposer, items: NoticeItem[]): void {
  items.forEach((item, i) => {
    pdf.text(`${i + 1}. ${item.name}`, { indent: 12, spaceBefore: 2 });
    if (item.note) pdf.text(`说明：${item.note}`, { indent: 26, size: 9.5, color: GREY });
  });
}

function body(pdf: PdfComposer, c: NoticeContent): void {
  switch (c.kind) {
    case 'acceptance-receipt':
      pdf.text(`你（单位）于 ${formatDateZh(c.acceptedOn)} 提出的“${c.itemName}”申请，经审查，${c.tolerant ? '符合容缺受理条件，本机关决定予以容缺受理' : '申请材料齐全、符合法定形式，本机关决定予以受理'}。`);
      pdf.text(`办件编号：${c.caseNumber}`, { spaceBefore: 6 });
      pdf.text(`受理日期：${formatDateZh(c.acceptedOn)}`);
      pdf.text(`承诺办结时限：${limitText(c.promised)}（自受理之日起计算，依法不计入的期间除外）`);
      pdf.text(`承诺办结日期：${formatDateZh(c.dueOn)}（如有依法暂停计时或延长时限，以办件页面显示为准）`);
      pdf.heading('查询办理进度');
      pdf.text(`登录通办平台“我的办件”或访问：${c.link}`);
      pdf.text('每一次状态变化，平台都会通过站内消息、电子邮件和短信通知您。');
      if (c.consultationPhone) pdf.text(`咨询电话：${c.consultationPhone}`);
      return;
    case 'supplement':
      pdf.text(`你（单位）提出的“${c.itemName}”申请（办件编号 ${c.caseNumber}），申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条，现一次性告知需要补齐补正的全部内容如下：`);
      pdf.heading('需补齐补正的材料');
      itemList(pdf, c.items);
      pdf.heading('补正期限');
      pdf.text(`请于 ${formatDateZh(c.deadlineOn)} 前（含当日）通过通办平台或到窗口补齐补正。逾期未补齐补正的，视为撤回申请。`);
      pdf.text(`本告知书为第 ${c.round} 次告知；本机关不会要求补正本告知书所列以外的、已经收取并确认的材料。`, { size: 9.5, color: GREY });
      pdf.text(`在线补正：${c.link}`, { spaceBefore: 6 });
      return;
    case 'tolerant':
      pdf.text(`你（单位）提出的“${c.itemName}”申请（办件编号 ${c.caseNumber}），基本条件具备、主要申请材料齐全，本机关予以容缺受理。以下材料需在期限内补正：`);
      pdf.heading('需补正的材料');
      itemList(pdf, c.items);
      pdf.heading('补正期限');
      pdf.text(`请于 ${formatDateZh(c.deadlineOn)} 前（含当日）补正。逾期未补正的，本机关将终止办理，作出不予许可的处理，并通知你（单位）。`);
      pdf.text(`在线补正：${c.link}`, { spaceBefore: 6 });
      return;
    case 'not-accepted':
      pdf.text(`你（单位）提出的“${c.itemName}”申请（办件编号 ${c.caseNumber}），经审查，本机关决定不予受理。`);
      pdf.heading('不予受理的理由');
      pdf.text(c.reasons);
      pdf.heading('法律依据');
      pdf.text(c.legalBasis);
      pdf.heading('联系方式');
      pdf.text(c.contact);
      pdf.text(REMEDY, { spaceBefore: 8, size: 9.5, color: GREY });
      return;
    case 'granted':
      pdf.text(`你（单位）提出的“${c.itemName}”申请（办件编号 ${c.caseNumber}），经审查，符合法定条件、标准，本机关决定准予。`);
      if (c.opinion) {
        pdf.heading('审查意见');
        pdf.text(c.opinion);
      }
      pdf.heading('办理结果');
      pdf.text(`${c.resultName ?? '办理结果'}，形式：${c.resultForms.map((f) => RESULT_FORM_NAMES[f]).join('、')}。`);
      pdf.text(`决定日期：${formatDateZh(c.decidedOn)}`);
      return;
    case 'refused':
      pdf.text(`你（单位）提出的“${c.itemName}”申请（办件编号 ${c.caseNumber}），经审查，本机关决定不予准予。`);
      pdf.heading('不予准予的理由');
      pdf.text(c.reasons);
      if (c.legalBasis) {
        pdf.heading('法律依据');
        pdf.text(c.legalBasis);
      }
      pdf.heading('联系人');
      pdf.text(`${c.contactPerson}（${c.orgName}），联系电话：${c.contactPhone}`);
      pdf.text(`决定日期：${formatDateZh(c.decidedOn)}`);
      pdf.text(REMEDY, { spaceBefore: 8, size: 9.5, color: GREY });
      return;
    case 'deemed-renewal':
      pdf.text(
        `你（单位）在行政许可有效期届满前提出的“${c.itemName}”延续申请（办件编号 ${c.caseNumber}），本机关未在有效期届满前作出是否准予延续的决定。根据《中华人民共和国行政许可法》第五十条第二款，视为准予延续。`,
      );
      if (c.licenceNumber) pdf.text(`原证照编号：${c.licenceNumber}`, { spaceBefore: 6 });
      if (c.licenceExpiresOn) pdf.text(`原有效期届满日：${formatDateZh(c.licenceExpiresOn)}`);
      pdf.text(`视为准予延续日期：${formatDateZh(c.deemedOn)}`);
      return;
  }
}
