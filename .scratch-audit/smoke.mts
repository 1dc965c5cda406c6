import { sql } from '/work/main/node_modules/kysely/dist/esm/index.js';
import { openPGlite } from '/work/main/src/db/database.js';
import { migrateToLatest } from '/work/main/src/db/migrate.js';
import { recordAudit, verifyAuditChain } from '/work/main/src/modules/audit/service.js';
const h = await openPGlite(null);
await migrateToLatest(h.db);
for (let i = 0; i < 5; i++) await recordAudit(h.db, null, { action: 'x.y', objectType: 't', objectId: String(i), changes: { phone: '13812345678', n: i, nested: { b: 1, a: [1, 2] } } });
console.log(await verifyAuditChain(h.db));
try { await sql`update audit_log set action='z' where seq=2`.execute(h.db); } catch (e) { console.log('refused', (e as Error).message); }
try { await sql`truncate audit_log`.execute(h.db); } catch (e) { console.log('refused', (e as Error).message); }
await h.db.transaction().execute(async (trx) => { await sql`set local session_replication_role = replica`.execute(trx); await sql`update audit_log set action='z' where seq=2`.execute(trx); });
console.log(await verifyAuditChain(h.db));
console.log(await h.db.selectFrom('audit_log').select(['seq','changes','ip']).execute());
await h.close();
