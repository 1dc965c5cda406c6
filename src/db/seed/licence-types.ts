// Licence types of the demo e-licence library: the default list of the catalog module plus the
// licences that demo items issue as their result (药品经营许可证 …), so each licence result can
// name its type (Art. 27). The extra department codes are INVENTED, structurally valid GB 32100
// codes (as in the default list), made from the department's name.
import { DEFAULT_LICENCE_TYPES, type LicenceType } from '../../modules/catalog/licence-types.js';
import { orgCreditCode } from './ids.js';

/** An invented national-level department code (authority 1, type 1, division 100000). */
const ministryCode = (name: string): string => orgCreditCode(name, '100000');

const EXTRA: [department: string, issuingDepartment: string, names: string[]][] = [
  ['国家药品监督管理局', '药品监督管理部门', ['药品经营许可证']],
  ['住房和城乡建设部', '住房和城乡建设主管部门', ['建筑工程施工许可证']],
  ['国家卫生健康委员会（许可）', '卫生健康行政部门', ['公共场所卫生许可证', '医疗机构执业许可证']],
  ['农业农村部', '农业农村主管部门', ['农作物种子生产经营许可证', '动物防疫条件合格证']],
  ['人力资源和社会保障部（许可）', '人力资源和社会保障行政部门', ['人力资源服务许可证', '技能人员职业资格证书']],
  ['应急管理部', '应急管理部门', ['烟花爆竹经营（零售）许可证']],
  ['国家新闻出版署', '出版行政主管部门', ['出版物经营许可证']],
  ['教育部', '教育行政部门', ['民办学校办学许可证']],
  ['自然资源部（规划）', '自然资源主管部门', ['建设用地规划许可证']],
  ['民政部（登记）', '民政部门', ['社会团体法人登记证书']],
  ['退役军人事务部', '退役军人事务部门', ['退役军人优待证']],
];

export const DEMO_LICENCE_TYPES: readonly LicenceType[] = [
  ...DEFAULT_LICENCE_TYPES,
  ...EXTRA.flatMap(([department, issuingDepartment, names]) =>
    names.map((name, i) => ({ code: `${ministryCode(department)}${String(i + 1).padStart(3, '0')}`, name, issuingDepartment })),
  ),
];

const BY_NAME = new Map(DEMO_LICENCE_TYPES.map((t) => [t.name, t.code]));

/** The type code of a licence by its exact name; a typo in the demo data fails loudly. */
export function demoLicenceCode(name: string): string {
  const code = BY_NAME.get(name);
  if (!code) throw new Error(`demo seed: no licence type named ${name}`);
  return code;
}
