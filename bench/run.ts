// `npm run bench` runs every bench/*.bench.ts in sequence, each in its own process (so one
// benchmark's memory and connections never skew the next); `npm run bench -- search calendar`
// runs only those. Each benchmark prints ONE JSON object on stdout, passed through as a line;
// their progress goes to stderr. Exits non-zero if any benchmark fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const all = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  console.error(`未知的基准测试 (unknown benchmark): ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const name of wanted.length ? wanted : all) {
  process.stderr.write(`▶ bench ${name}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.bench.ts`)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = result.stdout.trim().split('\n').filter(Boolean).pop();
  if (result.status !== 0 || !line) {
    failed++;
    console.log(JSON.stringify({ bench: name, error: `exit ${result.status ?? result.signal}` }));
    continue;
  }
  console.log(line);
}
process.exit(failed ? 1 : 0);
