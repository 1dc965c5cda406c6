// The holiday data shipped in the repository (data/<year>.json, one file per year, each naming the
// State Council notice it comes from) and the calendar built from it. The database may override a
// year (an admin's correction, or a year announced after this release): see buildCalendar and
// src/modules/calendar/service.ts. Never fall back to "weekdays only" for a year without data.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeYearData, validateYearData, type YearData } from './year-data.js';
import { WorkingCalendar } from './working-calendar.js';

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

let shippedYears: YearData[] | null = null;
let shipped: WorkingCalendar | null = null;

/** Every shipped year, ascending; a malformed file is a release defect and fails loudly. */
export function readShippedYears(): YearData[] {
  if (shippedYears) return shippedYears;
  const files = fs.readdirSync(DATA_DIR).filter((f) => /^\d{4}\.json$/.test(f)).sort();
  shippedYears = files.map((file) => {
    const data = JSON.parse(fs.readFileSync(`${DATA_DIR}${file}`, 'utf8')) as YearData;
    const problems = validateYearData(data);
    if (data.year !== Number(file.slice(0, 4))) problems.push({ field: 'year', code: 'calendar-file-year', message: 'file name and year differ' });
    if (problems.length) {
      throw new Error(`shipped holiday data ${file} is invalid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    }
    return normalizeYearData(data);
  });
  return shippedYears;
}

/** Shipped years with the given overrides taking the place of the same year. */
export function mergeYears(overrides: readonly YearData[]): YearData[] {
  const byYear = new Map<number, YearData>();
  for (const y of readShippedYears()) byYear.set(y.year, y);
  for (const y of overrides) byYear.set(y.year, y);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export function buildCalendar(overrides: readonly YearData[] = []): WorkingCalendar {
  return new WorkingCalendar(mergeYears(overrides));
}

/** The calendar of the shipped data alone (the CLI, benchmarks, pure tests); built once. */
export function shippedCalendar(): WorkingCalendar {
  shipped ??= buildCalendar();
  return shipped;
}
