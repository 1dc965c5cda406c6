// Art. 10: what a guide may demand. Each material has a legal basis and no catch-all wording
// (一), a form comes with blank and sample (二), a material produced by an agency or a department
// names who (三), and what the platform can fetch by data sharing is not asked of the applicant (四).
import type { Material } from './guide-content.js';
import { findBucketWording, findVagueWording, normalizeText } from './lint-text.js';
import { departmentMatches, licenceNameVariants } from './licence-types.js';
import { list, text, type Check, type CheckContext, type Report } from './lint-rules.js';

export const checkMaterials: Check = (c, ctx, report) => {
  list(c.materials).forEach((m, i) => {
    if (!m || typeof m !== 'object') return;
    const at = `materials.${i}`;
    const label = text(m.name) || `第${i + 1}项材料`;
    checkLegalBasis(m, at, label, report);
    checkWording(m, at, label, report);
    checkProducer(m, at, label, report);
    checkSharing(m, at, label, ctx, report);
  });
};

function checkLegalBasis(m: Material, at: string, label: string, report: Report): void {
  if (text(m.legalBasis)) return;
  report('material-without-legal-basis', `${at}.legalBasis`, `材料“${label}”未写明设定依据`, `material "${label}" has no legal basis`);
}

function checkWording(m: Material, at: string, label: string, report: Report): void {
  const inName = findBucketWording(text(m.name));
  if (inName) {
    report('catch-all-material-wording', `${at}.name`, `材料名称含兜底性表述“${inName.match}”，应逐项列明`, `material name contains catch-all wording "${inName.match}"; list each document`);
  } else {
    const vague = findVagueWording(text(m.name));
    if (vague) report('vague-material-wording', `${at}.name`, `材料“${label}”含“${vague}”，宜写明具体对象`, `material "${label}" says "${vague}"; name the party or document`);
  }
  const inNotes = findBucketWording(text(m.notes));
  if (inNotes) {
    report('catch-all-material-wording', `${at}.notes`, `材料“${label}”的填报须知含兜底性表述“${inNotes.match}”`, `the notes of material "${label}" contain catch-all wording "${inNotes.match}"`);
  }
}

function checkProducer(m: Material, at: string, label: string, report: Report): void {
  const noBlank = !text(m.blankForm?.url);
  const noSample = !text(m.sampleForm?.url);
  if (m.isForm && (noBlank || noSample)) {
    const zh = [noBlank && '空白表格', noSample && '示例样表'].filter(Boolean).join('和');
    const en = [noBlank && 'blank form', noSample && 'filled-in sample'].filter(Boolean).join(' and ');
    report('form-without-blank-and-sample', noBlank ? `${at}.blankForm` : `${at}.sampleForm`, `表格“${label}”缺少${zh}`, `form "${label}" lacks its ${en}`);
  }
  // The regulation asks for the agency category OR the legal qualification: either one suffices.
  if (m.source === 'intermediary' && !text(m.intermediary?.agencyCategory) && !text(m.intermediary?.qualification)) {
    report('intermediary-without-agency', `${at}.intermediary.agencyCategory`, `中介材料“${label}”未注明中介机构类别或资质要求`, `intermediary material "${label}" names neither the agency category nor the qualification`);
  }
  if (m.source === 'department' && !text(m.issuingDepartment)) {
    report('department-material-without-issuer', `${at}.issuingDepartment`, `部门核发材料“${label}”未注明出具部门`, `department-issued material "${label}" does not name the issuing department`);
  }
}

function checkSharing(m: Material, at: string, label: string, ctx: CheckContext, report: Report): void {
  const code = text(m.licenceTypeCode);
  if (code && ctx.shareableLicenceTypes.has(code)) {
    if (m.source !== 'sharing') {
      const name = ctx.shareableLicenceTypes.get(code);
      report('shareable-material-demanded', `${at}.source`, `“${name}”可通过电子证照共享获取，不得要求申请人提供，来源应为“数据共享获取”`, `"${name}" is obtainable by data sharing and must not be demanded from the applicant; set the source to sharing`);
    }
    return;
  }
  if (code) {
    report('unknown-licence-type', `${at}.licenceTypeCode`, `证照类型代码“${code}”不在电子证照库中`, `licence type code "${code}" is not in the e-licence library`);
    return;
  }
  if (m.source === 'department') {
    const suspect = shareableTypeLike(m, ctx);
    if (suspect) report('shareable-material-suspected', `${at}.licenceTypeCode`, `材料“${label}”疑为可共享证照“${suspect}”，请关联证照类型并改为共享获取`, `material "${label}" looks like the shareable licence "${suspect}"; link the licence type and obtain it by sharing`);
  }
}

/** The shareable licence type a department-issued material is named after (and issued by), if any. */
function shareableTypeLike(m: Material, ctx: CheckContext): string | null {
  const name = normalizeText(text(m.name));
  const office = text(m.issuingDepartment);
  for (const [code, typeName] of ctx.shareableLicenceTypes) {
    if (!licenceNameVariants(typeName).some((v) => name.includes(v))) continue;
    const department = ctx.licenceTypeDepartments?.get(code);
    if (!department || !office || departmentMatches(office, department)) return typeName;
  }
  return null;
}
