import { describe, expect, it } from 'vitest';
import type { GuideContent, GuideDraft } from './guide-content.js';
import { hasLintErrors, LINT_RULES, lintGuide, type LintContext } from './lint.js';
import { DEFAULT_LICENCE_TYPES, defaultLicenceTypeDepartments, defaultShareableLicenceTypes } from './licence-types.js';
import { badGuide, cleanGuide } from '../../../test/fixtures/guides.js';

const ctx = (over: Partial<LintContext> = {}): LintContext => ({
  legalLimitDays: null,
  shareableLicenceTypes: defaultShareableLicenceTypes(),
  licenceTypeDepartments: defaultLicenceTypeDepartments(),
  ...over,
});
const code = (name: string) => DEFAULT_LICENCE_TYPES.find((t) => t.name === name)!.code;
const lint = (g: GuideDraft, c = ctx()) => lintGuide(g, c);
const hits = (g: GuideDraft, rule: string, c = ctx()) => lint(g, c).filter((m) => m.rule === rule);
const mutated = (fn: (g: GuideContent) => void) => {
  const g = cleanGuide();
  fn(g);
  return g;
};

/** One mistake per case, on top of the clean fixture: the rule must fire at that field. */
const CASES: { rule: string; field: string; mutate: (g: GuideContent) => void; context?: Partial<LintContext> }[] = [
  { rule: 'missing-element', field: 'acceptanceConditions', mutate: (g) => (g.acceptanceConditions = []) },
  { rule: 'missing-element', field: 'implementingBody', mutate: (g) => (g.implementingBody = '  ') },
  { rule: 'promised-exceeds-legal', field: 'promisedLimit.days', mutate: (g) => (g.promisedLimit = { days: 11, unit: 'working-day' }) },
  { rule: 'legal-limit-mismatch', field: 'legalLimit.days', mutate: (g) => (g.legalLimit = { days: 12, unit: 'working-day' }), context: { legalLimitDays: 10 } },
  { rule: 'material-without-legal-basis', field: 'materials.3.legalBasis', mutate: (g) => (g.materials[3].legalBasis = '') },
  { rule: 'catch-all-material-wording', field: 'materials.4.name', mutate: (g) => (g.materials[4].name = '其他材料') },
  { rule: 'vague-material-wording', field: 'materials.3.name', mutate: (g) => (g.materials[3].name = '相关方身份证明') },
  { rule: 'form-without-blank-and-sample', field: 'materials.0.blankForm', mutate: (g) => delete g.materials[0].blankForm },
  { rule: 'intermediary-without-agency', field: 'materials.3.intermediary.agencyCategory', mutate: (g) => (g.materials[3].source = 'intermediary') },
  { rule: 'department-material-without-issuer', field: 'materials.3.issuingDepartment', mutate: (g) => (g.materials[3].source = 'department') },
  { rule: 'shareable-material-demanded', field: 'materials.1.source', mutate: (g) => (g.materials[1].source = 'applicant') },
  {
    rule: 'shareable-material-suspected',
    field: 'materials.3.licenceTypeCode',
    mutate: (g) => Object.assign(g.materials[3], { name: '结婚证', source: 'department', issuingDepartment: '乌兰浩特市民政局' }),
  },
  { rule: 'unknown-licence-type', field: 'materials.1.licenceTypeCode', mutate: (g) => (g.materials[1].licenceTypeCode = '999999999999999999001') },
  { rule: 'result-without-sample', field: 'result.sample', mutate: (g) => delete g.result.sample },
  { rule: 'licence-result-without-type', field: 'result.licenceTypeCode', mutate: (g) => delete g.result.licenceTypeCode },
  { rule: 'unknown-material-reference', field: 'process.1.materialIds.0', mutate: (g) => (g.process[1].materialIds = ['photo']) },
  { rule: 'duplicate-id', field: 'materials.5.id', mutate: (g) => (g.materials[5].id = 'layout') },
  { rule: 'steps-exceed-promised', field: 'process', mutate: (g) => (g.process[1].timeLimit.days = 3) },
  { rule: 'placeholder-phone', field: 'consultation.phone', mutate: (g) => (g.consultation.phone = '0482-1234567') },
  { rule: 'calendar-day-limit', field: 'legalLimit.unit', mutate: (g) => (g.legalLimit = { days: 14, unit: 'calendar-day' }) },
  { rule: 'zero-day-counted-step', field: 'process.3.timeLimit.days', mutate: (g) => (g.process[3].timeLimit.days = 0) },
  {
    rule: 'charged-with-zero-amount',
    field: 'fees.items.0.amountYuan',
    mutate: (g) => (g.fees = { charged: true, items: [{ name: '工本费', amountYuan: 0, basis: '《关于……的通知》' }], basis: '按标准收取' }),
  },
  { rule: 'fees-on-free-item', field: 'fees.items', mutate: (g) => g.fees.items.push({ name: '工本费', amountYuan: 10, basis: '《关于……的通知》' }) },
];

describe('lintGuide on the fixtures', () => {
  it('finds nothing at all in the clean fixture', () => {
    expect(lint(cleanGuide())).toEqual([]);
  });

  it('blocks the bad fixture with errors first, each naming article, field and both languages', () => {
    const messages = lint(badGuide());
    expect(hasLintErrors(messages)).toBe(true);
    const firstWarning = messages.findIndex((m) => m.severity === 'warning');
    expect(messages.slice(firstWarning).every((m) => m.severity === 'warning')).toBe(true);
    for (const m of messages) {
      expect(m.article).toMatch(/^第.+条.* Art\. \d+/);
      expect(m.field).not.toBe('');
      expect(m.message).toMatch(/^[^a-zA-Z]*[\u4e00-\u9fff].*\(.*[a-z].*\)$/);
    }
  });
});

