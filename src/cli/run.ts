// How every CLI command reports: --json prints one JSON document; otherwise a readable line.
// A failure prints a clear message (to stderr, or as {"error": …} with --json) and exits non-zero.
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface CommandOutput {
  /** Machine-readable result, printed as-is with --json. */
  json: unknown;
  /** Human-readable lines. */
  text: string;
  /** Non-zero when the command ran but found a failure (e.g. lint errors). */
  exitCode?: number;
}

export async function runCommand(options: { json?: boolean }, fn: () => Promise<CommandOutput>): Promise<void> {
  try {
    const out = await fn();
    process.stdout.write(options.json ? `${JSON.stringify(out.json, null, 2)}\n` : `${out.text}\n`);
    process.exitCode = out.exitCode ?? 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const details = error instanceof CliError ? error.details : undefined;
    if (options.json) process.stdout.write(`${JSON.stringify({ error: message, details }, null, 2)}\n`);
    else process.stderr.write(`错误 error: ${message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  }
}

/** Opens the configured database with migrations applied; the caller closes it. */
export async function withDatabase<T>(fn: (handle: DatabaseHandle, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    return await fn(handle, config);
  } finally {
    await handle.close();
  }
}
