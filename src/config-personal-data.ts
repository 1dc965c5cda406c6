// The keys protecting personal data (个人信息): read from the environment by loadConfig.
//   TONGBAN_DATA_KEY           SM4 key, 32 hex (128 bits), encrypts ID numbers, phones, addresses
//   TONGBAN_DATA_KEYS_RETIRED  optional, comma-separated older SM4 keys still accepted for decryption
//   TONGBAN_LOOKUP_KEY         HMAC-SM3 key, 32–128 hex, for the exact-lookup hash columns
// In development and test a fixed, publicly known key pair is used (and development says so once);
// production refuses to start without real keys, and refuses the development ones.

export interface PersonalDataKeys {
  dataKey: string;
  retiredDataKeys: readonly string[];
  lookupKey: string;
  /** True when the public development keys are in use: never in production. */
  personalDataKeysAreDevelopment: boolean;
}

// DEVELOPMENT ONLY — published in the repository, protects nothing. Production refuses them.
export const DEVELOPMENT_DATA_KEY = 'de7e10b3e17de7e10b3e17de7e10b3e1';
export const DEVELOPMENT_LOOKUP_KEY = 'de7e10b3e17de7e10b3e17de7e10b3e1de7e10b3e17de7e10b3e17de7e10b3e1';

const SM4_KEY = /^[0-9a-fA-F]{32}$/;
const LOOKUP_KEY = /^[0-9a-fA-F]{32,128}$/;

let warned = false;

function fail(message: string): never {
  throw new Error(message);
}

function readRetired(raw: string | undefined): string[] {
  const keys = (raw ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  for (const [i, key] of keys.entries()) {
    if (!SM4_KEY.test(key)) fail(`TONGBAN_DATA_KEYS_RETIRED 第 ${i + 1} 个密钥应为 32 位十六进制 (retired key ${i + 1} must be 32 hex characters)`);
  }
  return keys.map((k) => k.toLowerCase());
}

export function readPersonalDataKeys(env: NodeJS.ProcessEnv, nodeEnv: 'development' | 'production' | 'test'): PersonalDataKeys {
  const dataKey = env.TONGBAN_DATA_KEY?.trim() ?? '';
  const lookupKey = env.TONGBAN_LOOKUP_KEY?.trim() ?? '';
  if (dataKey && !SM4_KEY.test(dataKey)) {
    fail('TONGBAN_DATA_KEY 应为 32 位十六进制（128 位 SM4 密钥） (TONGBAN_DATA_KEY must be 32 hex characters: a 128-bit SM4 key)');
  }
  if (lookupKey && !LOOKUP_KEY.test(lookupKey)) {
    fail('TONGBAN_LOOKUP_KEY 应为 32–128 位十六进制 (TONGBAN_LOOKUP_KEY must be 32–128 hex characters)');
  }
  const retiredDataKeys = readRetired(env.TONGBAN_DATA_KEYS_RETIRED);
  if (nodeEnv === 'production') {
    if (!dataKey || !lookupKey) {
      fail('生产环境必须配置 TONGBAN_DATA_KEY 与 TONGBAN_LOOKUP_KEY（个人信息加密密钥） (production needs TONGBAN_DATA_KEY and TONGBAN_LOOKUP_KEY to protect personal data; generate with: openssl rand -hex 16 / openssl rand -hex 32)');
    }
    if (dataKey.toLowerCase() === DEVELOPMENT_DATA_KEY || lookupKey.toLowerCase() === DEVELOPMENT_LOOKUP_KEY) {
      fail('生产环境不得使用开发密钥 (production must not use the published development keys)');
    }
  }
  const development = !dataKey || !lookupKey;
  if (development && nodeEnv === 'development' && !warned) {
    warned = true;
    console.warn('警告：未配置 TONGBAN_DATA_KEY/TONGBAN_LOOKUP_KEY，使用公开的开发密钥，个人信息未受保护 (warning: using the public DEVELOPMENT keys for personal data; set TONGBAN_DATA_KEY and TONGBAN_LOOKUP_KEY)');
  }
  return {
    dataKey: (dataKey || DEVELOPMENT_DATA_KEY).toLowerCase(),
    retiredDataKeys,
    lookupKey: (lookupKey || DEVELOPMENT_LOOKUP_KEY).toLowerCase(),
    personalDataKeysAreDevelopment: development,
  };
}
