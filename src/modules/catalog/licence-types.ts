// The licence types (证照类型) held in the e-licence library (电子证照库, Art. 22, 27) that the
// platform can obtain by data sharing, so a guide must not demand them from the applicant
// (Art. 10(四)). Used by `tongban guide lint` without a database and loaded by the demo seed
// into the licence_types table.
//
// Codes: the national e-licence convention writes a type code as the unified social credit code
// (统一社会信用代码, 18 chars, GB 32100) of the department that defines the type plus a 3-digit
// serial = 21 chars. The department codes below are INVENTED (structurally valid: GB 11714 and
// GB 32100 check characters computed) — they are not the ministries' real codes.

export interface LicenceType {
  /** 证照类型代码 (21 chars). */
  code: string;
  /** 证照名称 */
  name: string;
  /** 发证部门 (by kind, as the licence names it: 公安机关, 市场监督管理部门 …) */
  issuingDepartment: string;
}

const PUBLIC_SECURITY = '11100000000131246M'; // 公安
const MARKET_REGULATION = '111000000001321340'; // 市场监管
const CIVIL_AFFAIRS = '1110000000013157X1'; // 民政
const NATURAL_RESOURCES = '11100000MB01808143'; // 自然资源
const HUMAN_RESOURCES = '11100000000131887Y'; // 人社
const HEALTH = '11100000MB1694307N'; // 卫健
const DISABLED_PERSONS = '11100000500008439T'; // 残联
const TRANSPORT = '111000000001316257'; // 交通运输

export const DEFAULT_LICENCE_TYPES: readonly LicenceType[] = Object.freeze([
  { code: `${PUBLIC_SECURITY}001`, name: '居民身份证', issuingDepartment: '公安机关' },
  { code: `${PUBLIC_SECURITY}002`, name: '居民户口簿', issuingDepartment: '公安机关' },
  { code: `${PUBLIC_SECURITY}003`, name: '机动车驾驶证', issuingDepartment: '公安机关交通管理部门' },
  { code: `${PUBLIC_SECURITY}004`, name: '机动车行驶证', issuingDepartment: '公安机关交通管理部门' },
  { code: `${MARKET_REGULATION}001`, name: '营业执照', issuingDepartment: '市场监督管理部门' },
  { code: `${MARKET_REGULATION}002`, name: '食品经营许可证', issuingDepartment: '市场监督管理部门' },
  { code: `${MARKET_REGULATION}003`, name: '食品生产许可证', issuingDepartment: '市场监督管理部门' },
  { code: `${CIVIL_AFFAIRS}001`, name: '结婚证', issuingDepartment: '民政部门' },
  { code: `${CIVIL_AFFAIRS}002`, name: '离婚证', issuingDepartment: '民政部门' },
  { code: `${NATURAL_RESOURCES}001`, name: '不动产权证书', issuingDepartment: '自然资源部门' },
  { code: `${HUMAN_RESOURCES}001`, name: '社会保障卡', issuingDepartment: '人力资源和社会保障部门' },
  { code: `${HEALTH}001`, name: '出生医学证明', issuingDepartment: '卫生健康部门' },
  { code: `${DISABLED_PERSONS}001`, name: '残疾人证', issuingDepartment: '残疾人联合会' },
  { code: `${TRANSPORT}001`, name: '道路运输经营许可证', issuingDepartment: '交通运输部门' },
].map((t) => Object.freeze(t)));

/** code → name, the shape LintContext.shareableLicenceTypes takes. */
export function defaultShareableLicenceTypes(): Map<string, string> {
  return new Map(DEFAULT_LICENCE_TYPES.map((t) => [t.code, t.name]));
}

/** code → issuing department, the shape LintContext.licenceTypeDepartments takes. */
export function defaultLicenceTypeDepartments(): Map<string, string> {
  return new Map(DEFAULT_LICENCE_TYPES.map((t) => [t.code, t.issuingDepartment]));
}

// Departments are named by kind on a licence (市场监督管理部门) but by office in a guide
// (乌兰浩特市市场监管局): compare on the core word and its common short forms.
const DEPARTMENT_ALIASES: Record<string, string[]> = {
  市场监督管理: ['市场监管', '工商'],
  人力资源和社会保障: ['人社', '人力资源社会保障'],
  卫生健康: ['卫健', '卫生'],
  自然资源: ['国土', '不动产登记'],
  残疾人联合会: ['残联'],
};
const DEPARTMENT_SUFFIX = /(交通管理部门|行政主管部门|主管部门|部门|机关|委员会|总局|局|厅|部|委)$/;

/** The words by which an office of this department kind is recognised. */
export function departmentKeywords(issuingDepartment: string): string[] {
  const core = issuingDepartment.replace(/\s+/g, '').replace(DEPARTMENT_SUFFIX, '').replace(DEPARTMENT_SUFFIX, '');
  if (!core) return [];
  return [core, ...(DEPARTMENT_ALIASES[core] ?? [])];
}

/** True when an office name (e.g. 兴安盟公安局) belongs to the department kind (e.g. 公安机关). */
export function departmentMatches(office: string, issuingDepartment: string): boolean {
  const name = office.replace(/\s+/g, '');
  return departmentKeywords(issuingDepartment).some((k) => name.includes(k));
}

/** The names a material may carry for this licence type: 居民身份证 is also written 身份证. */
export function licenceNameVariants(name: string): string[] {
  const short = name.replace(/^(中华人民共和国|居民)/, '');
  return short !== name && short.length >= 3 ? [name, short] : [name];
}
