import { describe, expect, it } from 'vitest';
import type { DeliveryStatus } from '../../db/schema.js';
import {
  advanceStatus,
  backoffMs,
  DELIVERY_STATUSES,
  describeFailure,
  failureOutcome,
  isPermanentMailError,
  mayMove,
  maskRecipient,
  RETRY_POLICY,
  templateProblems,
  unknownParams,
} from './rules.js';
import { BUILT_IN_TEMPLATES, CHANNELS, paramsOf, placeholdersIn, renderTemplate, TEMPLATE_KEYS } from './templates.js';

describe('monotonic delivery status', () => {
  const order: Record<DeliveryStatus, number> = { created: 0, sending: 1, 'temporary-failure': 1, delivered: 2, 'permanent-failure': 2 };

  it('never leaves a terminal status and never moves down, for every pair', () => {
    for (const from of DELIVERY_STATUSES) {
      for (const to of DELIVERY_STATUSES) {
        const terminal = from === 'delivered' || from === 'permanent-failure';
        const expected = from !== to && !terminal && order[to] >= order[from];
        expect(mayMove(from, to), `${from} → ${to}`).toBe(expected);
        expect(advanceStatus(from, to)).toBe(expected ? to : from);
      }
    }
  });

  it('lets a retried message alternate between sending and temporary failure', () => {
    expect(advanceStatus('sending', 'temporary-failure')).toBe('temporary-failure');
    expect(advanceStatus('temporary-failure', 'sending')).toBe('sending');
    expect(advanceStatus('temporary-failure', 'delivered')).toBe('delivered');
  });

  it('a late receipt does not undo delivery, nor a bounce a permanent failure', () => {
    expect(advanceStatus('delivered', 'temporary-failure')).toBe('delivered');
    expect(advanceStatus('delivered', 'permanent-failure')).toBe('delivered');
    expect(advanceStatus('permanent-failure', 'delivered')).toBe('permanent-failure');
    expect(advanceStatus('sending', 'created')).toBe('sending');
  });
});

describe('retries', () => {
  it('full jitter stays under a doubling ceiling capped at one hour, never under a second', () => {
    expect(backoffMs(1, () => 0.999)).toBe(29_970);
    expect(backoffMs(2, () => 0.5)).toBe(30_000);
    expect(backoffMs(4, () => 0.5)).toBe(120_000);
    expect(backoffMs(30, () => 0.999)).toBe(3_596_400);
    expect(backoffMs(1, () => 0)).toBe(1000);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const delay = backoffMs(attempt);
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThan(Math.min(3_600_000, 30_000 * 2 ** (attempt - 1)) + 1);
    }
  });

  it('a temporary failure becomes permanent at the last attempt; a permanent one at once', () => {
    expect(failureOutcome(1, false, () => 0.5)).toEqual({ status: 'temporary-failure', retryInMs: 15_000 });
    expect(failureOutcome(RETRY_POLICY.maxAttempts - 1, false).status).toBe('temporary-failure');
    expect(failureOutcome(RETRY_POLICY.maxAttempts, false)).toEqual({ status: 'permanent-failure' });
    expect(failureOutcome(1, true)).toEqual({ status: 'permanent-failure' });
  });

  it('SMTP 5xx is permanent; 4xx and connection failures are temporary', () => {
    expect(isPermanentMailError({ code: 'EMESSAGE', responseCode: 550 })).toBe(true);
    expect(isPermanentMailError({ code: 'EENVELOPE', responseCode: 553 })).toBe(true);
    expect(isPermanentMailError({ code: 'EMESSAGE', responseCode: 451 })).toBe(false);
    expect(isPermanentMailError({ code: 'EENVELOPE', responseCode: 421 })).toBe(false);
    expect(isPermanentMailError({ code: 'ECONNECTION' })).toBe(false);
    expect(isPermanentMailError({ code: 'ETIMEDOUT' })).toBe(false);
    expect(isPermanentMailError({ code: 'EENVELOPE' })).toBe(true);
  });

  it('keeps only codes of a failure, never the server text that may repeat the address', () => {
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 <zhang@example.cn>: no such user"), { code: 'EENVELOPE', responseCode: 550 });
    expect(describeFailure(error)).toBe('EENVELOPE 550');
    expect(describeFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBe('ESOCKET');
    expect(describeFailure('x')).toBe('error');
  });
});

describe('templates', () => {
  it('every key has a built-in text for every channel, using only its own placeholders', () => {
    expect(TEMPLATE_KEYS).toHaveLength(16);
    for (const key of TEMPLATE_KEYS) {
      for (const channel of CHANNELS) {
        const text = BUILT_IN_TEMPLATES[key][channel];
        expect(templateProblems(key, channel, text), `${key}/${channel}`).toEqual([]);
      }
      expect(BUILT_IN_TEMPLATES[key].sms.body.startsWith('【通办】')).toBe(true);
      expect(BUILT_IN_TEMPLATES[key].sms.body).toContain('{{link}}');
      expect(BUILT_IN_TEMPLATES[key].email.body).toContain('{{link}}');
      expect(BUILT_IN_TEMPLATES[key].email.subject).toContain('{{caseNumber}}');
    }
  });

  it('the SMS stays short with every sample value filled in', () => {
    const params = Object.fromEntries(paramsOf('case.accepted-tolerant').map((p) => [p, 'x'.repeat(p === 'link' ? 60 : 12)]));
    for (const key of TEMPLATE_KEYS) expect(renderTemplate(BUILT_IN_TEMPLATES[key].sms.body, params).length, key).toBeLessThanOrEqual(140);
  });

  it('names unknown placeholders and stray braces by field', () => {
    const problems = templateProblems('case.accepted', 'email', { subject: '受理 {{caseNo}}', body: '请于 {{deadline}} 前 {{ link }} {{bad' });
    expect(problems.map((p) => p.name)).toEqual(['body.subject', 'body.body', 'body.body']);
    expect(problems[0].reason).toContain('{{caseNo}}');
    expect(problems[1].reason).toContain('{{deadline}}'); // deadline belongs to other keys, not to case.accepted
    expect(templateProblems('case.supplement-requested', 'email', { subject: 'x', body: '{{deadline}} {{items}}' })).toEqual([]);
    expect(templateProblems('case.accepted', 'email', { subject: ' ', body: 'x' }).map((p) => p.name)).toEqual(['body.subject']);
    expect(templateProblems('case.accepted', 'sms', { subject: 'x', body: 'y'.repeat(301) }).map((p) => p.name)).toEqual(['body.subject', 'body.body']);
    expect(unknownParams('case.accepted', { dueOn: '2026-01-01', bogus: 'x' })).toEqual([expect.objectContaining({ name: 'body.params.bogus' })]);
  });

  it('renders known placeholders and leaves missing ones visible', () => {
    expect(renderTemplate('办件 {{caseNumber}}，{{ dueOn }} 前，{{missing}}', { caseNumber: 'A1', dueOn: '2026-03-30' })).toBe('办件 A1，2026-03-30 前，{{missing}}');
    expect(placeholdersIn('{{a}} {{a}} {{b}}')).toEqual({ names: ['a', 'b'], malformed: false });
    expect(placeholdersIn('{{a} }}').malformed).toBe(true);
  });

  it('masks recipients by channel', () => {
    expect(maskRecipient('email', 'zhangsan@example.com')).toBe('z*******@example.com');
    expect(maskRecipient('sms', '13812345678')).toBe('138****5678');
    expect(maskRecipient('portal', null)).toBeNull();
  });
});
