// The 兴安盟 organization tree: 行政公署 and the six 旗县市 governments, each with its 政务服务局
// (management office), 政务服务中心 (center) and departments; every 苏木乡镇/街道 with its
// government and 便民服务中心 named after Art. 29.
import type { Kysely } from 'kysely';
import type { DB, Level, OrgKind } from '../schema.js';
import { division6, type DivisionRow } from './divisions.js';
import { countyAddress, leagueAddress, townshipAddress } from './addresses.js';
import { demoPhone, orgCreditCode, seedId } from './ids.js';

/** 政务服务机构: the departments each government has (税务 is vertically managed and left out). */
export const DEPARTMENTS = {
  market: { name: '市场监督管理局', code: 'SCJG' },
  police: { name: '公安局', code: 'GA' },
  civil: { name: '民政局', code: 'MZ' },
  hrss: { name: '人力资源和社会保障局', code: 'RS' },
  land: { name: '自然资源局', code: 'ZRZY' },
  health: { name: '卫生健康委员会', code: 'WJ' },
  transport: { name: '交通运输局', code: 'JT' },
  housing: { name: '住房和城乡建设局', code: 'ZJ' },
  education: { name: '教育局', code: 'JY' },
  agri: { name: '农牧局', code: 'NM' },
  eco: { name: '生态环境局', code: 'STHJ' },
  medical: { name: '医疗保障局', code: 'YB' },
  veterans: { name: '退役军人事务局', code: 'TYJR' },
  culture: { name: '文化旅游体育局', code: 'WLTY' },
  emergency: { name: '应急管理局', code: 'YJ' },
} as const;
export type DeptKey = keyof typeof DEPARTMENTS;

export interface SeedOrg {
  id: string;
  code: string;
  name: string;
  shortName?: string;
  kind: OrgKind;
  level: Level;
  divisionCode: string;
  parentId: string | null;
  creditCode: string;
  phone: string;
  address: string;
}

export interface GovernmentUnit {
  divisionCode: string;
  /** 兴安盟 or the county's name: the prefix of its bodies' names. */
  divisionName: string;
  gov: SeedOrg;
  office: SeedOrg;
  center: SeedOrg;
  depts: Record<DeptKey, SeedOrg>;
}

export interface TownshipUnit {
  divisionCode: string;
  name: string;
  gov: SeedOrg;
  center: SeedOrg;
}

export interface CountyUnit extends GovernmentUnit {
  townships: TownshipUnit[];
}

export interface OrgTree {
  league: GovernmentUnit;
  counties: CountyUnit[];
  /** Every organization, parents before children. */
  all: SeedOrg[];
}

const COUNTY_SHORT: Record<string, string> = { 科尔沁右翼前旗: '科右前旗', 科尔沁右翼中旗: '科右中旗' };

function org(input: Omit<SeedOrg, 'id' | 'creditCode' | 'phone'> & { creditDivision: string }): SeedOrg {
  const { creditDivision, ...rest } = input;
  return { ...rest, id: seedId(`org:${input.code}`), creditCode: orgCreditCode(input.name, creditDivision), phone: demoPhone(input.code) };
}

function governmentUnit(
  level: 'league' | 'county',
  division: DivisionRow,
  parentId: string | null,
  address: (key: string) => string,
): GovernmentUnit {
  const d6 = division6(division.code);
  const prefix = division.name;
  const base = { level, divisionCode: division.code, creditDivision: d6 } as const;
  const govName = level === 'league' ? '兴安盟行政公署' : `${prefix}人民政府`;
  const gov = org({ ...base, code: `${division.code}-GOV`, name: govName, shortName: COUNTY_SHORT[prefix], kind: 'government', parentId, address: address('gov') });
  const office = org({ ...base, code: `${division.code}-ZWFWJ`, name: `${prefix}政务服务局`, kind: 'management-office', parentId: gov.id, address: address('center') });
  const center = org({ ...base, code: `${division.code}-ZWFWZX`, name: `${prefix}政务服务中心`, kind: 'center', parentId: office.id, address: address('center') });
  const depts = Object.fromEntries(
    (Object.keys(DEPARTMENTS) as DeptKey[]).map((key) => [
      key,
      org({ ...base, code: `${division.code}-${DEPARTMENTS[key].code}`, name: `${prefix}${DEPARTMENTS[key].name}`, kind: 'department', parentId: gov.id, address: address(key) }),
    ]),
  ) as Record<DeptKey, SeedOrg>;
  return { divisionCode: division.code, divisionName: prefix, gov, office, center, depts };
}

