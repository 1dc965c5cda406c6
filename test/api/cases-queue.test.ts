// The case lists (workbench queue, search, overdue, 我的办件): keyset pages that return every case
// exactly once in due order, only within the viewer's organization subtree, with personal data
// masked for viewers who do not process cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGuide, makeImplementation } from '../factories.js';
import { caseGuideContent, createCaseTestApp, makeCaseWorld, submitAtWindow, submitOnline, type CaseTestApp, type CaseWorld } from '../case-fixture.js';

interface Summary {
  id: string;
  caseNumber: string;
  state: string;
  applicantName: string;
  acceptanceDueOn: string;
  dueOn: string | null;
  submittedAt: string;
  colour: string;
  remainingDays: number | null;
  acceptanceOverdue: boolean;
}

let t: CaseTestApp;
let w: CaseWorld;
/** Cases of the implementing department, and of the other department. */
const deptCases: string[] = [];
const otherCases: string[] = [];

/** Every page of a list, following nextCursor; fails on a page that repeats a case. */
async function allPages(as: (url: string) => Promise<{ statusCode: number; json(): { items: Summary[]; nextCursor: string | null } }>, url: string) {
  const items: Summary[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await as(`${url}${url.includes('?') ? '&' : '?'}${cursor ? `cursor=${encodeURIComponent(cursor)}&` : ''}limit=3`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeLessThanOrEqual(3);
    items.push(...body.items);
    cursor = body.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(50);
  } while (cursor);
  expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  return { items, pages };
}

const staffGet = (userId: string) => (url: string) => t.injectAs(userId, { method: 'GET', url });

beforeAll(async () => {
  t = await createCaseTestApp();
  w = await makeCaseWorld(t.db, t.config);
  const otherImpl = await makeImplementation(t.db, { orgId: w.orgs.other.id });
  await makeGuide(t.db, { implementationId: otherImpl.id, content: caseGuideContent() });
  // Submissions on four working days, so acceptance deadlines differ and several share a day.
  for (const day of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']) {
    t.clock.set(`${day}T09:00:00+08:00`);
    deptCases.push((await submitAtWindow(t, w)).id);
    deptCases.push((await submitAtWindow(t, w, { applicant: { kind: 'person', name: w.otherApplicant.name, idNumber: w.otherApplicant.idNumber } })).id);
    otherCases.push((await submitAtWindow(t, w, { clerk: w.users.outsider, implementationId: otherImpl.id })).id);
  }
  deptCases.push((await submitOnline(t, w)).id);
}, 120_000);
afterAll(async () => t?.close());

describe('the workbench queue', () => {
  it('returns every case of the viewer’s subtree once, in acceptance-due order, across pages', async () => {
    const { items, pages } = await allPages(staffGet(w.users.clerk), '/api/cases/queue?view=acceptance');
    expect(pages).toBeGreaterThan(2);
    expect(items.map((i) => i.id).sort()).toEqual([...deptCases].sort());
    const keys = items.map((i) => `${i.acceptanceDueOn}|${i.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(items[0].acceptanceDueOn).toBe('2026-03-03');
  });

  it('shows another department only its own cases, and a management office every department under it', async () => {
    const outsider = await allPages(staffGet(w.users.outsider), '/api/cases/queue?view=open');
    expect(outsider.items.map((i) => i.id).sort()).toEqual([...otherCases].sort());
    const supervisor = await allPages(staffGet(w.users.supervisor), '/api/cases/queue?view=open');
    expect(supervisor.items.map((i) => i.id).sort()).toEqual([...deptCases, ...otherCases].sort());
  });

  it('orders the review queue by due date, ties by id, with remaining days and colours', async () => {
    // The acceptance itself is the actions' business (tested there); here five cases are put
    // under review directly with chosen due dates, two of them on the same day.
    const dueDates = ['2026-03-30', '2026-03-20', '2026-03-30', '2026-03-06', '2026-04-10'];
    const reviewed = deptCases.slice(0, 5);
    for (const [i, id] of reviewed.entries()) {
      await t.db.updateTable('cases').set({ state: 'under-review', accepted_on: '2026-03-05', accepted_at: new Date(), due_on: dueDates[i] }).where('id', '=', id).execute();
    }
    t.clock.set('2026-03-05T10:00:00+08:00');
    const { items } = await allPages(staffGet(w.users.reviewer), '/api/cases/queue?view=review');
    expect(items.map((i) => i.id).sort()).toEqual([...reviewed].sort());
    const keys = items.map((i) => `${i.dueOn}|${i.id}`);
    expect(keys).toEqual([...keys].sort());
    // 20 working days promised: 2026-03-06 is one working day away (amber, the last fifth).
    expect(items[0]).toMatchObject({ dueOn: '2026-03-06', remainingDays: 1, colour: 'amber' });
    expect(items[items.length - 1]).toMatchObject({ dueOn: '2026-04-10', colour: 'green' });
    // Acceptance no longer lists them.
    const acceptance = await allPages(staffGet(w.users.clerk), '/api/cases/queue?view=acceptance');
    expect(acceptance.items.some((i) => reviewed.includes(i.id))).toBe(false);
  });

  it('refuses a cursor that is not one of ours, and a page over 100', async () => {
    const bad = await t.injectAs(w.users.clerk, { method: 'GET', url: '/api/cases/queue?view=open&cursor=not-a-cursor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().invalidParams[0].name).toBe('querystring.cursor');
    const big = await t.injectAs(w.users.clerk, { method: 'GET', url: '/api/cases/queue?limit=101' });
    expect(big.statusCode).toBe(400);
  });
});

describe('overdue lists (supervision)', () => {
  it('lists acceptance not decided in a working day and running clocks past their due date, within scope', async () => {
    t.clock.set('2026-03-09T09:00:00+08:00');
    const acceptance = await allPages(staffGet(w.users.supervisor), '/api/cases/overdue?kind=acceptance');
    const submitted = await t.db.selectFrom('cases').select(['id', 'acceptance_due_on']).where('state', '=', 'submitted').execute();
    expect(acceptance.items.map((i) => i.id).sort()).toEqual(submitted.filter((c) => c.acceptance_due_on < '2026-03-09').map((c) => c.id).sort());
    expect(acceptance.items.every((i) => i.acceptanceOverdue)).toBe(true);
    const decision = await allPages(staffGet(w.users.supervisor), '/api/cases/overdue?kind=decision');
    // Only the case due 2026-03-06 is past due on 2026-03-09.
    expect(decision.items.map((i) => i.dueOn)).toEqual(['2026-03-06']);
    expect(decision.items[0].colour).toBe('red');
    // Outside the office's scope nothing shows; a clerk does not supervise.
    expect((await t.injectAs(w.users.clerk, { method: 'GET', url: '/api/cases/overdue?kind=acceptance' })).statusCode).toBe(403);
  });
});

describe('search', () => {
  it('finds a case by its number and cases by the applicant’s name, newest first, in scope only', async () => {
    const one = await t.db.selectFrom('cases').select(['id', 'case_number']).where('id', '=', otherCases[0]).executeTakeFirstOrThrow();
    const byNumber = (await t.injectAs(w.users.outsider, { method: 'GET', url: `/api/cases?q=${one.case_number}` })).json();
    expect(byNumber.items.map((i: Summary) => i.id)).toEqual([one.id]);
    // The department's clerk does not see the other department's case even by its number.
    expect((await t.injectAs(w.users.clerk, { method: 'GET', url: `/api/cases?q=${one.case_number}` })).json().items).toEqual([]);

    const byName = await allPages(staffGet(w.users.clerk), `/api/cases?q=${encodeURIComponent('三明')}`);
    const expected = await t.db.selectFrom('cases').select('id').where('applicant_name', '=', '张三明').where('org_id', '=', w.orgs.dept.id).execute();
    expect(byName.items.map((i) => i.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const times = byName.items.map((i) => `${i.submittedAt}|${i.id}`);
    expect(times).toEqual([...times].sort().reverse());

    const state = (await t.injectAs(w.users.clerk, { method: 'GET', url: '/api/cases?state=under-review&limit=100' })).json();
    expect(state.items).toHaveLength(5);
    expect((await t.injectAs(w.users.clerk, { method: 'GET', url: '/api/cases?state=lost' })).statusCode).toBe(400);
  });
});

describe('personal data', () => {
  it('is whole for staff who process cases and masked for supervisors and administrators', async () => {
    const id = deptCases[deptCases.length - 1];
    const clerk = (await t.injectAs(w.users.clerk, { method: 'GET', url: `/api/cases/${id}` })).json();
    expect(clerk.applicant).toMatchObject({ name: '张三明', idNumber: w.applicant.idNumber, phone: w.applicant.phone });
    for (const viewer of [w.users.supervisor, w.users.admin]) {
      const masked = (await t.injectAs(viewer, { method: 'GET', url: `/api/cases/${id}` })).json();
      expect(masked.applicantName).toBe('张*明');
      expect(masked.applicant.name).toBe('张*明');
      expect(masked.applicant.idNumber).toBe(`${w.applicant.idNumber.slice(0, 4)}**********${w.applicant.idNumber.slice(-4)}`);
      expect(masked.applicant.phone).toBe(`${w.applicant.phone.slice(0, 3)}****${w.applicant.phone.slice(-4)}`);
      expect(masked.applicant.email).toBe('a********@example.com');
      // The online applicant's own name in the history is masked too.
      expect(masked.history[0].actor.name).toBe('张*明');
      expect(masked.allowedActions).toEqual(masked.allowedActions.filter((a: string) => a === 'phone-follow-up'));
      expect(JSON.stringify(masked)).not.toContain(w.applicant.idNumber);
    }
    const queue = (await t.injectAs(w.users.supervisor, { method: 'GET', url: '/api/cases/queue?view=acceptance&limit=100' })).json();
    expect(queue.items.every((i: Summary) => i.applicantName.includes('*'))).toBe(true);
    const clerkQueue = (await t.injectAs(w.users.clerk, { method: 'GET', url: '/api/cases/queue?view=acceptance&limit=100' })).json();
    expect(clerkQueue.items.map((i: Summary) => i.applicantName)).toContain('张三明');
  });

  it('hides a case from staff outside its organization', async () => {
    const res = await t.injectAs(w.users.outsider, { method: 'GET', url: `/api/cases/${deptCases[0]}` });
    expect(res.statusCode).toBe(404);
  });
});

describe('我的办件', () => {
  it('lists the applicant’s own cases only, newest first, across pages', async () => {
    const mine = await allPages((url) => t.asApplicant(w.applicant.token, { method: 'GET', url }), '/api/my/cases');
    const expected = await t.db.selectFrom('cases').select('id').where('applicant_id', '=', w.applicant.id).execute();
    // Window cases of the same identity (in both departments) are linked to the account, so they
    // are listed too: 4 + 4 at windows, 1 online.
    expect(expected.length).toBe(9);
    expect(mine.items.map((i) => i.id).sort()).toEqual(expected.map((r) => r.id).sort());
    expect(mine.items.every((i) => i.applicantName === '张三明')).toBe(true);
    const theirs = await allPages((url) => t.asApplicant(w.otherApplicant.token, { method: 'GET', url }), '/api/my/cases');
    expect(theirs.items).toHaveLength(4);
    expect(theirs.items.some((i) => mine.items.some((m) => m.id === i.id))).toBe(false);
    // Someone else's case is not found; without a session the answer is 401.
    expect((await t.asApplicant(w.otherApplicant.token, { method: 'GET', url: `/api/my/cases/${mine.items[0].id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/my/cases' })).statusCode).toBe(401);
  });
});
