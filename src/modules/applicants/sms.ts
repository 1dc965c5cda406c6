// The SMS channel (短信通道) for sign-in codes, pluggable by TONGBAN_SMS_PROVIDER (src/config-applicants.ts).
//
// Only one implementation ships: 'outbox', the DEVELOPMENT OUTBOX. It writes each message to the
// sms_outbox table with status 'held' and sends nothing: no network, nothing leaves the machine.
// Tests and developers read the code from there. Production refuses it unless explicitly allowed.
//
// Adding a real provider (a carrier gateway or a provincial SMS platform):
//   1. implement SmsSender below: send() resolves once the provider has accepted the message and
//      throws on refusal; it must not log the phone number or the text (the text holds the code);
//   2. add its name to SMS_PROVIDERS in src/config-applicants.ts, with its own settings there
//      (endpoint, credentials, signature name — read once, validated, refused when missing);
//   3. return it from smsSenderFor() for that name.
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';

export interface SmsMessage {
  /** Mainland mobile number, 11 digits. */
  phone: string;
  /** The full text as the recipient reads it. */
  text: string;
  /** A stable name of the template, e.g. 'login-code' (real gateways send templates, not free text). */
  template: string;
  /** Template parameters, for gateways that fill the template themselves. */
  params?: Record<string, string>;
}

export interface SmsSender {
  readonly provider: string;
  /** True for channels that never reach a phone: pages say so (开发模式：验证码见发件箱). */
  readonly development: boolean;
  send(message: SmsMessage): Promise<void>;
}

/** DEVELOPMENT ONLY: keeps the message in sms_outbox (phone encrypted, body readable), sends nothing. */
export function outboxSender(deps: AppDeps): SmsSender {
  const columns = sensitiveColumns(deps.config);
  return {
    provider: 'outbox',
    development: true,
    async send(message) {
      await deps.db
        .insertInto('sms_outbox')
        .values({
          id: randomUUID(),
          phone_enc: columns.encrypt(message.phone, 'sms_outbox.phone'),
          phone_hash: columns.hash(message.phone),
          template: message.template,
          body: message.text,
          status: 'held',
          created_at: new Date(),
        })
        .execute();
    },
  };
}

/** The sender the configuration names. */
export function smsSenderFor(deps: AppDeps): SmsSender {
  switch (deps.config.smsProvider) {
    case 'outbox':
      return outboxSender(deps);
  }
}

/**
 * The newest message held in the development outbox for a phone (tests and `tongban` development
 * tooling read codes this way). Null when there is none.
 */
export async function latestOutboxMessage(deps: AppDeps, phone: string): Promise<{ body: string; template: string; createdAt: Date } | null> {
  const row = await deps.db
    .selectFrom('sms_outbox')
    .select(['body', 'template', 'created_at'])
    .where('phone_hash', '=', sensitiveColumns(deps.config).hash(phone))
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { body: row.body, template: row.template, createdAt: new Date(row.created_at) } : null;
}

/**
 * DEMO ONLY: the sign-in code just held for a phone, for the sign-in page to show to a visitor of a
 * development or demonstration instance, who has no phone the outbox could reach. Null unless the
 * platform runs in development (NODE_ENV neither production nor test) with the outbox channel:
 * never in production (not even a pilot allowed to use the outbox), never when a real SMS
 * provider is configured, never in the test suite (whose pages read as production's).
 */
export async function demoLoginCode(deps: AppDeps, phone: string): Promise<string | null> {
  if (deps.config.env !== 'development' || deps.config.smsProvider !== 'outbox') return null;
  const held = await latestOutboxMessage(deps, phone);
  return held?.template === 'login-code' ? (/\d{6}/.exec(held.body)?.[0] ?? null) : null;
}
