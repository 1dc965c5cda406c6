// Generates src/lib/calendar/data/<year>.json from the chinese-days package (used here only, at
// development time: at run time it silently treats unknown years as weekdays). Each year must have
// its State Council notice in SOURCES below; the tests cross-check the dates against the notices.
//   npx tsx scripts/gen-holidays.ts [year …]      (default: every year in SOURCES)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { normalizeYearData, validateYearData, type HolidaySource, type YearData } from '../src/lib/calendar/year-data.js';

const SOURCES: Record<number, HolidaySource> = {
  2024: {
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    number: '国办发明电〔2023〕7号',
    issued: '2023-10-25',
    url: 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
  },
  2025: {
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    number: '国办发明电〔2024〕12号',
    issued: '2024-11-12',
    url: 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
  },
  2026: {
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    number: '国办发明电〔2025〕7号',
    issued: '2025-11-04',
    url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
  },
};

// chinese-days writes "English,中文,n"; the notices use the full Chinese names.
const FULL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

function festivalName(raw: string): string {
  const zh = raw.split(',')[1]?.trim() ?? raw;
  return FULL_NAMES[zh] ?? zh;
}

function yearFromChineseDays(year: number): YearData {
  const require = createRequire(import.meta.url);
  const file = path.join(path.dirname(require.resolve('chinese-days/package.json')), 'dist', 'years', `${year}.json`);
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
  const source = SOURCES[year];
  if (!source) throw new Error(`no State Council notice recorded for ${year}: add it to SOURCES first`);
  return normalizeYearData({
    year,
    source,
    holidays: Object.entries(raw.holidays).map(([date, name]) => ({ date, name: festivalName(name) })),
    makeupWorkdays: Object.entries(raw.workdays).map(([date, name]) => ({ date, name: festivalName(name) })),
  });
}

const years = process.argv.slice(2).map(Number);
for (const year of years.length ? years : Object.keys(SOURCES).map(Number)) {
  const data = yearFromChineseDays(year);
  const problems = validateYearData(data);
  if (problems.length) throw new Error(`${year}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  const out = path.resolve('src/lib/calendar/data', `${year}.json`);
  fs.writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`${out}: ${data.holidays.length} holidays, ${data.makeupWorkdays.length} make-up working days`);
}
