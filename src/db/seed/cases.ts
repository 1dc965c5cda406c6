// Demo cases (办件) at the league market-regulation bureau, in every stage a visitor may want to
// see in the workbench: waiting for acceptance, supplement notice out, under review, paused for
// expert review, waiting for the decision, granted, delivered, not accepted. They go through the
// same services as real cases (history, notices, messages, timers), dated today, so their due
// dates are real. A case whose dates reach a year without holiday data is skipped, not faked.
import type { AppDeps } from '../../app.js';
import { computeCreditCodeCheck, computeOrganizationCodeCheck } from '../../lib/credit-code.js';
import { identityCheckCharacter } from '../../lib/identity-number.js';
import { todayOf } from '../../lib/clock.js';
import { takeAction } from '../../modules/cases/actions-service.js';
import { materialsOfSituation, submitApplication } from '../../modules/cases/apply-service.js';
import { staffActor } from '../../modules/cases/store.js';
import { actorForUser } from '../../modules/identity/service.js';
import { demoUserId } from './users.js';

type Step = (caseId: string, version: () => Promise<number>) => Promise<void>;

/** Each demo applicant as a person and as a company: which applies depends on the guide's 服务对象. */
const APPLICANTS = [
  ['包思琪', '乌兰浩特市晨光商贸有限公司', '13904820101'],
  ['王建国', '兴安盟绿野农牧科技有限公司', '13904820102'],
  ['乌日娜', '乌兰浩特市红城餐饮管理有限公司', '13904820103'],
  ['刘志强', '兴安盟罕山建材有限公司', '13904820104'],
  ['张桂兰', '乌兰浩特市洮儿河物流有限公司', '13904820105'],
  ['其其格', '兴安盟岭南食品有限公司', '13904820106'],
  ['李春生', '乌兰浩特市五一文化传媒有限公司', '13904820107'],
  ['赵海燕', '兴安盟科尔沁农业发展有限公司', '13904820108'],
] as const;

/** A valid resident ID number of 乌兰浩特市 (152201) for the n-th demo applicant. */
function demoIdNumber(n: number): string {
  const birth = `19${80 + n}0${(n % 9) + 1}1${n % 9}`; // 1981-02-11 …
  const first17 = `152201${birth}${String(n).padStart(2, '0')}${n % 2 ? 1 : 2}`;
  return first17 + identityCheckCharacter(first17);
}

/** A valid unified social credit code of an enterprise (91) registered in 乌兰浩特市 for the n-th demo company. */
function demoCreditCode(n: number): string {
  const body = `MA0TB${String(n).padStart(3, '0')}`;
  const first17 = `91152201${body}${computeOrganizationCodeCheck(body)}`;
  return first17 + computeCreditCodeCheck(first17);
}

export async function seedDemoCases(deps: AppDeps): Promise<{ cases: number; skipped: number }> {
  const [clerk, reviewer, decider] = await Promise.all(['scjg-clerk', 'scjg-reviewer', 'scjg-decider'].map((u) => actorForUser(deps.db, demoUserId(u))));
  if (!clerk || !reviewer || !decider) return { cases: 0, skipped: 0 };
  const today = todayOf(deps);
  const implementation = await deps.db
    .selectFrom('implementations as i')
    .innerJoin('guide_versions as gv', 'gv.implementation_id', 'i.id')
    .select(['i.id', 'gv.content'])
    .where('i.org_id', '=', clerk.orgId)
    .where('gv.status', '=', 'published')
    .where('gv.effective_from', '<=', today)
    .orderBy('i.code')
    .executeTakeFirst();
  if (!implementation) return { cases: 0, skipped: 0 };

  const content = implementation.content;
  const situationId = content.situations[0]?.id ?? null;
  const materials = materialsOfSituation(content, situationId)
    .filter((m) => m.source !== 'sharing')
    .map((m) => ({ materialId: m.id, paper: true }));
  const first = materialsOfSituation(content, situationId).find((m) => m.source !== 'sharing');
  // Applications are refused from applicants the guide does not serve (服务对象): people where the
  // item serves natural persons, companies where it serves legal persons and other organizations.
  const asPeople = content.serviceObjects.length === 0 || content.serviceObjects.includes('natural-person');

  const as = (actor: NonNullable<typeof clerk>) => staffActor(actor);
  const accept: Step = async (id, v) => takeAction(deps, as(clerk), id, 'accept', { version: await v() });
  const review: Step = async (id, v) => takeAction(deps, as(reviewer), id, 'complete-review', { version: await v(), opinion: '材料齐全，符合法定条件，建议准予。' });
  const grant: Step = async (id, v) => takeAction(deps, as(decider), id, 'grant', { version: await v(), resultForms: ['electronic', 'paper'] });
  const plans: Step[][] = [
    [],
    first ? [async (id, v) => takeAction(deps, as(clerk), id, 'request-supplement', { version: await v(), items: [{ materialId: first.id, note: '请补充加盖公章的原件扫描件' }], deadlineOn: today })] : [],
    [accept],
    [accept, async (id, v) => takeAction(deps, as(reviewer), id, 'pause', { version: await v(), kind: 'expert-review', reason: '需组织专家现场核查' })],
    [accept, review],
    [accept, review, grant],
    [accept, review, grant, async (id, v) => takeAction(deps, as(clerk), id, 'deliver', { version: await v(), method: 'window' })],
    [async (id, v) => takeAction(deps, as(clerk), id, 'refuse-acceptance', { version: await v(), reasons: '申请事项不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项', contact: '兴安盟市场监督管理局登记注册科 0482-8218120' })],
  ];

  let cases = 0;
  let skipped = 0;
  for (const [n, plan] of plans.entries()) {
    const [person, company, phone] = APPLICANTS[n]!;
    try {
      const { id } = await submitApplication(deps, as(clerk), {
        implementationId: implementation.id,
        situationId,
        applicant: asPeople ? { kind: 'person', name: person, idNumber: demoIdNumber(n + 1), phone } : { kind: 'enterprise', name: company, creditCode: demoCreditCode(n + 1), phone },
        materials,
      });
      const version = async () => (await deps.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
      for (const step of plan) await step(id, version);
      cases++;
    } catch {
      // e.g. a due date in a year whose holidays are not yet published (calendar-year-unknown)
      skipped++;
    }
  }
  return { cases, skipped };
}
