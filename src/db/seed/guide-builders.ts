// Small builders for demo guide content (办事指南): material templates (Art. 10), the standard
// 受理/审查/决定/送达 process, fees, locations and contacts. Everything an item shares across
// organizations comes from its ItemSpec, so the same item's guides agree in every county (Art. 9 ¶2).
import type { Material, ProcessStep } from '../../modules/catalog/guide-content.js';
import { demoLicenceCode } from './licence-types.js';

type Form = Material['forms'][number];

interface MaterialOptions {
  forms?: Form[];
  copies?: number;
  spec?: string;
  required?: boolean;
  notes?: string;
}

const PAPER = 'A4纸';

function material(id: string, name: string, legalBasis: string, source: Material['source'], o: MaterialOptions = {}): Material {
  const m: Material = {
    id,
    name,
    forms: o.forms ?? ['original'],
    copies: o.copies ?? 1,
    spec: o.spec ?? PAPER,
    required: o.required ?? true,
    isForm: false,
    source,
    legalBasis,
  };
  if (o.notes) m.notes = o.notes;
  return m;
}

/** A licence the platform fetches from the e-licence library (Art. 10(四)): shown, never demanded. */
export function shared(id: string, licenceName: string, legalBasis: string, name = licenceName): Material {
  return {
    ...material(id, name, legalBasis, 'sharing', { forms: ['electronic'], copies: 0, spec: '电子证照' }),
    licenceTypeCode: demoLicenceCode(licenceName),
    notes: '通过电子证照库共享获取，申请人现场或在线确认即可，无需提交纸质件。',
  };
}

/** A form the applicant fills in, published with a blank and a filled-in sample (Art. 10(二)). */
export function form(id: string, name: string, itemKey: string, legalBasis: string, o: MaterialOptions = {}): Material {
  return {
    ...material(id, name, legalBasis, 'applicant', { forms: ['original', 'electronic'], ...o }),
    isForm: true,
    blankForm: { title: `${name}（空白表）`, url: `/samples/${itemKey}-${id}-blank.pdf` },
    sampleForm: { title: `${name}（填写示例）`, url: `/samples/${itemKey}-${id}-sample.pdf` },
  };
}

/** A document the applicant brings. */
export function doc(id: string, name: string, legalBasis: string, o: MaterialOptions = {}): Material {
  return material(id, name, legalBasis, 'applicant', { forms: ['original', 'copy'], ...o });
}

/** A document another department issues (its issuer named, Art. 10(三)). */
export function issued(id: string, name: string, issuingDepartment: string, legalBasis: string, o: MaterialOptions = {}): Material {
  return { ...material(id, name, legalBasis, 'department', { forms: ['original'], ...o }), issuingDepartment };
}

/** A report an intermediary produces, with its agency category and qualification (Art. 10(三)). */
export function intermediary(id: string, name: string, agencyCategory: string, qualification: string, legalBasis: string, o: MaterialOptions = {}): Material {
  return { ...material(id, name, legalBasis, 'intermediary', { forms: ['original'], ...o }), intermediary: { agencyCategory, qualification } };
}

/** The applicant's identity: 居民身份证 by sharing, checked on site. */
export const idCard = (legalBasis: string, name = '申请人居民身份证') => shared('id-card', '居民身份证', legalBasis, name);
export const businessLicence = (legalBasis: string) => shared('business-licence', '营业执照', legalBasis);

// 行政许可法 articles on each step of a licensing procedure.
export const LICENSING_STEP_BASIS = {
  accept: '《中华人民共和国行政许可法》第三十二条',
  review: '《中华人民共和国行政许可法》第三十四条',
  decide: '《中华人民共和国行政许可法》第三十七条、第三十八条',
  deliver: '《中华人民共和国行政许可法》第四十四条',
};

export interface StepUnits {
  accept: string;
  review: string;
  decide: string;
  deliver: string;
}

/** Level-neutral units, so the same item reads the same in the league and every county. */
export const WINDOW_UNITS: StepUnits = {
  accept: '政务服务中心综合受理窗口',
  review: '业务主管部门审查岗',
  decide: '业务主管部门负责人',
  deliver: '政务服务中心综合出件窗口',
};

export interface ProcessOptions {
  promisedDays: number;
  basis: { accept: string; review: string; decide: string; deliver: string };
  materialIds: string[];
  units?: StepUnits;
  /** Steps outside the legal limit (特殊环节: 公示, 现场核查 by experts …) inserted before the decision. */
  special?: ProcessStep[];
}

/**
 * 受理 → 审查 → [特殊环节] → 决定 → 送达. The time limit runs from acceptance to the decision
 * (行政许可法 第四十二条), so only 审查 and 决定 count; 受理 is on the spot and 送达 follows the decision.
 */
export function standardProcess(o: ProcessOptions): ProcessStep[] {
  const u = o.units ?? WINDOW_UNITS;
  const p = o.promisedDays;
  const step = (id: string, name: string, unit: string, days: number, counts: boolean, onSite: boolean, basis: string, materialIds: string[] = []): ProcessStep => ({
    id,
    name,
    responsibleUnit: unit,
    timeLimit: { days, unit: 'working-day' },
    countsTowardLimit: counts,
    onSite,
    materialIds,
    legalBasis: basis,
  });
  const accept = step('accept', '受理', u.accept, 0, false, true, o.basis.accept, o.materialIds);
  const deliver = step('deliver', '送达', u.deliver, p === 0 ? 0 : 1, false, false, o.basis.deliver);
  const decision =
    p >= 2
      ? [step('review', '审查', u.review, p - 1, true, false, o.basis.review, o.materialIds), step('decide', '决定', u.decide, 1, true, false, o.basis.decide)]
      : [step('review', p === 0 ? '审查决定（即办）' : '审查决定', u.review, p, true, false, o.basis.review, o.materialIds)];
  const last = decision.pop()!;
  return [accept, ...decision, ...(o.special ?? []), last, deliver];
}

/** A special step (特殊环节) that does not count toward the legal limit (Art. 17). */
export function specialStep(id: string, name: string, unit: string, days: number, unitKind: 'working-day' | 'calendar-day', legalBasis: string, onSite = false): ProcessStep {
  return { id, name, responsibleUnit: unit, timeLimit: { days, unit: unitKind }, countsTowardLimit: false, onSite, materialIds: [], legalBasis };
}

export const OFFICE_HOURS = '周一至周五 上午8:30-12:00，下午14:30-17:30（法定节假日除外）';
