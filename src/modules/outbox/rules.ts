// The outbox's rules as pure functions: the monotonic delivery status, retries with backoff, which
// failures are permanent, and which placeholders a template may use.
import type { DeliveryStatus, MessageChannel } from '../../db/schema.js';
import type { InvalidParam } from '../../http/errors.js';
import { maskEmail, maskPhone } from '../../lib/mask.js';
import { paramsOf, placeholdersIn, type TemplateKey } from './templates.js';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['created', 'sending', 'temporary-failure', 'delivered', 'permanent-failure'];

export const STATUS_NAMES: Record<DeliveryStatus, string> = {
  created: '待发送',
  sending: '发送中',
  'temporary-failure': '暂时失败，将重试',
  delivered: '已送达',
  'permanent-failure': '发送失败',
};

/**
 * created < sending = temporary-failure < delivered = permanent-failure. Sending and temporary
 * failure alternate while a message is retried; the last two are terminal.
 */
export const STATUS_RANK: Record<DeliveryStatus, number> = {
  created: 0,
  sending: 1,
  'temporary-failure': 1,
  delivered: 2,
  'permanent-failure': 2,
};

export function isTerminal(status: DeliveryStatus): boolean {
  return STATUS_RANK[status] === 2;
}

/** Whether a message may move from one status to another: never out of a terminal one, never down. */
export function mayMove(from: DeliveryStatus, to: DeliveryStatus): boolean {
  if (from === to || isTerminal(from)) return false;
  return STATUS_RANK[to] >= STATUS_RANK[from];
}

/** The status after a report (a send outcome or a provider receipt): `to` when allowed, else unchanged. */
export function advanceStatus(from: DeliveryStatus, to: DeliveryStatus): DeliveryStatus {
  return mayMove(from, to) ? to : from;
}

export interface RetryPolicy {
  /** The ceiling of the first retry's delay. */
  baseMs: number;
  /** No delay exceeds this. */
  capMs: number;
  /** After this many failed attempts a temporary failure becomes permanent. */
  maxAttempts: number;
  /** No retry comes sooner: a pass of the runner never retries what it has just tried. */
  minMs: number;
}

export const RETRY_POLICY: RetryPolicy = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 8, minMs: 1000 };

/**
 * "Full jitter": a uniformly random delay in [0, min(cap, base·2^(attempt−1))) after the attempt-th
 * failure, so that many messages failing together (a mail server down) do not all retry together;
 * at least minMs.
 */
export function backoffMs(attempt: number, random: () => number = Math.random, policy: RetryPolicy = RETRY_POLICY): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.max(policy.minMs, Math.floor(r * ceiling));
}

export type FailureOutcome = { status: 'permanent-failure' } | { status: 'temporary-failure'; retryInMs: number };

/** What a failed attempt leads to: attempts counts this one. */
export function failureOutcome(attempts: number, permanent: boolean, random: () => number = Math.random, policy: RetryPolicy = RETRY_POLICY): FailureOutcome {
  if (permanent || attempts >= policy.maxAttempts) return { status: 'permanent-failure' };
  return { status: 'temporary-failure', retryInMs: backoffMs(attempts, random, policy) };
}

/**
 * An SMTP reply in the 5xx range is a permanent refusal (no such mailbox, message rejected); a 4xx
 * reply (mailbox busy, greylisted) and a failure without a reply (connection refused, timeout, TLS)
 * are temporary. An envelope error without a reply means the address itself is unusable.
 */
export function isPermanentMailError(error: { code?: unknown; responseCode?: unknown }): boolean {
  const reply = typeof error.responseCode === 'number' ? error.responseCode : null;
  if (reply !== null) return reply >= 500 && reply < 600;
  return error.code === 'EENVELOPE';
}

/**
 * What is kept of a failure in last_error: the error code and the reply code only. The reply text
 * of a mail server often repeats the address ("550 <x@y>: no such user"), which must not be stored
 * or shown in plain text.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'error';
  const e = error as Error & { code?: unknown; responseCode?: unknown };
  const code = typeof e.code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(e.code) ? e.code : e.name || 'Error';
  return typeof e.responseCode === 'number' ? `${code} ${e.responseCode}` : code;
}

/** Longest SMS text a template may produce (a few concatenated segments). */
export const SMS_MAX_LENGTH = 300;

/**
 * Problems of a new template version, as invalid params naming the field: unknown placeholders,
 * stray braces, a missing subject where the channel shows one, a subject on SMS.
 */
export function templateProblems(key: TemplateKey, channel: MessageChannel, text: { subject: string; body: string }): InvalidParam[] {
  const allowed = new Set(paramsOf(key));
  const problems: InvalidParam[] = [];
  for (const field of ['subject', 'body'] as const) {
    const { names, malformed } = placeholdersIn(text[field]);
    const unknown = names.filter((n) => !allowed.has(n));
    if (unknown.length) {
      problems.push({
        name: `body.${field}`,
        reason: `未知的占位符 ${unknown.map((n) => `{{${n}}}`).join('、')}，可用：${[...allowed].join(', ')} (unknown placeholder ${unknown.join(', ')}; allowed: ${[...allowed].join(', ')})`,
      });
    }
    if (malformed) problems.push({ name: `body.${field}`, reason: '存在不成对的花括号，占位符写作 {{名称}} (stray braces: write placeholders as {{name}})' });
  }
  if (channel !== 'sms' && text.subject.trim() === '') problems.push({ name: 'body.subject', reason: '标题不能为空 (a subject is required for this channel)' });
  if (channel === 'sms' && text.subject.trim() !== '') problems.push({ name: 'body.subject', reason: '短信没有标题 (an SMS has no subject)' });
  if (channel === 'sms' && text.body.length > SMS_MAX_LENGTH) problems.push({ name: 'body.body', reason: `短信不超过 ${SMS_MAX_LENGTH} 字 (an SMS is at most ${SMS_MAX_LENGTH} characters)` });
  return problems;
}

/** Names in preview params that no template of this key may use. */
export function unknownParams(key: TemplateKey, params: Record<string, string>): InvalidParam[] {
  const allowed = new Set(paramsOf(key));
  return Object.keys(params)
    .filter((k) => !allowed.has(k))
    .map((k) => ({ name: `body.params.${k}`, reason: `此模板没有参数 ${k} (no parameter ${k} for this template)` }));
}

/** Personal text is never shown whole in the message list: just enough to recognise it. */
export function maskRecipient(channel: MessageChannel, recipient: string | null): string | null {
  if (!recipient) return null;
  return channel === 'email' ? maskEmail(recipient) : channel === 'sms' ? maskPhone(recipient) : null;
}
