// config → database → migrations → demo data → HTTP server.
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { formatDemoAccounts, seedDemoIfEmpty } from './db/seed/index.js';
import { buildApp } from './app.js';
import { formatSetupBanner, prepareFirstStart } from './modules/identity/setup.js';
import { createPlatformRunner } from './modules/jobs/registry.js';

async function main() {
  const config = loadConfig();
  const handle = await openDatabase(config);
  await migrateToLatest(handle.db);
  if (config.seedDemo) {
    const seed = await seedDemoIfEmpty(handle.db, config);
    if (seed.seeded) console.log(`已载入演示数据 (demo data loaded): ${JSON.stringify(seed.counts)}`);
    if (seed.seeded && seed.accounts && config.env === 'development') console.log(formatDemoAccounts(seed.accounts));
  }
  // Production without an administrator: a one-time setup token, on the console only (not pino).
  const setupToken = await prepareFirstStart(handle.db, config);
  const app = await buildApp({ db: handle.db, config });
  await app.listen({ host: config.host, port: config.port });
  // Timers and outbox messages: the first pass runs now, so what fell due while we were down fires at start.
  const runner = createPlatformRunner(app.deps, { log: app.log });
  runner.start();
  if (setupToken) console.log(formatSetupBanner(setupToken, config.publicUrl));
  const base = config.publicUrl;
  const where = handle.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(
    [
      '',
      `通办 Tongban is running on ${where}`,
      `  办事大厅 Portal     ${base}/`,
      `  管理后台 Admin      ${base}/admin/`,
      `  接口文档 API docs   ${base}/api/docs`,
      '',
    ].join('\n'),
  );
  if (config.outbox.sandbox) console.log('消息沙箱模式：邮件和短信只记录、不发送 (outbox sandbox: e-mail and SMS are recorded, not sent)');
  else if (!config.outbox.smtpUrl) console.warn('未配置 TONGBAN_SMTP_URL：邮件无法发送 (no TONGBAN_SMTP_URL: e-mail cannot be sent)');
  const stop = async () => {
    await runner.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`启动失败 (start failed): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