describe('each rule fires on its own mistake', () => {
  it.each(CASES)('$rule at $field', ({ rule, field, mutate, context }) => {
    expect(hits(cleanGuide(), rule, ctx(context))).toEqual([]);
    const messages = lint(mutated(mutate), ctx(context));
    expect(messages.map((m) => `${m.rule}@${m.field}`)).toContain(`${rule}@${field}`);
    const table = LINT_RULES.find((r) => r.id === rule)!;
    expect(messages.find((m) => m.rule === rule)).toMatchObject({ severity: table.severity, article: table.article });
  });

  it('covers every rule of the table', () => {
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(LINT_RULES.map((r) => r.id)));
  });

  it('runs against the catalog-recorded legal limit when the context has one', () => {
    expect(hits(cleanGuide(), 'promised-exceeds-legal', ctx({ legalLimitDays: 4 }))).toHaveLength(1);
    expect(hits(cleanGuide(), 'promised-exceeds-legal', ctx({ legalLimitDays: 10 }))).toHaveLength(0);
  });
});

describe('missing elements (Art. 9)', () => {
  it('names every element of an empty draft and does not throw on garbage', () => {
    const fields = hits({}, 'missing-element').map((m) => m.field);
    for (const f of ['itemName', 'itemType', 'acceptanceConditions', 'implementingBody', 'serviceObjects', 'legalLimit', 'promisedLimit', 'fees', 'legalBasis', 'materials', 'process', 'handlingForms', 'locations', 'result', 'consultation.phone', 'complaint.phone']) {
      expect(fields).toContain(f);
    }
    const garbage = { materials: [null, {}], process: [{ timeLimit: {} }], fees: { charged: true }, result: {} } as unknown as GuideDraft;
    expect(() => lint(garbage)).not.toThrow();
    expect(() => lint(null as unknown as GuideDraft)).not.toThrow();
  });

  it('counts empty strings as missing, and a charged item needs fee items with a basis', () => {
    const g = mutated((x) => {
      x.acceptanceConditions.push('');
      x.fees = { charged: true, items: [], basis: '' };
    });
    const fields = hits(g, 'missing-element').map((m) => m.field);
    expect(fields).toEqual(expect.arrayContaining(['acceptanceConditions.3', 'fees.basis', 'fees.items']));
  });
});

describe('time limits', () => {
  it('compares across units conservatively: 30 calendar days hold at least 21 working days', () => {
    const legal30 = (promised: number) => mutated((g) => {
      g.legalLimit = { days: 30, unit: 'calendar-day' };
      g.promisedLimit = { days: promised, unit: 'working-day' };
      g.process[1].timeLimit.days = 1;
    });
    expect(hits(legal30(21), 'promised-exceeds-legal')).toHaveLength(0);
    expect(hits(legal30(22), 'promised-exceeds-legal')).toHaveLength(1);
  });

  it('does not warn about zero-day steps of an immediate item (即办件)', () => {
    const g = mutated((x) => {
      x.promisedLimit = { days: 0, unit: 'working-day' };
      for (const s of x.process) s.timeLimit.days = 0;
    });
    expect(hits(g, 'zero-day-counted-step')).toHaveLength(0);
    expect(hits(g, 'steps-exceed-promised')).toHaveLength(0);
  });

  it('leaves special steps (特殊环节) out of the step sum', () => {
    expect(hits(mutated((g) => (g.process[2].timeLimit.days = 60)), 'steps-exceed-promised')).toHaveLength(0);
  });
});

describe('materials (Art. 10)', () => {
  it('accepts an intermediary material that names only the qualification (类别或资质)', () => {
    const g = mutated((x) => Object.assign(x.materials[3], { source: 'intermediary', intermediary: { agencyCategory: '', qualification: '具有乙级以上测绘资质' } }));
    expect(hits(g, 'intermediary-without-agency')).toHaveLength(0);
  });

  it('does not suspect a licence issued by a different kind of department', () => {
    const g = mutated((x) => Object.assign(x.materials[3], { name: '结婚证', source: 'department', issuingDepartment: '乌兰浩特市公安局' }));
    expect(hits(g, 'shareable-material-suspected')).toHaveLength(0);
  });

  it('recognises a short name and an office by its common short form', () => {
    const g = mutated((x) => Object.assign(x.materials[3], { name: '户口簿', source: 'department', issuingDepartment: '兴安盟公安局' }));
    expect(hits(g, 'shareable-material-suspected')).toHaveLength(1);
    const h = mutated((x) => Object.assign(x.materials[3], { name: '营业执照副本', source: 'department', issuingDepartment: '科右前旗市场监管局' }));
    expect(hits(h, 'shareable-material-suspected')).toHaveLength(1);
  });

  it('treats a licence type as shareable only when the context holds it', () => {
    const g = mutated((x) => (x.materials[1].source = 'applicant'));
    expect(hits(g, 'shareable-material-demanded', ctx({ shareableLicenceTypes: new Map() }))).toHaveLength(0);
    expect(code('营业执照')).toHaveLength(21);
  });
});
