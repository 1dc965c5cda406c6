// Sealed documents, in-process on embedded PGlite (in memory): generating a sealed receipt —
// layout with the CJK font, QR code and drawn seal, SM3 digest, SM2 signature, stored in its own
// transaction, as a case action does — and verifying uploaded copies (SM3 of the file, lookup,
// SM2 signature check). Target (issue 6): a receipt well under 100 ms.
// Prints one JSON object: {"bench":"documents","receipt":{"medianMs","p95Ms","cpuMedianMs",…},"verification":{"perSecond",…}}.
// cpuMedianMs is this process's CPU time per receipt: on a machine busy with other work the wall
// times grow while it stays put.
import { openPGlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadConfig } from '../src/config.js';
import { createOrg, upsertDivisions } from '../src/modules/orgs/service.js';
import { issueDocument } from '../src/modules/documents/service.js';
import { verifyUpload } from '../src/modules/documents/service.js';
import { ensureDefaultSeal } from '../src/modules/seals/service.js';

const WARMUP = 5;
const RECEIPTS = 60;
const VERIFY_SECONDS = 3;

const handle = await openPGlite(null);
await migrateToLatest(handle.db);
const config = { ...loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://zwfw.xam.gov.cn' }), seedDemo: false };
const deps = { db: handle.db, config };
await upsertDivisions(handle.db, [{ code: '1522', name: '兴安盟', level: 'prefecture', parentCode: null }]);
const org = await createOrg(handle.db, { code: 'BENCH-SAMR', name: '兴安盟市场监督管理局', kind: 'department', level: 'league', divisionCode: '1522' });
await handle.db.transaction().execute((trx) => ensureDefaultSeal(trx, deps, org.id));

/** A receipt (受理通知书) as the case module lays one out: addressee, decision, case facts, notes. */
function receipt(i: number) {
  return handle.db.transaction().execute((trx) =>
    issueDocument(trx, deps, {
      kind: 'receipt',
      orgId: org.id,
      number: `兴市监受〔2026〕第${String(i).padStart(5, '0')}号`,
      title: '受理通知书',
      render: (c) => {
        c.text('张三：', { size: 12, spaceBefore: 8 });
        c.text(`你（单位）于2026年3月1日提出的食品经营许可申请（办件编号 XAM-2026-${String(i).padStart(6, '0')}），经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。`, { size: 12 });
        c.heading('办理信息');
        c.text('承诺办结时限：10 个工作日（法定时限 20 个工作日）');
        c.text('办理结果领取方式：窗口领取或邮寄送达');
        c.text('咨询电话：0482-8218120　　监督投诉：12345');
        c.text('请妥善保管本通知书，凭此查询办理进度。扫描下方二维码可核验本通知书真伪。', { spaceBefore: 8 });
      },
    }),
  );
}

for (let i = 0; i < WARMUP; i++) await receipt(i);
const wall: number[] = [];
const cpu: number[] = [];
let last = '';
for (let i = 0; i < RECEIPTS; i++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  last = (await receipt(WARMUP + i)).id;
  wall.push(performance.now() - t0);
  const used = process.cpuUsage(c0);
  cpu.push((used.user + used.system) / 1000);
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const round = (x: number) => Math.round(x * 10) / 10;

const row = await handle.db.selectFrom('documents').select('bytes').where('id', '=', last).executeTakeFirstOrThrow();
const bytes = Buffer.from(row.bytes);
let verifications = 0;
const until = performance.now() + VERIFY_SECONDS * 1000;
const v0 = performance.now();
while (performance.now() < until) {
  const result = await verifyUpload(deps, bytes);
  if (result.verdict !== 'genuine') throw new Error(`verification said ${result.verdict}`);
  verifications++;
}
const perSecond = Math.round(verifications / ((performance.now() - v0) / 1000));
await handle.close();

console.log(
  JSON.stringify({
    bench: 'documents',
    receipt: { n: RECEIPTS, medianMs: round(pct(wall, 50)), p95Ms: round(pct(wall, 95)), cpuMedianMs: round(pct(cpu, 50)), cpuP95Ms: round(pct(cpu, 95)), bytes: bytes.length },
    verification: { perSecond, n: verifications, fileBytes: bytes.length },
    target: { receiptMedianMs: 100 },
  }),
);
