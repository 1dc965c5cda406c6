// Hardening settings (docs/security.md), read from the environment by loadConfig.
//   TONGBAN_SESSION_IDLE_MINUTES   a staff session ends after this many minutes without a request
//                                  (default 30; 1–1440)
//   TONGBAN_SESSION_MAX_HOURS      and after this many hours however active (default 12; 1–72)
//   TONGBAN_TRUST_PROXY            unset: the caller's address is the TCP peer. "true": trust
//                                  X-Forwarded-For from any proxy; or a comma list of proxy addresses /
//                                  CIDRs. Per-address sign-in limits need the real address behind a proxy.
//   TONGBAN_EMBED_ORIGINS          who may frame the public portal pages (政务服务入口 on department
//                                  sites): "*" (default — the pages are public information), or a space/
//                                  comma list of origins such as https://www.xam.gov.cn https://*.gov.cn
// Production also sets PUBLIC_URL to its https:// address: cookies become Secure and HSTS is sent.

export interface SecurityConfig {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Fastify's trustProxy: false, true, or a list of trusted proxy addresses. */
  trustProxy: boolean | string;
  /** frame-ancestors sources for the embeddable portal pages. */
  embedOrigins: readonly string[];
}

function readInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} 须为 ${min}–${max} 的整数 (${name} must be an integer ${min}–${max}), got "${raw}"`);
  }
  return value;
}

function readTrustProxy(raw: string | undefined): boolean | string {
  const value = raw?.trim();
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  if (!/^[0-9a-fA-F.:/,\s]+$/.test(value)) {
    throw new Error(`TONGBAN_TRUST_PROXY 应为 true 或代理地址列表 (TONGBAN_TRUST_PROXY must be true or a list of proxy addresses), got "${value}"`);
  }
  return value;
}

const ORIGIN_SOURCE = /^(\*|'self'|https?:|https?:\/\/(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?)$/;

function readEmbedOrigins(raw: string | undefined): string[] {
  const sources = (raw ?? '*').split(/[\s,]+/).filter(Boolean);
  for (const source of sources) {
    if (!ORIGIN_SOURCE.test(source)) {
      throw new Error(`TONGBAN_EMBED_ORIGINS 中的 "${source}" 不是有效的来源 (not a valid origin such as https://www.example.gov.cn)`);
    }
  }
  return sources.length ? sources : ['*'];
}

export function readSecurityConfig(env: NodeJS.ProcessEnv): SecurityConfig {
  return {
    sessionIdleMinutes: readInteger(env, 'TONGBAN_SESSION_IDLE_MINUTES', 30, 1, 1440),
    sessionMaxHours: readInteger(env, 'TONGBAN_SESSION_MAX_HOURS', 12, 1, 72),
    trustProxy: readTrustProxy(env.TONGBAN_TRUST_PROXY),
    embedOrigins: readEmbedOrigins(env.TONGBAN_EMBED_ORIGINS),
  };
}
