// The import rules on records read from a file, with a catalog context that needs no database.
import { describe, expect, it } from 'vitest';
import { guideContent } from '../../../test/factories.js';
import type { ParsedCatalog } from './exchange.js';
import { parseJsonCatalog } from './json-codec.js';
import { validateCatalog, type OrgRef, type ValidationContext } from './rules.js';
import { canonicalJson, versionInForce } from './plan.js';

const CREDIT = '11152200MB1234567X';
const dept: OrgRef = { id: 'o1', code: 'SCJ', name: '兴安盟市场监督管理局', creditCode: CREDIT, level: 'league', path: '/g/o1/', divisionCode: '1522' };
const noCredit: OrgRef = { ...dept, id: 'o2', code: 'NOCC', creditCode: null, path: '/g/o2/' };

function context(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return {
    orgsByCode: new Map([dept, noCredit].map((o) => [o.code, o])),
    orgsByCreditCode: new Map([[CREDIT, dept]]),
    existingItems: new Map(),
    existingImplsByCode: new Map(),
    existingImplsByItemOrg: new Map(),
    shareableLicenceTypes: new Map(),
    licenceTypeDepartments: new Map(),
    scopePath: null,
    ...overrides,
  };
}

const file = (items: unknown[]): ParsedCatalog => parseJsonCatalog(Buffer.from(JSON.stringify({ format: 'tongban-catalog', version: 1, items })));
const item = (code: string, extra: Record<string, unknown> = {}) => ({ code, name: '测试事项', type: 'licensing', legalBasis: ['《行政许可法》'], legalLimitDays: 20, implementations: [], ...extra });
const codes = (ctx: ValidationContext, items: unknown[]) => validateCatalog(file(items), ctx).issues.map((i) => `${i.row}:${i.column}:${i.code}`);

describe('import rules', () => {
  it('accepts a clean item and derives the implementation code from item, level and credit code', () => {
    const r = validateCatalog(file([item('0100100000', { implementations: [{ orgCreditCode: CREDIT, guide: guideContent({ itemName: '测试事项' }) }] })]), context());
    expect(r.issues).toEqual([]);
    expect(r.items[0].implementations[0].code).toBe(`01001000003${CREDIT}`);
  });

  it('checks the code structure of GB/T 39554 and duplicates within the file', () => {
    expect(codes(context(), [item('01001'), item('2000100000'), item('0100100000'), item('0100100000')])).toEqual([
      'items[0]:code:invalid-item-code',
      'items[1]:code:item-code-type-mismatch',
      'items[3]:code:duplicate-item-code',
    ]);
  });

  it('requires a sub-item’s main item in the file or the catalog, sharing its number', () => {
    const existing = new Map([['0100200000', { id: 'i2', code: '0100200000', name: '主项', status: 'active' as const, legalLimitDays: 20 }]]);
    expect(codes(context({ existingItems: existing }), [item('0100100001', { parentCode: '0100100000' }), item('0100200001', { parentCode: '0100200000' }), item('0100300001', { parentCode: '0100200000' })])).toEqual([
      'items[0]:parentCode:unknown-parent-item',
      'items[2]:parentCode:sub-item-code-mismatch',
    ]);
  });

  it('checks the organization and the implementation code against item, level and credit code', () => {
    const impls = [
      { orgCode: 'NOPE' },
      { orgCode: 'NOCC' },
      { orgCode: 'SCJ', code: `01009000003${CREDIT}` }, // another item's code
      { orgCode: 'SCJ', code: `01001000034${CREDIT}` }, // county level digit for a league department
    ];
    const found = codes(context(), impls.map((m, i) => item(`010010000${i}`, { implementations: [m] })));
    expect(found).toEqual([
      'items[0].implementations[0]:orgCode:unknown-org',
      'items[1].implementations[0]:orgCode:org-without-credit-code',
      'items[2].implementations[0]:code:implementation-code-item-mismatch',
      'items[3].implementations[0]:code:implementation-code-level-mismatch',
    ]);
    expect(codes(context({ scopePath: '/g/other/' }), [item('0100100000', { implementations: [{ orgCode: 'SCJ' }] })])).toEqual(['items[0].implementations[0]:orgCode:org-out-of-scope']);
  });

  it('reports schema and lint problems of a guide at the field path', () => {
    const guide = guideContent({ itemName: '测试事项' }) as unknown as Record<string, any>;
    guide.promisedLimit.days = 'ten';
    guide.materials[1].name = '其他相关材料';
    const found = codes(context(), [item('0100100000', { implementations: [{ orgCode: 'SCJ', guide }] })]);
    expect(found).toContain('items[0].implementations[0]:guide.promisedLimit.days:invalid-value');
    expect(found).toContain('items[0].implementations[0]:guide.materials.1.name:catch-all-material-wording');
  });
});

describe('import plan helpers', () => {
  it('compares content regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: undefined, z: 'a' }] })).toBe(canonicalJson({ a: [{ z: 'a', y: 2 }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });

  it('finds the version in force on a date: latest effective date, then highest number, published only', () => {
    const h = (versionNo: number, effectiveFrom: string | null, status = 'published') => ({ id: `v${versionNo}`, implementationId: 'i', versionNo, status, effectiveFrom });
    const heads = [h(1, '2024-01-01'), h(2, '2024-06-01'), h(3, '2024-06-01'), h(4, '2025-01-01'), h(5, null, 'draft')];
    expect(versionInForce(heads, '2024-05-31')?.id).toBe('v1');
    expect(versionInForce(heads, '2024-07-01')?.id).toBe('v3');
    expect(versionInForce(heads, '2026-01-01')?.id).toBe('v4');
    expect(versionInForce(heads, '2023-01-01')).toBeUndefined();
  });
});
