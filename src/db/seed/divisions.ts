// 行政区划 of 兴安盟 from the shipped statistics code list (data/xinganmeng_divisions.csv).
import fs from 'node:fs';

export interface DivisionRow {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county' | 'township';
  parentCode: string | null;
}

const CSV = new URL('./data/xinganmeng_divisions.csv', import.meta.url);

export const PROVINCE: DivisionRow = { code: '15', name: '内蒙古自治区', level: 'province', parentCode: null };
export const LEAGUE_CODE = '1522';

/** The province row plus every row of the CSV (league, 6 counties, 90 townships). */
export function loadDivisions(): DivisionRow[] {
  const lines = fs.readFileSync(CSV, 'utf8').trim().split(/\r?\n/).slice(1);
  const rows = lines.map((line) => {
    const [code, name, level, parentCode] = line.split(',').map((s) => s.trim());
    if (!['prefecture', 'county', 'township'].includes(level)) throw new Error(`divisions CSV: unexpected level "${level}" for ${code}`);
    return { code, name, level: level as DivisionRow['level'], parentCode: parentCode || null };
  });
  return [PROVINCE, ...rows];
}

/** The 6-digit GB/T 2260 form of a league or county code (1522 → 152200). */
export function division6(code: string): string {
  return code.length >= 6 ? code.slice(0, 6) : code.padEnd(6, '0');
}
