// Art. 9: every element of a guide is present and not empty. Empty strings and empty lists
// count as missing: a published guide with a blank 受理条件 tells the citizen nothing.
import type { GuideDraft } from './guide-content.js';
import { list, text, type Check, type Report } from './lint-rules.js';

const missing = (report: Report, field: string, zh: string, en: string) =>
  report('missing-element', field, `缺少“${zh}”`, `${en} is missing`);

/** Scalar elements: path, Chinese name, English name. */
const SCALARS: [keyof GuideDraft, string, string][] = [
  ['itemName', '事项名称', 'item name'],
  ['itemType', '事项类型', 'item type'],
  ['implementingBody', '实施主体', 'implementing body'],
];

/** List elements that must hold at least one non-empty entry. */
const LISTS: [keyof GuideDraft, string, string][] = [
  ['acceptanceConditions', '受理条件', 'acceptance conditions'],
  ['serviceObjects', '服务对象', 'service objects'],
  ['legalBasis', '设定依据', 'legal basis'],
  ['materials', '所需材料', 'required materials'],
  ['process', '办理流程', 'process'],
  ['handlingForms', '办理形式', 'handling forms'],
  ['locations', '办理地点', 'locations'],
];

export const checkMissingElements: Check = (c, _ctx, report) => {
  for (const [key, zh, en] of SCALARS) if (!text(c[key])) missing(report, key, zh, en);
  for (const [key, zh, en] of LISTS) if (list(c[key] as unknown[]).length === 0) missing(report, key, zh, en);
  checkTextEntries(c, report);
  if (!c.legalLimit) missing(report, 'legalLimit', '法定办结时限', 'legal time limit');
  if (!c.promisedLimit) missing(report, 'promisedLimit', '承诺办结时限', 'promised time limit');
  checkFees(c, report);
  checkNamedParts(c, report);
  if (!c.result) missing(report, 'result', '办理结果', 'result');
  else if (!text(c.result.name)) missing(report, 'result.name', '办理结果名称', 'result name');
  if (!text(c.consultation?.phone)) missing(report, 'consultation.phone', '咨询方式（咨询电话）', 'consultation phone');
  if (!text(c.complaint?.phone)) missing(report, 'complaint.phone', '监督投诉方式（投诉电话）', 'complaint phone');
};

/** Blank entries inside the text lists (an empty 受理条件 line, an empty 设定依据 line). */
function checkTextEntries(c: GuideDraft, report: Report): void {
  list(c.acceptanceConditions).forEach((s, i) => {
    if (!text(s)) missing(report, `acceptanceConditions.${i}`, `第${i + 1}项受理条件`, `acceptance condition ${i + 1}`);
  });
  list(c.legalBasis).forEach((s, i) => {
    if (!text(s)) missing(report, `legalBasis.${i}`, `第${i + 1}项设定依据`, `legal basis ${i + 1}`);
  });
}

/** 收费标准及收费依据: a free item still states why it is free; a charged one lists each fee with its basis. */
function checkFees(c: GuideDraft, report: Report): void {
  if (!c.fees) return missing(report, 'fees', '收费标准及收费依据', 'fees and their basis');
  if (!text(c.fees.basis)) missing(report, 'fees.basis', '收费依据', 'fee basis');
  if (c.fees.charged !== true) return;
  const items = list(c.fees.items);
  if (items.length === 0) missing(report, 'fees.items', '收费项目及标准', 'fee items');
  items.forEach((fee, i) => {
    if (!text(fee?.name)) missing(report, `fees.items.${i}.name`, `第${i + 1}项收费项目名称`, `name of fee ${i + 1}`);
    if (!text(fee?.basis)) missing(report, `fees.items.${i}.basis`, `第${i + 1}项收费依据`, `basis of fee ${i + 1}`);
  });
}

/** Each material, step, situation and location carries its own name (and a step its unit, a location its address). */
function checkNamedParts(c: GuideDraft, report: Report): void {
  list(c.materials).forEach((m, i) => {
    if (!text(m?.name)) missing(report, `materials.${i}.name`, `第${i + 1}项材料名称`, `name of material ${i + 1}`);
  });
  list(c.process).forEach((s, i) => {
    if (!text(s?.name)) missing(report, `process.${i}.name`, `第${i + 1}个环节名称`, `name of step ${i + 1}`);
    if (!text(s?.responsibleUnit)) missing(report, `process.${i}.responsibleUnit`, `第${i + 1}个环节责任单位`, `responsible unit of step ${i + 1}`);
    if (!s?.timeLimit) missing(report, `process.${i}.timeLimit`, `第${i + 1}个环节时限`, `time limit of step ${i + 1}`);
  });
  list(c.situations).forEach((s, i) => {
    if (!text(s?.name)) missing(report, `situations.${i}.name`, `第${i + 1}个情形名称`, `name of situation ${i + 1}`);
  });
  list(c.locations).forEach((l, i) => {
    if (!text(l?.name)) missing(report, `locations.${i}.name`, `第${i + 1}个办理地点名称`, `name of location ${i + 1}`);
    if (!text(l?.address)) missing(report, `locations.${i}.address`, `第${i + 1}个办理地点地址`, `address of location ${i + 1}`);
  });
}
