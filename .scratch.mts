import fs from 'node:fs';
import { openPGlite } from './src/db/database.ts';
import { migrateToLatest } from './src/db/migrate.ts';
import { loadConfig } from './src/config.ts';
import { makeOrg } from './test/factories.ts';
import { ensureDefaultSeal } from './src/modules/seals/service.ts';
import { issueDocument, verifyUpload, verifyStored } from './src/modules/documents/service.ts';
const h = await openPGlite(null);
await migrateToLatest(h.db);
const config = { ...loadConfig({ NODE_ENV: 'test' }), seedDemo: false };
const deps = { db: h.db, config };
const org = await makeOrg(h.db, { name: '兴安盟市场监督管理局' });
await h.db.transaction().execute((trx) => ensureDefaultSeal(trx, deps, org.id));
const times: number[] = [];
let last: Uint8Array | null = null; let lastId = '';
const cpus: number[] = [];
for (let i = 0; i < 40; i++) {
  const t = performance.now(); const c0 = process.cpuUsage();
  const r = await h.db.transaction().execute((trx) => issueDocument(trx, deps, { kind: 'receipt', orgId: org.id, number: `兴市监受字〔2026〕第${i}号`, title: '受理通知书', render: (c) => {
    c.text('张三：', { size: 12, spaceBefore: 8 });
    c.text('你（单位）于 2026年1月5日 提出的食品经营许可申请，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。', { size: 12, indent: 0 });
    c.text('办件编号：XAM-2026-000123', { size: 12, spaceBefore: 8 });
    c.text('承诺办结时限：10 个工作日', { size: 12 });
  } }));
  times.push(performance.now() - t); const cu = process.cpuUsage(c0); cpus.push((cu.user+cu.system)/1000);
  lastId = r.id;
}
times.sort((a,b)=>a-b); cpus.sort((a,b)=>a-b); console.log('wall median', times[20].toFixed(1), 'p95', times[38].toFixed(1), 'cpu median', cpus[20].toFixed(1), 'p95', cpus[38].toFixed(1));
const row = await h.db.selectFrom('documents').select(['bytes','id']).where('id','=',lastId).executeTakeFirstOrThrow();
fs.writeFileSync('/tmp/doc.pdf', row.bytes);
console.log((await verifyStored(deps, lastId)).verdict);
console.log((await verifyUpload(deps, row.bytes)).verdict);
const alt = Buffer.from(row.bytes); alt[Math.floor(alt.length/2)] ^= 1;
console.log((await verifyUpload(deps, alt)).verdict);
console.log((await verifyUpload(deps, Buffer.from('%PDF-1.7 hello'))).verdict);
await h.close();
