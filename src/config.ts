// Every setting, read once from the environment, validated, frozen.
import path from 'node:path';
import { readPersonalDataKeys, type PersonalDataKeys } from './config-personal-data.js';
import { readApplicantAdapters, type ApplicantAdapterConfig } from './config-applicants.js';
import { readSsoConfig, type SsoConfig } from './config-sso.js';
import { readSecurityConfig, type SecurityConfig } from './config-security.js';
import { readOutboxConfig, type OutboxConfig } from './config-outbox.js';

/** Includes the personal-data keys (dataKey, retiredDataKeys, lookupKey): see config-personal-data.ts. */
export interface Config extends PersonalDataKeys, ApplicantAdapterConfig {
  /** Single sign-on: cookie keys and the optional upstream provider (see config-sso.ts). */
  sso: SsoConfig;
  /** postgres://… selects a PostgreSQL server; unset means embedded PGlite in dataDir. */
  databaseUrl: string | null;
  /** Where the embedded database and uploaded files live. */
  dataDir: string;
  host: string;
  port: number;
  /** Public base URL used in QR codes and printed links. */
  publicUrl: string;
  logLevel: string;
  env: 'development' | 'production' | 'test';
  /** Load demo data on the first start of an empty database (production: only when TONGBAN_SEED_DEMO=1). */
  seedDemo: boolean;
  /** Sessions, proxies, framing: see config-security.ts. */
  security: SecurityConfig;
  /** Messages to applicants and the job runner: SMTP, sandbox, polling interval (see config-outbox.ts). */
  outbox: OutboxConfig;
}

class ConfigError extends Error {}

function readPort(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer 0–65535 (PORT 必须是 0–65535 的整数), got "${raw}"`);
  }
  return port;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// (DATABASE_URL 必须以 postgres:// 开头)');
  }
  const host = env.HOST || '127.0.0.1';
  const port = readPort(env.PORT, 3000);
  const config: Config = {
    databaseUrl,
    dataDir: path.resolve(env.TONGBAN_DATA_DIR || 'data'),
    host,
    port,
    publicUrl: (env.PUBLIC_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    env: nodeEnv,
    // Demo accounts have published passwords: production loads them only when explicitly asked.
    seedDemo: nodeEnv === 'production' ? env.TONGBAN_SEED_DEMO === '1' : env.TONGBAN_SEED_DEMO !== '0',
    security: readSecurityConfig(env),
    ...readPersonalDataKeys(env, nodeEnv),
    ...readApplicantAdapters(env, nodeEnv),
    sso: readSsoConfig(env, nodeEnv),
    outbox: readOutboxConfig(env, nodeEnv),
  };
  return Object.freeze(config);
}
