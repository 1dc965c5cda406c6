// Generated catalog for the search benchmark: item names built from real subject and action words
// of government service catalogs, implemented by departments of 兴安盟, its 6 counties and its
// townships, so names repeat across organizations the way a real implementation list does.
import type { ItemType, Level } from '../src/db/schema.js';
import { loadDivisions } from '../src/db/seed/divisions.js';
import type { DocumentSource } from '../src/modules/search/document.js';

const SUBJECTS: Record<string, string[]> = {
  市场监督管理局: ['营业执照', '食品经营', '药品经营', '医疗器械经营', '个体工商户', '农民专业合作社', '企业名称', '特种设备使用', '计量器具', '食品小作坊'],
  民政局: ['最低生活保障', '特困人员供养', '临时救助', '婚姻', '养老机构', '社会团体', '民办非企业单位', '残疾人两项补贴', '高龄津贴', '殡葬服务'],
  卫生健康委员会: ['医疗机构执业', '医师执业', '护士执业', '公共场所卫生', '母婴保健技术服务', '出生医学证明', '放射诊疗', '消毒产品生产'],
  交通运输局: ['道路运输经营', '道路货物运输', '出租汽车经营', '机动车维修经营', '驾驶员培训', '超限运输车辆行驶公路', '公路用地'],
  自然资源局: ['不动产', '建设用地规划', '采矿权', '探矿权', '土地复垦', '测绘资质'],
  住房和城乡建设局: ['建筑工程施工', '房屋建筑工程竣工验收', '商品房预售', '燃气经营', '城市道路占用挖掘', '户外广告设置', '建筑业企业资质'],
  人力资源和社会保障局: ['社会保险', '失业保险金', '工伤认定', '职业技能等级', '人力资源服务', '劳务派遣经营', '住房公积金'],
  公安局: ['居民身份证', '户口迁移', '居住证', '机动车驾驶证', '机动车登记', '普通护照', '养犬', '烟花爆竹燃放'],
  教育局: ['教师资格', '民办学校', '校外培训机构', '学生资助'],
  农牧局: ['兽药经营', '种子生产经营', '农药经营', '动物防疫条件', '动物诊疗', '渔业捕捞', '农机驾驶'],
  林业和草原局: ['草原使用', '林木采伐', '野生动物驯养繁殖', '林草种子生产'],
  生态环境局: ['排污', '建设项目环境影响评价', '危险废物经营', '辐射安全'],
  文化旅游体育局: ['娱乐场所经营', '互联网上网服务营业场所', '出版物零售', '营业性演出', '文物保护工程', '旅行社设立'],
  应急管理局: ['危险化学品经营', '烟花爆竹经营', '安全生产', '非煤矿山安全'],
};

const ACTIONS: [string, ItemType][] = [
  ['许可', 'licensing'],
  ['核发', 'licensing'],
  ['审批', 'licensing'],
  ['登记', 'confirmation'],
  ['认定', 'confirmation'],
  ['证明', 'confirmation'],
  ['确认', 'confirmation'],
  ['给付', 'payment'],
  ['申领', 'payment'],
  ['奖励', 'reward'],
  ['纠纷裁决', 'adjudication'],
  ['变更', 'other-power'],
  ['注销', 'other-power'],
  ['备案', 'other-power'],
  ['遗失补办', 'public-service'],
  ['信息查询', 'public-service'],
];

const SUB_ITEMS = ['新办', '变更', '延续', '注销', '遗失补办'];
const MATERIALS = ['申请书', '居民身份证', '营业执照', '法定代表人身份证明', '场所使用证明', '居民户口簿', '授权委托书', '承诺书', '结婚证', '不动产权证书', '健康证明', '资质证书', '安全管理制度', '平面布局图', '检验检测报告'];

export interface BenchOrg {
  id: string;
  name: string;
  level: Level;
  divisionCode: string;
  divisionName: string;
  divisionCodes: string[];
}

/** League and county departments of each kind, plus each township's government. */
export function benchOrgs(): BenchOrg[] {
  const divisions = loadDivisions();
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const chain = (code: string): string[] => {
    const d = byCode.get(code);
    return d?.parentCode ? [...chain(d.parentCode), code] : [code];
  };
  const orgs: BenchOrg[] = [];
  const league = divisions.find((d) => d.level === 'prefecture')!;
  for (const d of divisions.filter((x) => x.level === 'prefecture' || x.level === 'county')) {
    const level: Level = d.level === 'prefecture' ? 'league' : 'county';
    for (const dept of Object.keys(SUBJECTS)) {
      orgs.push({ id: `org-${d.code}-${orgs.length}`, name: `${d.name}${dept}`, level, divisionCode: d.code, divisionName: d.name, divisionCodes: chain(d.code) });
    }
  }
  for (const d of divisions.filter((x) => x.level === 'township')) {
    const name = /街道$/.test(d.name) ? `${d.name}办事处` : `${d.name}人民政府`;
    orgs.push({ id: `org-${d.code}`, name, level: 'township', divisionCode: d.code, divisionName: d.name, divisionCodes: chain(d.code) });
  }
  if (!league) throw new Error('no league division');
  return orgs;
}

interface BenchItem {
  name: string;
  type: ItemType;
  dept: string;
  code: string;
}

export function benchItems(): BenchItem[] {
  const items: BenchItem[] = [];
  for (const [dept, subjects] of Object.entries(SUBJECTS)) {
    for (const subject of subjects) {
      for (const [action, type] of ACTIONS) {
        const n = items.length + 1;
        items.push({ name: `${subject}${action}`, type, dept, code: `20${String(n).padStart(5, '0')}000` });
      }
    }
  }
  return items;
}

/** A small deterministic generator, so every run searches the same catalog. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `count` document sources: each item implemented by departments of its kind and by townships. */
export function benchSources(count: number): DocumentSource[] {
  const orgs = benchOrgs();
  const items = benchItems();
  const random = rng(20240601);
  const sources: DocumentSource[] = [];
  for (let i = 0; sources.length < count; i++) {
    const item = items[i % items.length];
    const round = Math.floor(i / items.length);
    const candidates = orgs.filter((o) => o.level === 'township' || o.name.endsWith(item.dept));
    const org = candidates[(round * 7 + (i % 31)) % candidates.length];
    const sub = random() < 0.25 ? SUB_ITEMS[Math.floor(random() * SUB_ITEMS.length)] : undefined;
    const materials = Array.from({ length: 3 + Math.floor(random() * 4) }, () => ({ name: MATERIALS[Math.floor(random() * MATERIALS.length)] }));
    sources.push({
      implementationId: `impl-${String(i).padStart(6, '0')}`,
      guideVersionId: `gv-${i}`,
      itemId: `item-${item.code}`,
      itemCode: item.code,
      implementationCode: `${item.code}${org.level === 'league' ? 3 : org.level === 'county' ? 4 : 5}${String(i).padStart(18, '0')}`,
      catalogItemName: item.name,
      itemType: item.type,
      description: '',
      orgId: org.id,
      orgName: org.name,
      level: org.level,
      divisionCode: org.divisionCode,
      divisionName: org.divisionName,
      divisionCodes: org.divisionCodes,
      content: { itemName: item.name, subItemName: sub, materials: materials as never },
    });
  }
  return sources;
}

/** Item name, then implementation id: the order rebuildSearchIndex writes documents in (see buildDocuments). */
export function byName(a: DocumentSource, b: DocumentSource): number {
  return a.catalogItemName < b.catalogItemName ? -1 : a.catalogItemName > b.catalogItemName ? 1 : a.implementationId < b.implementationId ? -1 : 1;
}
