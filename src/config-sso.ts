// Single sign-on settings (统一身份认证), read from the environment by loadConfig.
//   TONGBAN_COOKIE_KEYS               comma-separated secrets (≥ 32 characters each) signing the OpenID
//                                     provider's cookies and the sign-in state; the first signs, all verify
//   TONGBAN_UPSTREAM_ISSUER           optional issuer URL of a trusted upstream provider (自治区政务服务
//                                     统一身份认证平台); the login page then offers it
//   TONGBAN_UPSTREAM_CLIENT_ID        this platform's client id there (required with the issuer)
//   TONGBAN_UPSTREAM_CLIENT_SECRET    and its secret (required with the issuer)
//   TONGBAN_UPSTREAM_ID_CLAIM         the claim carrying a person's resident ID number (default id_number)
// Development and test use a fixed, published cookie key; production refuses to start without real ones.

export interface UpstreamProviderConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  idNumberClaim: string;
}

export interface SsoConfig {
  cookieKeys: readonly string[];
  /** True when the published development cookie key is in use: never in production. */
  cookieKeysAreDevelopment: boolean;
  upstream: UpstreamProviderConfig | null;
}

// DEVELOPMENT ONLY — published in the repository, protects nothing. Production refuses it.
export const DEVELOPMENT_COOKIE_KEY = 'development-only-cookie-key-tongban-published-in-repo';

function fail(message: string): never {
  throw new Error(message);
}

function readCookieKeys(raw: string | undefined, nodeEnv: string): { keys: string[]; development: boolean } {
  const keys = (raw ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  for (const [i, key] of keys.entries()) {
    if (key.length < 32) fail(`TONGBAN_COOKIE_KEYS 第 ${i + 1} 个密钥至少 32 个字符 (cookie key ${i + 1} must be at least 32 characters)`);
  }
  if (nodeEnv === 'production') {
    if (keys.length === 0) fail('生产环境必须配置 TONGBAN_COOKIE_KEYS (production needs TONGBAN_COOKIE_KEYS; generate with: openssl rand -base64 48)');
    if (keys.includes(DEVELOPMENT_COOKIE_KEY)) fail('生产环境不得使用开发用 Cookie 密钥 (production must not use the published development cookie key)');
  }
  return keys.length ? { keys, development: false } : { keys: [DEVELOPMENT_COOKIE_KEY], development: true };
}

function readUpstream(env: NodeJS.ProcessEnv): UpstreamProviderConfig | null {
  const issuer = env.TONGBAN_UPSTREAM_ISSUER?.trim();
  if (!issuer) return null;
  if (!/^https?:\/\/[^\s?#]+$/.test(issuer)) fail('TONGBAN_UPSTREAM_ISSUER 应为 http(s) 地址 (TONGBAN_UPSTREAM_ISSUER must be an http(s) URL without query)');
  const clientId = env.TONGBAN_UPSTREAM_CLIENT_ID?.trim();
  const clientSecret = env.TONGBAN_UPSTREAM_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) {
    fail('配置了 TONGBAN_UPSTREAM_ISSUER 时须同时配置 TONGBAN_UPSTREAM_CLIENT_ID 与 TONGBAN_UPSTREAM_CLIENT_SECRET (the upstream issuer needs a client id and secret)');
  }
  return { issuer: issuer.replace(/\/$/, ''), clientId, clientSecret, idNumberClaim: env.TONGBAN_UPSTREAM_ID_CLAIM?.trim() || 'id_number' };
}

export function readSsoConfig(env: NodeJS.ProcessEnv, nodeEnv: 'development' | 'production' | 'test'): SsoConfig {
  const cookies = readCookieKeys(env.TONGBAN_COOKIE_KEYS, nodeEnv);
  return { cookieKeys: cookies.keys, cookieKeysAreDevelopment: cookies.development, upstream: readUpstream(env) };
}
