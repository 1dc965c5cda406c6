// Assembles a complete guide (GuideContent) for one item at one implementing organization. The
// item's shared parts come from its ItemSpec; only the body, place and contacts are local — plus
// the deliberate local variants the spec declares.
import type { GuideContent } from '../../modules/catalog/guide-content.js';
import { LICENSING_STEP_BASIS, OFFICE_HOURS, standardProcess } from './guide-builders.js';
import type { ItemSpec, SubSpec } from './items/index.js';
import { demoLicenceCode } from './licence-types.js';
import type { SeedOrg } from './orgs.js';

/** Where an implementation sits: the organization, the center that receives applicants, the supervising office. */
export interface ImplementationSite {
  org: SeedOrg;
  /** 实施主体 as the guide names it (a township center acts for its township government). */
  body: string;
  center: SeedOrg;
  office: SeedOrg;
  countyCode: string | null;
}

function fees(spec: ItemSpec): GuideContent['fees'] {
  if (spec.fees) return spec.fees;
  if (spec.type === 'licensing') {
    return { charged: false, items: [], basis: '不收费：依据《中华人民共和国行政许可法》第五十八条，行政机关实施行政许可不得收取任何费用。' };
  }
  return { charged: false, items: [], basis: '不收费：本事项设定依据未规定收费项目。' };
}

function stepBasis(spec: ItemSpec) {
  if (spec.type === 'licensing') return LICENSING_STEP_BASIS;
  const main = spec.legalBasis[0];
  return { accept: main, review: main, decide: main, deliver: main };
}

/** The spec as it applies in one county (its declared variant merged in). */
export function effectiveSpec(spec: ItemSpec, countyCode: string | null): ItemSpec {
  const variant = countyCode ? spec.variants?.[countyCode] : undefined;
  return variant ? { ...spec, ...variant } : spec;
}

export function buildGuide(baseSpec: ItemSpec, sub: SubSpec | undefined, site: ImplementationSite): GuideContent {
  const spec = effectiveSpec(baseSpec, site.countyCode);
  const materials = sub?.materials ?? spec.materials;
  const promisedDays = sub?.promisedDays ?? spec.promisedDays;
  const legalDays = spec.legalDays ?? spec.guideLegalDays ?? promisedDays;
  const result = sub?.result ?? spec.result;
  const content: GuideContent = {
    itemName: spec.name,
    itemType: spec.type,
    acceptanceConditions: sub?.conditions ?? spec.conditions,
    implementingBody: site.body,
    serviceObjects: spec.objects,
    legalLimit: { days: legalDays, unit: 'working-day' },
    promisedLimit: { days: promisedDays, unit: 'working-day' },
    fees: fees(spec),
    legalBasis: spec.legalBasis,
    materials,
    situations: sub?.situations ?? spec.situations ?? [],
    process: standardProcess({ promisedDays, basis: stepBasis(spec), materialIds: materials.map((m) => m.id), units: spec.units, special: spec.special }),
    handlingForms: spec.forms ?? ['online', 'window'],
    locations: [{ name: site.center.name, address: site.center.address, hours: OFFICE_HOURS }],
    result: {
      name: result.name,
      kind: result.kind,
      sample: { title: `${result.name}（样本，个人信息已隐藏）`, url: `/samples/${sub?.key ?? spec.key}-result.pdf` },
      delivery: result.delivery ?? ['window'],
    },
    consultation: { phone: site.org.phone, other: `${site.center.name}咨询台；兴安盟政务服务网在线咨询` },
    complaint: { phone: `${site.office.phone}、12345`, other: '12345政务服务便民热线；兴安盟政务服务网“我要投诉”栏目' },
  };
  if (sub) content.subItemName = sub.name;
  if (result.licence) content.result.licenceTypeCode = demoLicenceCode(result.licence);
  return content;
}
