import type { Command } from 'commander';
import { migrateToLatest } from '../db/migrate.js';
import { formatDemoAccounts, seedDemo } from '../db/seed/index.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { runCommand, withDatabase } from './run.js';

export function registerCoreCommands(program: Command): void {
  const db = program.command('db').description('数据库 database');
  db.command('migrate')
    .description('应用数据库迁移 apply migrations')
    .option('--json', 'machine-readable output')
    .action((opts) =>
      runCommand(opts, async () => {
        const handle = await openDatabase(loadConfig());
        try {
          const { applied } = await migrateToLatest(handle.db);
          return { json: { applied }, text: applied.length ? `已应用 applied: ${applied.join(', ')}` : '已是最新 up to date' };
        } finally {
          await handle.close();
        }
      }),
    );

  const seed = program.command('seed').description('演示数据 demo data');
  seed
    .command('demo')
    .description('载入演示数据 load demo data (into an empty database)')
    .option('--json', 'machine-readable output')
    .action((opts) =>
      runCommand(opts, () =>
        withDatabase(async ({ db }, config) => {
          const n = await db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
          if (Number(n.n) > 0) throw new Error('数据库已有数据，未载入 (the database already holds data; nothing loaded)');
          const result = await seedDemo(db, config);
          const text = [`已载入演示数据 demo data loaded: ${JSON.stringify(result.counts)}`, formatDemoAccounts(result.accounts ?? [])].join('\n');
          // Passwords stay out of the machine-readable output (it tends to end up in logs).
          return { json: { seeded: result.seeded, counts: result.counts }, text };
        }),
      ),
    );
}
