import { openPGlite } from './src/db/database.ts';
import { migrateToLatest } from './src/db/migrate.ts';
import { loadConfig } from './src/config.ts';
import { createOrg, upsertDivisions } from './src/modules/orgs/service.ts';
import { ensureDefaultSeal, activeSealForSigning, signWithSeal } from './src/modules/seals/service.ts';
import { composeDocument } from './src/modules/documents/layout.ts';
import { sealDrawing } from './src/modules/seals/drawing.ts';
import { sm3Hex, verifyDigest } from './src/modules/seals/crypto.ts';
import { randomUUID } from 'node:crypto';
const h = await openPGlite(null); await migrateToLatest(h.db);
const config = { ...loadConfig({ NODE_ENV: 'test' }), seedDemo: false }; const deps = { db: h.db, config };
await upsertDivisions(h.db, [{ code: '1522', name: '兴安盟', level: 'prefecture', parentCode: null }]);
const org = await createOrg(h.db, { code: 'B', name: '兴安盟市场监督管理局', kind: 'department', level: 'league', divisionCode: '1522' });
await h.db.transaction().execute((trx) => ensureDefaultSeal(trx, deps, org.id));
const acc: Record<string, number[]> = {};
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const mark = (k: string, t: number) => { (acc[k] ??= []).push(cpu() - t); return cpu(); };
for (let i = 0; i < 50; i++) {
  let t = cpu(); const tStart = t;
  await h.db.transaction().execute(async (trx) => {
    t = mark('begin', t);
    const seal = await activeSealForSigning(trx, org.id); t = mark('seal', t);
    const id = randomUUID();
    const bytes = await composeDocument({ id, orgName: seal.org_name, title: '受理通知书', number: 'N'+i, issuedOn: '2026-03-02', verifyUrl: 'https://x/verify/'+id, seal: sealDrawing(seal.name, seal.kind), render: (c) => { c.text('张三：'); c.text('你（单位）于2026年3月1日提出的食品经营许可申请，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。'); } });
    t = mark('compose', t);
    const d = sm3Hex(bytes); t = mark('sm3', t);
    const sig = await signWithSeal(trx, deps, seal, d); t = mark('sign', t);
    await trx.insertInto('documents').values({ id, kind: 'receipt', case_id: null, org_id: org.id, number: 'N'+i, title: 't', issued_on: '2026-03-02', file_name: 'f', size: bytes.length, bytes, digest: d, signature: sig, seal_id: seal.id, signed_by: null, signed_by_name: null, signed_at: new Date() }).execute();
    t = mark('insert', t);
    verifyDigest(d, sig, seal.public_key); t = mark('verify', t);
  });
  t = mark('commit', t);
  (acc.total ??= []).push(cpu() - tStart);
}
for (const [k, v] of Object.entries(acc)) { v.sort((a,b)=>a-b); console.log(k.padEnd(8), 'median', v[25].toFixed(2), 'p90', v[45].toFixed(2)); }
