// Working-day calendar throughput, in-process: addWorkingDays and countWorkingDays on the shipped
// data with varied dates and counts. Target (issue): at least a million additions per second.
// Prints one JSON object: {"bench":"calendar","additionsPerSecond":…,"countsPerSecond":…}.
import { shippedCalendar } from '../src/lib/calendar/index.js';

const calendar = shippedCalendar();
const [firstYear] = calendar.knownYears();
const dates: string[] = [];
for (let month = 1; month <= 12; month++) {
  for (let day = 1; day <= 28; day += 3) dates.push(`${firstYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}
const counts = Array.from({ length: 97 }, (_, i) => (i * 7) % 120);

function perSecond(iterations: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < 50_000; i++) fn(i); // warm up the JIT
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += String(fn(i)).length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink < 0) console.error(sink);
  return Math.round(iterations / seconds);
}

const ITERATIONS = 2_000_000;
const additionsPerSecond = perSecond(ITERATIONS, (i) => calendar.addWorkingDays(dates[i % dates.length], counts[i % counts.length]));
const countsPerSecond = perSecond(ITERATIONS, (i) => calendar.countWorkingDays(dates[i % dates.length], dates[(i * 31 + 7) % dates.length]));

console.log(JSON.stringify({ bench: 'calendar', additionsPerSecond, countsPerSecond, iterations: ITERATIONS, target: { additionsPerSecond: 1_000_000 } }));
