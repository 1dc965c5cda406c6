// What the platform does by itself, on time (issue 5): the tolerant-acceptance deadline ends the
// case the day after the deadline and not before; an undecided renewal is deemed granted at the
// licence's expiry (and a decided one is left alone); a lapsed supplement deadline withdraws the
// application; an unanswered application is flagged overdue to the supervisors. The clock is a
// ManualClock moved by the test; the timers are fired by the real job runner. After a "restart"
// (the app closed, a new one on the same database, the clock later) due timers fire on the first pass.
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { Clock } from '../../src/lib/clock.js';
import { ManualClock } from '../../src/lib/clock.js';
import { caseTimerHandlers } from '../../src/modules/cases/timers.js';
import { createPlatformRunner } from '../../src/modules/jobs/registry.js';
import { act, caseRow, createCaseTestApp, expectHistoryConsistent, makeCaseWorld, submitAtWindow, submitOnline, type CaseTestApp, type CaseWorld } from '../case-fixture.js';

let t: CaseTestApp;
let w: CaseWorld;

beforeAll(async () => {
  t = await createCaseTestApp();
  w = await makeCaseWorld(t.db, t.config);
}, 120_000);
afterAll(async () => t?.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The platform's own job runner (the registry main.ts starts) over the test database and clock. */
function runner(clock: Clock = t.clock) {
  return createPlatformRunner({ db: t.db, config: t.config, clock });
}

const at = (date: string, time = '09:00') => `${date}T${time}:00+08:00`;

async function lastAction(id: string) {
  return t.db.selectFrom('case_actions').selectAll().where('case_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}

async function messageKeys(id: string) {
  return (await t.db.selectFrom('outbox_messages').select('template_key').where('case_id', '=', id).execute()).map((m) => m.template_key);
}

async function timerStatus(kind: string, id: string) {
  return (await t.db.selectFrom('timers').select('status').where('kind', '=', kind).where('subject_id', '=', id).executeTakeFirst())?.status;
}

describe('容缺受理: the correction deadline', () => {
  it('ends the case the day after the deadline — not before — with the reason, and tells the applicant', async () => {
    t.clock.set(at('2026-03-02'));
    const c = await submitOnline(t, w);
    await act(t, w.users.clerk, c.id, 'accept-tolerant', { items: [{ materialId: 'floorplan', note: '需加盖公章' }], deadlineOn: '2026-03-04' });
    // The last minute of the deadline day: still within time.
    t.clock.set(at('2026-03-04', '23:59'));
    await runner().runOnce();
    expect((await caseRow(t, c.id)).state).toBe('under-review');
    expect(await messageKeys(c.id)).not.toContain('case.ended-tolerant-missed');
    // Midnight, Beijing time: the day after the deadline.
    t.clock.set(at('2026-03-05', '00:00'));
    const pass = await runner().runOnce();
    expect(pass.timers).toBeGreaterThanOrEqual(1);
    const row = await caseRow(t, c.id);
    expect(row.state).toBe('ended');
    expect(row.end_reason).toContain('逾期未补正');
    expect(row.end_reason).toContain('2026-03-04');
    const last = await lastAction(c.id);
    expect(last).toMatchObject({ action: 'end-tolerant-missed', from_state: 'under-review', to_state: 'ended', actor_kind: 'system', actor_name: '通办平台' });
    expect(await messageKeys(c.id)).toContain('case.ended-tolerant-missed');
    const portal = await t.asApplicant(w.applicant.token, { method: 'GET', url: `/api/my/cases/${c.id}` });
    expect(portal.json()).toMatchObject({ state: 'ended', stateName: '已终止' });
    expect(await timerStatus('case.tolerant-due', c.id)).toBe('fired');
    // Firing again (a second runner, a retry) changes nothing.
    await runner().runOnce();
    expect((await t.db.selectFrom('case_actions').select('seq').where('case_id', '=', c.id).execute()).length).toBe(last.seq);
    await expectHistoryConsistent(t, c.id);
  });

  it('a correction in time cancels the deadline: nothing happens the day after', async () => {
    t.clock.set(at('2026-03-02'));
    const c = await submitAtWindow(t, w);
    await act(t, w.users.clerk, c.id, 'accept-tolerant', { items: [{ materialId: 'floorplan', note: '' }], deadlineOn: '2026-03-04' });
    await act(t, w.users.clerk, c.id, 'supply-correction', { materials: [{ materialId: 'floorplan', paper: true }] });
    t.clock.set(at('2026-03-10'));
    await runner().runOnce();
    expect((await caseRow(t, c.id)).state).toBe('under-review');
    expect(await timerStatus('case.tolerant-due', c.id)).toBe('cancelled');
  });
});

describe('延续: deemed renewal at the licence expiry (Art. 17(四))', () => {
  it('an undecided renewal is deemed granted at the expiry, recorded as 视为准予延续, and the applicant told', async () => {
    t.clock.set(at('2026-03-02'));
    const c = await submitOnline(t, w, { renewal: { licenceNumber: 'JY11522010000001', expiresOn: '2026-03-10' } });
    await act(t, w.users.clerk, c.id, 'accept');
    await act(t, w.users.reviewer, c.id, 'pause', { kind: 'inspection', reason: '现场核查' });
    t.clock.set(at('2026-03-10', '23:59'));
    await runner().runOnce();
    expect((await caseRow(t, c.id)).decision).toBeNull();
    t.clock.set(at('2026-03-11', '00:00'));
    await runner().runOnce();
    const row = await caseRow(t, c.id);
    expect(row).toMatchObject({ state: 'granted', decision: 'deemed-granted', paused_since: null });
    const last = await lastAction(c.id);
    expect(last).toMatchObject({ action: 'deem-renewal', actor_kind: 'system' });
    expect(last.details).toMatchObject({ recordedAs: '视为准予延续', licenceNumber: 'JY11522010000001', licenceExpiresOn: '2026-03-10' });
    // The pause it interrupted is closed on the day the platform acted.
    const pause = await t.db.selectFrom('case_pauses').select('ended_on').where('case_id', '=', c.id).executeTakeFirstOrThrow();
    expect(pause.ended_on).toBe('2026-03-11');
    const notice = await t.db.selectFrom('case_notices').select(['id', 'kind', 'number']).where('case_id', '=', c.id).where('kind', '=', 'deemed-renewal').executeTakeFirstOrThrow();
    expect(notice.number).toBe(`${c.caseNumber}-JD`);
    // The applicant downloads the notice of the deemed renewal.
    const pdf = await t.asApplicant(w.applicant.token, { method: 'GET', url: `/api/my/cases/${c.id}/notices/${notice.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect((await PDFDocument.load(pdf.rawPayload)).getTitle()).toBe(`视为准予延续通知书 ${c.caseNumber}-JD`);
    expect(await messageKeys(c.id)).toContain('case.deemed-renewed');
    const detail = (await t.injectAs(w.users.clerk, { method: 'GET', url: `/api/cases/${c.id}` })).json();
    expect(detail.history.at(-1)).toMatchObject({ action: 'deem-renewal', actionName: '视为准予延续' });
    expect(detail.allowedActions).toContain('deliver');
    await expectHistoryConsistent(t, c.id);
  });

  it('a renewal decided before the expiry is left alone: the decision cancelled the timer, and a late firing does nothing', async () => {
    t.clock.set(at('2026-03-02'));
    const c = await submitAtWindow(t, w, { renewal: { licenceNumber: 'JY11522010000002', expiresOn: '2026-03-10' } });
    await act(t, w.users.clerk, c.id, 'accept');
    await act(t, w.users.decider, c.id, 'refuse', { reasons: '不符合延续条件', contactPerson: '王科长', contactPhone: '0482-8218120' });
    expect(await timerStatus('case.renewal-expiry', c.id)).toBe('cancelled');
    t.clock.set(at('2026-03-12'));
    await runner().runOnce();
    // Even called directly (a timer that slipped through), the handler finds nothing to do.
    await t.db.transaction().execute((trx) =>
      caseTimerHandlers['case.renewal-expiry']({ db: t.db, config: t.config, clock: t.clock }, trx, { kind: 'case.renewal-expiry', subjectId: c.id, dueAt: t.clock.now(), payload: {} }),
    );
    expect(await caseRow(t, c.id)).toMatchObject({ state: 'refused', decision: 'refused' });
    expect(await messageKeys(c.id)).not.toContain('case.deemed-renewed');
  });
});

describe('补齐补正: the supplement deadline', () => {
  it('withdraws the application the day after the deadline and tells the applicant', async () => {
    t.clock.set(at('2026-03-02'));
    const c = await submitOnline(t, w);
    await act(t, w.users.clerk, c.id, 'request-supplement', { items: [{ materialId: 'floorplan', note: '' }], deadlineOn: '2026-03-06' });
    t.clock.set(at('2026-03-06', '18:00'));
    await runner().runOnce();
    expect((await caseRow(t, c.id)).state).toBe('awaiting-supplement');
    t.clock.set(at('2026-03-07', '00:01'));
    await runner().runOnce();
    const row = await caseRow(t, c.id);
    expect(row.state).toBe('withdrawn');
    expect(row.end_reason).toContain('视为撤回');
    expect((await lastAction(c.id)).action).toBe('lapse-supplement');
    expect(await messageKeys(c.id)).toContain('case.lapsed-supplement');
    await expectHistoryConsistent(t, c.id);
  });
});

describe('受理逾期: an application not acted on within one working day', () => {
  it('is flagged overdue the day after its acceptance date and shows on the supervisors’ overdue list', async () => {
    // Fri 3/6: the acceptance is due Mon 3/9 (one working day); flagged from Tue 3/10 00:00.
    t.clock.set(at('2026-03-06'));
    const c = await submitOnline(t, w);
    expect(c.acceptanceDueOn).toBe('2026-03-09');
    t.clock.set(at('2026-03-09', '23:00'));
    await runner().runOnce();
    expect((await caseRow(t, c.id)).acceptance_overdue_at).toBeNull();
    t.clock.set(at('2026-03-10', '00:00'));
    await runner().runOnce();
    const row = await caseRow(t, c.id);
    expect(row.acceptance_overdue_at).not.toBeNull();
    expect(row.state).toBe('submitted');
    expect((await lastAction(c.id)).action).toBe('flag-acceptance-overdue');
    const list = await t.injectAs(w.users.supervisor, { method: 'GET', url: '/api/cases/overdue?kind=acceptance' });
    expect(list.statusCode, list.body).toBe(200);
    const found = list.json().items.find((i: Json) => i.id === c.id);
    expect(found).toMatchObject({ acceptanceOverdue: true });
    // Accepting late is still possible; the flag stays in the history.
    const accepted = await act(t, w.users.clerk, c.id, 'accept');
    expect(accepted.history.map((h: Json) => h.action)).toEqual(['submit', 'flag-acceptance-overdue', 'accept']);
    await expectHistoryConsistent(t, c.id);
  });
});

describe('after a restart', () => {
  it('timers that fell due while the platform was down fire on the first pass', async () => {
    t.clock.set(at('2026-04-01'));
    const tolerant = await submitAtWindow(t, w);
    await act(t, w.users.clerk, tolerant.id, 'accept-tolerant', { items: [{ materialId: 'floorplan', note: '' }], deadlineOn: '2026-04-02' });
    const renewal = await submitAtWindow(t, w, { renewal: { licenceNumber: 'JY11522010000003', expiresOn: '2026-04-03' } });
    await act(t, w.users.clerk, renewal.id, 'accept');

    // The platform stops; nothing of the timers lives in the process.
    await t.app.close();
    // It comes back a week later on the same database, with a new clock.
    const later = new ManualClock(at('2026-04-08'));
    const app = await buildApp({ db: t.db, config: t.config, clock: later });
    await app.ready();
    try {
      const pass = await runner(later).runOnce();
      expect(pass.timers).toBeGreaterThanOrEqual(2);
      expect(await caseRow(t, tolerant.id)).toMatchObject({ state: 'ended' });
      expect(await caseRow(t, renewal.id)).toMatchObject({ state: 'granted', decision: 'deemed-granted' });
      expect(await messageKeys(tolerant.id)).toContain('case.ended-tolerant-missed');
      expect(await messageKeys(renewal.id)).toContain('case.deemed-renewed');
    } finally {
      await app.close();
    }
  });
});
