import { describe, expect, it } from 'vitest';
import { cleanSealName, nextStatus, statusAt } from './rules.js';

describe('seal status lifecycle', () => {
  it('moves active ⇄ suspended and either to revoked, and nothing out of revoked', () => {
    expect(nextStatus('active', 'suspend')).toBe('suspended');
    expect(nextStatus('suspended', 'resume')).toBe('active');
    expect(nextStatus('active', 'revoke')).toBe('revoked');
    expect(nextStatus('suspended', 'revoke')).toBe('revoked');
    for (const action of ['suspend', 'resume', 'revoke'] as const) expect(() => nextStatus('revoked', action)).toThrow(/已吊销/);
    expect(() => nextStatus('active', 'resume')).toThrow(/有效/);
    expect(() => nextStatus('suspended', 'suspend')).toThrow(/已暂停/);
  });
});

describe('statusAt: was the seal valid when it signed?', () => {
  const t = (iso: string) => new Date(iso);
  const history = [
    { status: 'active' as const, at: t('2026-01-01T00:00:00Z') },
    { status: 'suspended' as const, at: t('2026-02-01T00:00:00Z') },
    { status: 'active' as const, at: t('2026-02-10T00:00:00Z') },
    { status: 'revoked' as const, at: t('2026-03-01T00:00:00Z') },
  ];
  it('is the status of the last event at or before the instant', () => {
    expect(statusAt(history, t('2025-12-31T23:59:59Z'))).toBeNull();
    expect(statusAt(history, t('2026-01-01T00:00:00Z'))).toBe('active');
    expect(statusAt(history, t('2026-02-05T00:00:00Z'))).toBe('suspended');
    expect(statusAt(history, t('2026-02-28T23:59:59Z'))).toBe('active');
    expect(statusAt(history, t('2026-03-01T00:00:00Z'))).toBe('revoked');
  });
});

describe('cleanSealName', () => {
  it('drops spaces and refuses empty, over-long or control-character names', () => {
    expect(cleanSealName(' 兴安盟 市场监督管理局 ')).toBe('兴安盟市场监督管理局');
    expect(() => cleanSealName('  ')).toThrow();
    expect(() => cleanSealName('一'.repeat(25))).toThrow();
    expect(() => cleanSealName('兴安盟\u0007')).toThrow();
  });
});
