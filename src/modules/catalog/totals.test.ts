import { describe, expect, it } from 'vitest';
import { computeTotals } from './totals.js';
import { cleanGuide } from '../../../test/fixtures/guides.js';
import type { GuideDraft } from './guide-content.js';

describe('computeTotals', () => {
  it('counts what one applicant faces in the clean fixture', () => {
    // The proxy situation is the largest: 6 materials, 2 of them obtained by data sharing.
    expect(computeTotals(cleanGuide())).toEqual({
      steps: 5,
      materials: 6,
      applicantMaterials: 4,
      promisedWorkingDays: 5,
      legalWorkingDays: 10,
      feesYuan: 0,
      visits: 1,
    });
  });

  it('takes the largest situation, not the union, and treats unselected materials as common', () => {
    const g = cleanGuide();
    g.situations = [
      { id: 'new', name: '新办', materialIds: ['application', 'layout'] },
      { id: 'cancel', name: '注销', materialIds: ['power-of-attorney'] },
    ];
    // common: business-licence, legal-rep-id, safety-rules → 新办 has 5, 注销 has 4; the union would be 6.
    expect(computeTotals(g).materials).toBe(5);
    expect(computeTotals(g).applicantMaterials).toBe(3);
  });

  it('leaves out optional materials and counts duplicates once', () => {
    const g = cleanGuide();
    g.situations = [];
    g.materials[5].required = false;
    g.materials.push({ ...g.materials[3] });
    expect(computeTotals(g).materials).toBe(5);
  });

  it('sums fees only for a charged item, without float noise', () => {
    const g = cleanGuide();
    g.fees = { charged: true, basis: '依标准', items: [{ name: 'A', amountYuan: 0.1, basis: 'x' }, { name: 'B', amountYuan: 0.2, basis: 'y' }] };
    expect(computeTotals(g).feesYuan).toBe(0.3);
    g.fees.charged = false;
    expect(computeTotals(g).feesYuan).toBe(0);
  });

  it('converts calendar days to their upper bound in working days and counts on-site steps', () => {
    const g = cleanGuide();
    g.legalLimit = { days: 30, unit: 'calendar-day' };
    g.promisedLimit = { days: 20, unit: 'calendar-day' };
    g.process[4].onSite = true;
    expect(computeTotals(g)).toMatchObject({ legalWorkingDays: 22, promisedWorkingDays: 15, visits: 2 });
  });

  it('gives zeros for an empty draft', () => {
    expect(computeTotals({} as GuideDraft)).toEqual({ steps: 0, materials: 0, applicantMaterials: 0, promisedWorkingDays: 0, legalWorkingDays: 0, feesYuan: 0, visits: 0 });
  });
});
