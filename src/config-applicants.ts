// The applicant adapters (办事人登录与实名核验): read from the environment by loadConfig.
//   TONGBAN_SMS_PROVIDER                 which SMS channel sends sign-in codes; default 'outbox'
//   TONGBAN_SMS_ALLOW_OUTBOX=1           lets production use the outbox anyway (a closed pilot)
//   TONGBAN_REAL_NAME_PROVIDER           which real-name check (实名核验) to use; default 'development-accept'
//   TONGBAN_REAL_NAME_ALLOW_DEVELOPMENT=1 lets production use 'development-accept' anyway
// The defaults are DEVELOPMENT ONLY: 'outbox' keeps every SMS in the sms_outbox table (nothing leaves
// the machine) and 'development-accept' accepts every name/number pair. Production refuses both
// unless explicitly allowed, because either would let anyone sign in as, or link, someone else.
// A real provider is added in src/modules/applicants/sms.ts or real-name.ts and named here.

export const SMS_PROVIDERS = ['outbox'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];
export const REAL_NAME_PROVIDERS = ['development-accept'] as const;
export type RealNameProviderName = (typeof REAL_NAME_PROVIDERS)[number];

export interface ApplicantAdapterConfig {
  smsProvider: SmsProviderName;
  realNameProvider: RealNameProviderName;
}

function pick<T extends string>(variable: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  const value = (raw ?? '').trim() || fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`${variable} 取值无效，可选：${allowed.join(', ')} (${variable} must be one of: ${allowed.join(', ')}; got "${value}")`);
  }
  return value as T;
}

export function readApplicantAdapters(env: NodeJS.ProcessEnv, nodeEnv: 'development' | 'production' | 'test'): ApplicantAdapterConfig {
  const smsProvider = pick('TONGBAN_SMS_PROVIDER', env.TONGBAN_SMS_PROVIDER, SMS_PROVIDERS, 'outbox');
  const realNameProvider = pick('TONGBAN_REAL_NAME_PROVIDER', env.TONGBAN_REAL_NAME_PROVIDER, REAL_NAME_PROVIDERS, 'development-accept');
  if (nodeEnv === 'production') {
    if (smsProvider === 'outbox' && env.TONGBAN_SMS_ALLOW_OUTBOX !== '1') {
      throw new Error(
        '生产环境不得使用开发用短信发件箱（验证码不会真正发出）：请配置 TONGBAN_SMS_PROVIDER，或设置 TONGBAN_SMS_ALLOW_OUTBOX=1 明确允许 (production refuses the development SMS outbox: set TONGBAN_SMS_PROVIDER, or TONGBAN_SMS_ALLOW_OUTBOX=1 to allow it explicitly)',
      );
    }
    if (realNameProvider === 'development-accept' && env.TONGBAN_REAL_NAME_ALLOW_DEVELOPMENT !== '1') {
      throw new Error(
        '生产环境不得使用开发用实名核验（任何姓名与号码都会通过）：请配置 TONGBAN_REAL_NAME_PROVIDER，或设置 TONGBAN_REAL_NAME_ALLOW_DEVELOPMENT=1 明确允许 (production refuses the development-accept real-name check: set TONGBAN_REAL_NAME_PROVIDER, or TONGBAN_REAL_NAME_ALLOW_DEVELOPMENT=1 to allow it explicitly)',
      );
    }
  }
  return { smsProvider, realNameProvider };
}
