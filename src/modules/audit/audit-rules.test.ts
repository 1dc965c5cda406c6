// The pure parts of the audit trail: the canonical form that is hashed, masking of before/after,
// changed-field diffs, time filters, and CSV cells that a spreadsheet must not execute.
import { describe, expect, it } from 'vitest';
import { asStoredJson, canonicalJson, GENESIS_HASH, hashRecord, type ChainContent } from './chain.js';
import { csvCell } from './presenter.js';
import { parseInstant, toFilter } from './rules.js';
import { changedFields, maskChanges } from './service.js';

const content: ChainContent = {
  at: new Date('2025-03-01T08:00:00.123Z'),
  actorId: 'u-1',
  actorRole: 'window-clerk',
  actorOrgId: 'o-1',
  orgId: 'o-2',
  action: 'case.accept',
  objectType: 'case',
  objectId: 'c-1',
  ip: '10.0.0.1',
  changes: { status: { before: 'submitted', after: 'accepted' } },
};

describe('the hashed canonical form', () => {
  it('does not depend on the key order jsonb returns', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(hashRecord({ ...content, changes: { b: 1, a: 2 } }, GENESIS_HASH)).toBe(hashRecord({ ...content, changes: { a: 2, b: 1 } }, GENESIS_HASH));
  });

  it('changes with every field of the record and with the previous hash', () => {
    const base = hashRecord(content, GENESIS_HASH);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const variants: Partial<ChainContent>[] = [
      { at: new Date('2025-03-01T08:00:00.124Z') },
      { actorId: 'u-2' },
      { actorRole: 'reviewer' },
      { actorOrgId: 'o-3' },
      { orgId: null },
      { action: 'case.deny' },
      { objectType: 'licence' },
      { objectId: 'c-2' },
      { ip: '10.0.0.2' },
      { changes: { status: { before: 'submitted', after: 'denied' } } },
    ];
    for (const v of variants) expect(hashRecord({ ...content, ...v }, GENESIS_HASH), JSON.stringify(v)).not.toBe(base);
    expect(hashRecord(content, 'f'.repeat(64))).not.toBe(base);
  });

  it('hashes what a jsonb column gives back: no undefined fields, dates as strings', () => {
    expect(asStoredJson({ a: undefined, d: new Date('2025-01-01T00:00:00Z') })).toEqual({ d: '2025-01-01T00:00:00.000Z' });
  });
});

describe('maskChanges', () => {
  it('masks both sides of a before/after pair of personal data and leaves other fields alone', () => {
    const masked = maskChanges({
      phone: { before: '13812345678', after: '13987654321' },
      idNumber: { before: null, after: '152201199001011234' },
      applicant: { address: '内蒙古自治区兴安盟乌兰浩特市和平街道32号', creditCode: '91152201MA0N1234X5' },
      status: { before: 'draft', after: 'submitted' },
    });
    expect(masked.phone).toEqual({ before: '138****5678', after: '139****4321' });
    expect((masked.idNumber as { before: unknown }).before).toBeNull();
    expect((masked.idNumber as { after: string }).after).not.toContain('19900101');
    expect(JSON.stringify(masked.applicant)).not.toMatch(/和平街道|MA0N1234X/);
    expect(masked.status).toEqual({ before: 'draft', after: 'submitted' });
  });
});

describe('changedFields', () => {
  it('lists only the fields whose value differs, as before/after', () => {
    expect(changedFields({ name: '甲', days: 20, tags: ['a'] }, { name: '乙', days: 20, tags: ['a'], added: true })).toEqual({
      name: { before: '甲', after: '乙' },
      added: { before: null, after: true },
    });
    expect(changedFields({ a: 1, b: 2 }, { a: 2, b: 3 }, ['a'])).toEqual({ a: { before: 1, after: 2 } });
  });
});

describe('time filters (Beijing time)', () => {
  it('reads a bare date as a whole day in Asia/Shanghai', () => {
    expect(parseInstant('querystring.from', '2025-03-01', 'from').toISOString()).toBe('2025-02-28T16:00:00.000Z');
    expect(parseInstant('querystring.to', '2025-03-01', 'to').toISOString()).toBe('2025-03-01T16:00:00.000Z');
    expect(parseInstant('querystring.from', '2025-03-01T09:30', 'from').toISOString()).toBe('2025-03-01T01:30:00.000Z');
    expect(parseInstant('querystring.from', '2025-03-01T09:30:00Z', 'from').toISOString()).toBe('2025-03-01T09:30:00.000Z');
  });

  it('refuses dates that do not exist and ranges that end before they start, naming the field', () => {
    expect(() => parseInstant('querystring.from', '2025-02-29', 'from')).toThrow(/querystring\.from/);
    expect(() => toFilter({ from: '2025-03-02', to: '2025-03-01' }, null)).toThrow(/querystring\.to/);
  });
});

describe('csvCell', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(null)).toBe('');
  });
});
