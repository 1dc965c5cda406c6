// Messages to applicants (发件箱) and the job runner: read from the environment by loadConfig.
//   TONGBAN_SMTP_URL        the SMTP server e-mail goes through, e.g. smtp://127.0.0.1:2525 or
//                           smtps://user:pass@mail.example.gov.cn:465; unset: no e-mail server
//   TONGBAN_MAIL_FROM       the sender address, e.g. "兴安盟政务服务平台 <tongban@xam.gov.cn>"
//   TONGBAN_OUTBOX_SANDBOX  1: record every e-mail and SMS as delivered (provider 'sandbox') and send
//                           nothing; 0: send. Default: 1 in development and test without an SMTP
//                           server, else 0. Portal messages are always delivered (they live here).
//   TONGBAN_JOBS_INTERVAL_MS how often the job runner looks for due timers and messages and links
//                            pending audit records (5000)
// Production without an SMTP server and without the sandbox cannot send e-mail: such messages end
// as permanent failures with the reason 'smtp-not-configured', and the start says so.

export interface OutboxConfig {
  smtpUrl: string | null;
  mailFrom: string;
  sandbox: boolean;
  jobIntervalMs: number;
}

export const DEFAULT_MAIL_FROM = '兴安盟政务服务平台 <no-reply@tongban.localhost>';

export function readOutboxConfig(env: NodeJS.ProcessEnv, nodeEnv: 'development' | 'production' | 'test'): OutboxConfig {
  const smtpUrl = env.TONGBAN_SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    throw new Error('TONGBAN_SMTP_URL 必须以 smtp:// 或 smtps:// 开头 (TONGBAN_SMTP_URL must start with smtp:// or smtps://)');
  }
  const rawSandbox = env.TONGBAN_OUTBOX_SANDBOX?.trim();
  if (rawSandbox && rawSandbox !== '0' && rawSandbox !== '1') {
    throw new Error(`TONGBAN_OUTBOX_SANDBOX 只能是 0 或 1 (TONGBAN_OUTBOX_SANDBOX must be 0 or 1, got "${rawSandbox}")`);
  }
  const sandbox = rawSandbox ? rawSandbox === '1' : nodeEnv !== 'production' && !smtpUrl;
  const mailFrom = env.TONGBAN_MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  if (!/@[^@\s>]+>?\s*$/.test(mailFrom)) {
    throw new Error(`TONGBAN_MAIL_FROM 须为邮件地址 (TONGBAN_MAIL_FROM must be an e-mail address, e.g. "通办 <tongban@example.gov.cn>")`);
  }
  const rawInterval = env.TONGBAN_JOBS_INTERVAL_MS?.trim();
  const jobIntervalMs = rawInterval ? Number(rawInterval) : 5000;
  if (!Number.isInteger(jobIntervalMs) || jobIntervalMs < 100 || jobIntervalMs > 3_600_000) {
    throw new Error(`TONGBAN_JOBS_INTERVAL_MS 须为 100–3600000 的整数 (TONGBAN_JOBS_INTERVAL_MS must be an integer 100–3600000, got "${rawInterval}")`);
  }
  return { smtpUrl, mailFrom, sandbox, jobIntervalMs };
}
