// Art. 9 and 11 beyond presence: time limits that hold together, a process and situations that
// reference real materials, a result with its sample, contact lines a citizen can actually call.
import type { GuideDraft, TimeLimit } from './guide-content.js';
import { phoneProblem } from './lint-text.js';
import { formatLimit, formatLimitEn, isTimeLimit, mayExceed, workingDayBounds } from './time-limits.js';
import { list, text, type Check, type Report } from './lint-rules.js';

export const checkTimeLimits: Check = (c, ctx, report) => {
  const legal = isTimeLimit(c.legalLimit) ? c.legalLimit : null;
  const promised = isTimeLimit(c.promisedLimit) ? c.promisedLimit : null;
  if (legal && promised && mayExceed(promised, legal)) {
    report('promised-exceeds-legal', 'promisedLimit.days', `承诺办结时限（${formatLimit(promised)}）超过法定办结时限（${formatLimit(legal)}）`, `the promised limit (${formatLimitEn(promised)}) exceeds the legal limit (${formatLimitEn(legal)})`);
  }
  const catalog = ctx.legalLimitDays;
  if (catalog !== null && promised && mayExceed(promised, { days: catalog, unit: 'working-day' })) {
    report('promised-exceeds-legal', 'promisedLimit.days', `承诺办结时限（${formatLimit(promised)}）超过事项目录记载的法定时限（${catalog}个工作日）`, `the promised limit (${formatLimitEn(promised)}) exceeds the catalog's legal limit of ${catalog} working days`);
  }
  if (catalog !== null && legal) {
    const b = workingDayBounds(legal);
    if (catalog < b.min || catalog > b.max) {
      report('legal-limit-mismatch', 'legalLimit.days', `法定办结时限（${formatLimit(legal)}）与事项目录记载（${catalog}个工作日）不一致`, `the legal limit differs from the catalog's ${catalog} working days`);
    }
  }
  for (const [key, limit] of [['legalLimit', legal], ['promisedLimit', promised]] as const) {
    if (limit?.unit === 'calendar-day') {
      report('calendar-day-limit', `${key}.unit`, `${key === 'legalLimit' ? '法定' : '承诺'}办结时限以自然日计，宜以工作日计`, `the ${key === 'legalLimit' ? 'legal' : 'promised'} limit is in calendar days; working days are preferred`);
    }
  }
};

export const checkProcess: Check = (c, _ctx, report) => {
  const promised = isTimeLimit(c.promisedLimit) ? c.promisedLimit : null;
  const counted = list(c.process).filter((s) => s?.countsTowardLimit && isTimeLimit(s.timeLimit));
  if (promised && counted.length > 0) {
    const total = sumLimits(counted.map((s) => s.timeLimit), promised.unit);
    if (mayExceed(total, promised)) {
      report('steps-exceed-promised', 'process', `计入时限的环节时限合计${formatLimit(total)}，超过承诺办结时限（${formatLimit(promised)}）`, `counted steps add up to ${formatLimitEn(total)}, more than the promised limit (${formatLimitEn(promised)})`);
    }
  }
  // 即办件 (promised 0 days) are immediate by design: every step has 0 days, nothing to warn about.
  if (promised?.days === 0) return;
  list(c.process).forEach((s, i) => {
    if (s?.countsTowardLimit && isTimeLimit(s.timeLimit) && s.timeLimit.days === 0) {
      report('zero-day-counted-step', `process.${i}.timeLimit.days`, `环节“${text(s.name)}”计入时限但时限为0`, `step "${text(s.name)}" counts toward the limit but has 0 days`);
    }
  });
};

/** The sum in one unit when all share it, else in working days by the upper bound (conservative). */
function sumLimits(limits: TimeLimit[], preferred: TimeLimit['unit']): TimeLimit {
  if (limits.every((l) => l.unit === preferred)) return { days: limits.reduce((n, l) => n + l.days, 0), unit: preferred };
  return { days: limits.reduce((n, l) => n + workingDayBounds(l).max, 0), unit: 'working-day' };
}

export const checkReferences: Check = (c, _ctx, report) => {
  const ids = new Set<string>();
  for (const key of ['materials', 'process', 'situations'] as const) {
    const seen = new Set<string>();
    list<{ id?: string }>(c[key]).forEach((item, i) => {
      const id = text(item?.id);
      if (!id) return;
      if (seen.has(id)) report('duplicate-id', `${key}.${i}.id`, `标识“${id}”重复`, `id "${id}" is used twice in ${key}`);
      seen.add(id);
      if (key === 'materials') ids.add(id);
    });
  }
  for (const key of ['situations', 'process'] as const) {
    list<{ name?: string; materialIds?: string[] }>(c[key]).forEach((item, i) => {
      list(item?.materialIds).forEach((id, j) => {
        if (!ids.has(id)) report('unknown-material-reference', `${key}.${i}.materialIds.${j}`, `${key === 'process' ? '环节' : '情形'}“${text(item.name)}”引用了不存在的材料“${id}”`, `${key === 'process' ? 'step' : 'situation'} "${text(item.name)}" references material "${id}", which does not exist`);
      });
    });
  }
};

export const checkResult: Check = (c, _ctx, report) => {
  if (!c.result) return; // reported as a missing element
  if (!text(c.result.sample?.url)) {
    report('result-without-sample', 'result.sample', '办理结果未提供结果文书样本（涉及隐私的信息应作隐藏处理）', 'the result has no (redacted) sample document');
  }
  if (c.result.kind === 'licence' && !text(c.result.licenceTypeCode)) {
    report('licence-result-without-type', 'result.licenceTypeCode', '证照类结果未关联电子证照类型代码', 'a licence result has no e-licence type code');
  }
};

export const checkContacts: Check = (c, _ctx, report) => {
  for (const [key, zh] of [['consultation', '咨询电话'], ['complaint', '投诉电话']] as const) {
    const phone = text(c[key]?.phone);
    const problem = phone ? phoneProblem(phone) : null;
    if (problem) report('placeholder-phone', `${key}.phone`, `${zh}“${phone}”疑为占位号码（${problem.zh}）`, `the ${key} phone looks like a placeholder (${problem.en})`);
  }
};

export const checkFeeAmounts: Check = (c: GuideDraft, _ctx, report: Report) => {
  const items = list(c.fees?.items);
  if (c.fees?.charged === true) {
    items.forEach((fee, i) => {
      if (fee?.amountYuan === 0) report('charged-with-zero-amount', `fees.items.${i}.amountYuan`, `收费项目“${text(fee.name)}”金额为0`, `fee "${text(fee.name)}" is charged at 0 yuan`);
    });
  } else if (c.fees?.charged === false && items.length > 0) {
    report('fees-on-free-item', 'fees.items', '事项标明不收费，但列有收费项目', 'the item is marked free but lists fee items');
  }
};
