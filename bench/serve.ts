// The platform as the benchmarks measure it: its own process (as in production), on the database
// given by DATABASE_URL, listening on a free port; prints "LISTENING <url>" and serves until killed.
// Load generators run in the bench's process, so they do not share the server's event loop.
import os from 'node:os';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/database.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('bench/serve.ts needs DATABASE_URL');
const handle = await openPostgres(url, Number(process.env.BENCH_POOL_SIZE ?? 10));
const config = { ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: os.tmpdir(), LOG_LEVEL: 'silent' }), seedDemo: false };
const app = await buildApp({ db: handle.db, config });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
config.publicUrl = address;
process.stdout.write(`LISTENING ${address}\n`);
const stop = async () => {
  await app.close();
  await handle.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
