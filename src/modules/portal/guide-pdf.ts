// The printable A4 PDF of a published guide (办事指南), laid out from the same record as the page:
// title, version, QR code, then the Art. 9 elements in the order a citizen reads them.
import { rgb, type PDFImage } from 'pdf-lib';
import { PdfComposer } from '../../lib/pdf.js';
import type { PublishedGuide } from './queries.js';
import {
  DELIVERY_NAMES,
  HANDLING_FORM_NAMES,
  ITEM_TYPE_NAMES,
  RESULT_KIND_NAMES,
  SERVICE_OBJECT_NAMES,
  basisPhrase,
  feeBasisText,
  feeSummary,
  formatDateZh,
  formatLimit,
  formatYuan,
  joinNames,
  materialCopies,
  materialSource,
} from './labels.js';

const GREY = rgb(0.35, 0.35, 0.35);

function bullets(pdf: PdfComposer, lines: string[], empty = '无'): void {
  if (!lines.length) pdf.text(empty, { indent: 12 });
  lines.forEach((line) => pdf.text(`• ${line}`, { indent: 12 }));
}

function header(pdf: PdfComposer, g: PublishedGuide, qr: PDFImage, url: string): void {
  const c = g.content;
  pdf.text(`${g.org.name} · 办事指南`, { size: 10, color: GREY });
  pdf.text(c.itemName, { size: 20, spaceBefore: 4 });
  if (c.subItemName) pdf.text(c.subItemName, { size: 14 });
  pdf.imageWithCaption(qr, 96, [
    `第 ${g.versionNo} 版，自 ${formatDateZh(g.effectiveFrom)} 起施行`,
    `实施编码：${g.implementation.code}`,
    `事项类型：${ITEM_TYPE_NAMES[c.itemType]}　地区：${g.division.name}`,
    `扫码在手机上查看：${url}`,
  ]);
}

function materials(pdf: PdfComposer, g: PublishedGuide): void {
  const c = g.content;
  pdf.heading('所需材料');
  const byId = new Map(c.materials.map((m) => [m.id, m]));
  for (const s of c.situations) {
    const names = s.materialIds.map((id) => byId.get(id)?.name).filter((n): n is string => Boolean(n));
    pdf.text(`【${s.name}】${names.join('；') || '无需材料'}`, { indent: 12 });
  }
  c.materials.forEach((m, i) => {
    pdf.text(`${i + 1}. ${m.name}${m.required ? '' : '（非必要）'}`, { spaceBefore: 4 });
    pdf.text(`${materialCopies(m)}；来源：${materialSource(m)}${m.isForm ? '；需填写，提供空白表格和示例' : ''}`, { indent: 14, size: 9.5, color: GREY });
    if (m.legalBasis) pdf.text(`依据：${m.legalBasis}`, { indent: 14, size: 9.5, color: GREY });
    if (m.notes) pdf.text(`须知：${m.notes}`, { indent: 14, size: 9.5, color: GREY });
  });
}

function processSteps(pdf: PdfComposer, g: PublishedGuide): void {
  pdf.heading('办理流程');
  g.content.process.forEach((s, i) => {
    const notes = [s.countsTowardLimit ? '' : '特殊环节，不计入法定时限', s.onSite ? '需到现场' : ''].filter(Boolean).join('，');
    pdf.text(`${i + 1}. ${s.name}：${s.responsibleUnit}，${formatLimit(s.timeLimit)}${notes ? `（${notes}）` : ''}`, { indent: 12 });
  });
}

function limitsAndFees(pdf: PdfComposer, g: PublishedGuide): void {
  const c = g.content;
  pdf.heading('办理时限');
  pdf.text(`法定办结时限：${formatLimit(c.legalLimit)}　承诺办结时限：${formatLimit(c.promisedLimit)}`, { indent: 12 });
  pdf.heading('收费标准及依据');
  pdf.text(feeSummary(c.fees), { indent: 12 });
  c.fees.items.forEach((f) => pdf.text(`• ${f.name}：${formatYuan(f.amountYuan)}（${basisPhrase(f.basis)}）`, { indent: 12 }));
  const basis = feeBasisText(c.fees);
  if (basis) pdf.text(basis, { indent: 12 });
}

function whereAndResult(pdf: PdfComposer, g: PublishedGuide): void {
  const c = g.content;
  pdf.heading('办理形式与地点');
  pdf.text(`办理形式：${joinNames(c.handlingForms, HANDLING_FORM_NAMES)}`, { indent: 12 });
  c.locations.forEach((l) => pdf.text(`• ${l.name}：${l.address}（${l.hours}）`, { indent: 12 }));
  pdf.heading('办理结果');
  pdf.text(`${c.result.name}（${RESULT_KIND_NAMES[c.result.kind]}）；送达方式：${joinNames(c.result.delivery, DELIVERY_NAMES)}`, { indent: 12 });
  if (c.result.sample) pdf.text(`结果样本：${c.result.sample.title}`, { indent: 12 });
  pdf.heading('咨询与监督投诉');
  pdf.text(`咨询电话：${c.consultation.phone}${c.consultation.other ? `；${c.consultation.other}` : ''}`, { indent: 12 });
  pdf.text(`监督投诉电话：${c.complaint.phone}${c.complaint.other ? `；${c.complaint.other}` : ''}`, { indent: 12 });
}

/** Renders the guide to an A4 PDF with the embedded, subsetted CJK font and the QR code. */
export async function renderGuidePdf(g: PublishedGuide, url: string, qrPng: Uint8Array): Promise<Uint8Array> {
  const c = g.content;
  const pdf = await PdfComposer.create({ title: `${c.itemName} 办事指南`, subject: `${g.org.name} 第 ${g.versionNo} 版` });
  header(pdf, g, await pdf.doc.embedPng(qrPng), url);
  pdf.heading('基本信息');
  pdf.text(`实施主体：${c.implementingBody}`, { indent: 12 });
  pdf.text(`服务对象：${joinNames(c.serviceObjects, SERVICE_OBJECT_NAMES)}`, { indent: 12 });
  pdf.heading('受理条件');
  bullets(pdf, c.acceptanceConditions);
  materials(pdf, g);
  processSteps(pdf, g);
  limitsAndFees(pdf, g);
  whereAndResult(pdf, g);
  pdf.heading('设定依据');
  bullets(pdf, c.legalBasis);
  return pdf.finish(`${c.itemName} · 第 ${g.versionNo} 版`);
}
