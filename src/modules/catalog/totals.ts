// Totals of a guide (减材料、减时限、减环节、减跑动): what one applicant faces.
// Decisions (documented because others compare these numbers across versions and regions):
// - materials: distinct required materials an applicant brings in ONE situation. With situations
//   (情形) we take the largest situation, not the union: no applicant is in 新办 and 注销 at once,
//   and the union would grow each time a situation is added. A material no situation selects is
//   common to every situation. Materials with required === false (容缺/选填) are not counted.
// - applicantMaterials: the same count without the materials obtained by data sharing (共享获取).
// - working days: a limit in calendar days is converted to its upper bound in working days
//   (ceil(days × 5/7), see time-limits.ts): the totals never understate how long someone waits.
// - feesYuan: the sum of the fee items when the item is charged; 0 for a free item.
// - visits (到现场次数): the steps that need the applicant on site.
import type { GuideDraft, GuideTotals, Material } from './guide-content.js';
import { list, text } from './lint-rules.js';
import { isTimeLimit, workingDayBounds } from './time-limits.js';

export function computeTotals(content: GuideDraft): GuideTotals {
  const c: GuideDraft = content && typeof content === 'object' ? content : {};
  const perSituation = situationMaterials(c);
  const process = list(c.process);
  return {
    steps: process.length,
    materials: Math.max(0, ...perSituation.map((ms) => ms.length)),
    applicantMaterials: Math.max(0, ...perSituation.map((ms) => ms.filter((m) => m.source !== 'sharing').length)),
    promisedWorkingDays: isTimeLimit(c.promisedLimit) ? workingDayBounds(c.promisedLimit).max : 0,
    legalWorkingDays: isTimeLimit(c.legalLimit) ? workingDayBounds(c.legalLimit).max : 0,
    feesYuan: c.fees?.charged === true ? sumYuan(list(c.fees.items).map((f) => f?.amountYuan)) : 0,
    visits: process.filter((s) => s?.onSite === true).length,
  };
}

/** The required materials of each situation (one pseudo-situation when the guide has none). */
export function situationMaterials(c: GuideDraft): Material[][] {
  const required = distinctById(list(c.materials).filter((m) => m && typeof m === 'object' && m.required !== false));
  const situations = list(c.situations);
  if (situations.length === 0) return [required];
  const selected = new Set(situations.flatMap((s) => list(s?.materialIds)));
  return situations.map((s) => {
    const mine = new Set(list(s?.materialIds));
    return required.filter((m) => mine.has(m.id) || !selected.has(m.id));
  });
}

function distinctById(materials: Material[]): Material[] {
  const seen = new Set<string>();
  return materials.filter((m) => {
    const id = text(m.id);
    if (!id) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Sums amounts in fen (分) so 0.1 + 0.2 prints as 0.3. */
function sumYuan(amounts: unknown[]): number {
  const fen = amounts.reduce<number>((n, a) => n + (typeof a === 'number' && Number.isFinite(a) ? Math.round(a * 100) : 0), 0);
  return fen / 100;
}