/** The government of a township-level unit: 街道办事处, 镇/乡/苏木人民政府, or a park's or farm's own body. */
export function townshipGovernmentName(county: string, township: string): string {
  const prefixed = /^(兴安盟|内蒙古|科右)/.test(township) ? township : `${county}${township}`;
  if (township.endsWith('街道')) return `${prefixed}办事处`;
  if (/(镇|乡|苏木)$/.test(township)) return `${prefixed}人民政府`;
  if (/(园区|开发区|产业园|矿区)$/.test(township)) return `${prefixed}管理委员会`;
  return prefixed; // 农场、牧场、马场 and the like administer themselves
}

function townshipUnit(county: DivisionRow, division: DivisionRow, countyGovId: string): TownshipUnit {
  const base = { level: 'township', divisionCode: division.code, creditDivision: division6(county.code) } as const;
  const govName = townshipGovernmentName(county.name, division.name);
  const address = townshipAddress(govName);
  const gov = org({ ...base, code: `${division.code}-GOV`, name: govName, kind: 'township', parentId: countyGovId, address });
  // Art. 29: “××（旗县市）××苏木乡镇(街道)便民服务中心”.
  const center = org({ ...base, code: `${division.code}-BMFWZX`, name: `${county.name}${division.name}便民服务中心`, kind: 'center', parentId: gov.id, address });
  return { divisionCode: division.code, name: division.name, gov, center };
}

export function buildOrgTree(divisions: DivisionRow[]): OrgTree {
  const leagueDivision = divisions.find((d) => d.level === 'prefecture');
  if (!leagueDivision) throw new Error('divisions: the league row is missing');
  const league = governmentUnit('league', leagueDivision, null, (key) => leagueAddress(key));
  const counties = divisions
    .filter((d) => d.level === 'county')
    .map((county): CountyUnit => {
      const unit = governmentUnit('county', county, league.gov.id, (key) => countyAddress(county.code, county.name, key));
      const townships = divisions.filter((d) => d.level === 'township' && d.parentCode === county.code).map((t) => townshipUnit(county, t, unit.gov.id));
      return { ...unit, townships };
    });
  const unitOrgs = (u: GovernmentUnit) => [u.gov, u.office, u.center, ...Object.values(u.depts)];
  const all = [...unitOrgs(league), ...counties.flatMap((c) => [...unitOrgs(c), ...c.townships.flatMap((t) => [t.gov, t.center])])];
  return { league, counties, all };
}

/**
 * Inserts the tree in a few multi-row statements. The orgs service's createOrg costs two round
 * trips per organization (≈ 2.5 s for 306 on PGlite), so the seed computes the materialized path
 * by the same rule — the parent's path plus the id and a slash — and the seed test checks it.
 */
export async function insertOrgTree(db: Kysely<DB>, tree: OrgTree): Promise<void> {
  const paths = new Map<string, string>();
  const rows = tree.all.map((o) => {
    const parentPath = o.parentId ? paths.get(o.parentId) : '/';
    if (parentPath === undefined) throw new Error(`demo seed: ${o.name} comes before its parent`);
    const path = `${parentPath}${o.id}/`;
    paths.set(o.id, path);
    return {
      id: o.id,
      code: o.code,
      name: o.name,
      short_name: o.shortName ?? null,
      kind: o.kind,
      level: o.level,
      division_code: o.divisionCode,
      parent_id: o.parentId,
      path,
      credit_code: o.creditCode,
      phone: o.phone,
      address: o.address,
    };
  });
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('orgs').values(rows.slice(i, i + 200)).execute();
}
