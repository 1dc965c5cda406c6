// The channels a message leaves by: the portal (the applicant reads it in 我的消息: delivered as
// soon as it is written), e-mail over SMTP (nodemailer), and SMS through the platform's SmsSender
// (src/modules/applicants/sms.ts: the development outbox, or a real provider plugged in there).
// In sandbox mode (config.outbox.sandbox) e-mail and SMS are recorded as delivered by 'sandbox'
// and nothing leaves the machine. No channel logs a recipient or a text.
import nodemailer from 'nodemailer';
import type { AppDeps } from '../../app.js';
import type { MessageChannel } from '../../db/schema.js';
import { smsSenderFor, type SmsSender } from '../applicants/sms.js';

export interface OutgoingMessage {
  id: string;
  channel: MessageChannel;
  /** Decrypted e-mail address or phone number; null for the portal. */
  recipient: string | null;
  subject: string;
  body: string;
  templateKey: string;
}

export interface SendResult {
  provider: string;
  /** The provider's reference (for e-mail: the Message-ID), to match receipts. */
  providerRef?: string | null;
}

export interface ChannelSender {
  readonly provider: string;
  /** Resolves once the provider has taken the message; throws when it did not. */
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** A failure the channel has classified itself: permanent ones are never retried. */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(code);
    this.name = 'DeliveryError';
  }
}

export type Channels = Record<MessageChannel, ChannelSender> & { close(): void };

const portalChannel: ChannelSender = { provider: 'portal', send: async () => ({ provider: 'portal' }) };
const sandboxChannel: ChannelSender = { provider: 'sandbox', send: async () => ({ provider: 'sandbox' }) };

/** The domain of the sender address: Message-IDs are minted under it. */
export function mailDomain(mailFrom: string): string {
  const match = /@([^@\s>]+)>?\s*$/.exec(mailFrom);
  return match ? match[1] : 'tongban.localhost';
}

/**
 * The Message-ID of an outbox message: the same for every attempt, so that a message sent again after
 * a crash (sent, but not yet recorded as sent) is recognisable as the same message by the receiving
 * side and in the mail logs.
 */
export function messageIdFor(id: string, mailFrom: string): string {
  return `<outbox.${id}@${mailDomain(mailFrom)}>`;
}

/** E-mail through the SMTP server at `smtpUrl`, one connection per message. */
export function smtpChannel(smtpUrl: string, mailFrom: string): ChannelSender & { close(): void } {
  // Bounded waits: a hung server must not hold a message past its lock (sender.ts LOCK_MS).
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    provider: 'smtp',
    async send(message) {
      if (!message.recipient) throw new DeliveryError('no-recipient', true);
      const messageId = messageIdFor(message.id, mailFrom);
      await transport.sendMail({
        from: mailFrom,
        to: message.recipient,
        subject: message.subject,
        text: message.body,
        messageId,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Tongban-Template': message.templateKey },
      });
      return { provider: 'smtp', providerRef: messageId };
    },
    close: () => transport.close(),
  };
}

/** Production without an SMTP server: e-mail cannot go out, and says why. */
const unconfiguredEmail: ChannelSender = {
  provider: 'none',
  send: async () => {
    throw new DeliveryError('smtp-not-configured', true);
  },
};

/** SMS through the platform's SmsSender; its refusals are retried unless it says they are permanent. */
export function smsChannel(sender: SmsSender): ChannelSender {
  return {
    provider: sender.provider,
    async send(message) {
      if (!message.recipient) throw new DeliveryError('no-recipient', true);
      await sender.send({ phone: message.recipient, text: message.body, template: message.templateKey });
      return { provider: sender.provider };
    },
  };
}

/** The channels the configuration selects; `overrides` replaces any of them (tests, other providers). */
export function channelsFor(deps: AppDeps, overrides: Partial<Record<MessageChannel, ChannelSender>> = {}): Channels {
  const { sandbox, smtpUrl, mailFrom } = deps.config.outbox;
  let smtp: (ChannelSender & { close(): void }) | null = null;
  const email: ChannelSender = overrides.email ?? (sandbox ? sandboxChannel : smtpUrl ? (smtp = smtpChannel(smtpUrl, mailFrom)) : unconfiguredEmail);
  const sms: ChannelSender = overrides.sms ?? (sandbox ? sandboxChannel : smsChannel(smsSenderFor(deps)));
  return {
    portal: overrides.portal ?? portalChannel,
    email,
    sms,
    close: () => smtp?.close(),
  };
}
