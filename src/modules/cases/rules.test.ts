// The state machine and the clock of a case, as pure functions: every transition and refusal of
// the table, the history replay, and due dates on the real calendar (春节 and 国庆 2026 with their
// make-up working days, pauses as dated segments, a year without data); who a guide serves
// (服务对象) and the order of a case's materials.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../http/errors.js';
import { CalendarError, shippedCalendar } from '../../lib/calendar/index.js';
import {
  acceptanceDueDate,
  allowedIn,
  assertGuideServes,
  CASE_ACTIONS,
  CASE_STATES,
  dueDate,
  isCaseAction,
  nextState,
  pausedDays,
  remaining,
  replayState,
  serviceObjectsOf,
  startOfDayAfter,
  type CaseAction,
  type CaseState,
} from './rules.js';
import { checkListItems, itemsText } from './actions-service.js';
import { clockFrom } from './clock-service.js';
import { noticeNumber } from './notices.js';
import { inGuideOrder } from './presenter.js';

const cal = shippedCalendar();

/** Where each action may be taken and where it leads: the table of issue 5, written out by hand. */
const EXPECTED: Record<Exclude<CaseAction, 'submit'>, { from: CaseState[]; to: CaseState | 'same' }> = {
  'request-supplement': { from: ['submitted'], to: 'awaiting-supplement' },
  supply: { from: ['awaiting-supplement'], to: 'submitted' },
  accept: { from: ['submitted'], to: 'under-review' },
  'accept-tolerant': { from: ['submitted'], to: 'under-review' },
  'supply-correction': { from: ['under-review', 'awaiting-decision'], to: 'same' },
  'refuse-acceptance': { from: ['submitted', 'awaiting-supplement'], to: 'not-accepted' },
  'flag-acceptance-overdue': { from: ['submitted'], to: 'same' },
  'lapse-supplement': { from: ['awaiting-supplement'], to: 'withdrawn' },
  pause: { from: ['under-review', 'awaiting-decision'], to: 'same' },
  resume: { from: ['under-review', 'awaiting-decision'], to: 'same' },
  extend: { from: ['under-review', 'awaiting-decision'], to: 'same' },
  'complete-review': { from: ['under-review'], to: 'awaiting-decision' },
  grant: { from: ['under-review', 'awaiting-decision'], to: 'granted' },
  refuse: { from: ['under-review', 'awaiting-decision'], to: 'refused' },
  'deem-renewal': { from: ['submitted', 'awaiting-supplement', 'under-review', 'awaiting-decision'], to: 'granted' },
  'end-tolerant-missed': { from: ['under-review', 'awaiting-decision'], to: 'ended' },
  deliver: { from: ['granted', 'refused'], to: 'delivered' },
  'phone-follow-up': { from: [...CASE_STATES], to: 'same' },
  withdraw: { from: ['submitted', 'awaiting-supplement', 'under-review', 'awaiting-decision'], to: 'withdrawn' },
};

describe('the state machine', () => {
  it('knows exactly the actions of the table', () => {
    expect(Object.keys(CASE_ACTIONS).sort()).toEqual(['submit', ...Object.keys(EXPECTED)].sort());
    expect(isCaseAction('grant')).toBe(true);
    expect(isCaseAction('toString')).toBe(false);
  });

  for (const [action, rule] of Object.entries(EXPECTED) as [Exclude<CaseAction, 'submit'>, (typeof EXPECTED)[keyof typeof EXPECTED]][]) {
    it(`${action}: allowed only in ${rule.from.join(', ')}, leads to ${rule.to}`, () => {
      for (const state of CASE_STATES) {
        expect(allowedIn(action, state), `${action} in ${state}`).toBe(rule.from.includes(state));
        if (rule.from.includes(state)) expect(nextState(action, state)).toBe(rule.to === 'same' ? state : rule.to);
      }
      // No action but submit starts a case.
      expect(allowedIn(action, null)).toBe(false);
    });
  }

  it('a decision can never be taken on an ended, withdrawn, delivered or not-accepted case', () => {
    for (const action of ['grant', 'refuse', 'deem-renewal'] as const) {
      for (const state of ['ended', 'withdrawn', 'delivered', 'not-accepted', 'granted', 'refused'] as const) {
        expect(allowedIn(action, state), `${action} in ${state}`).toBe(false);
      }
    }
  });

  it('submit only creates a case', () => {
    expect(allowedIn('submit', null)).toBe(true);
    for (const state of CASE_STATES) expect(allowedIn('submit', state)).toBe(false);
    expect(nextState('submit', null)).toBe('submitted');
  });
});

describe('replayState', () => {
  const step = (action: string, from: string | null, to: string) => ({ action, from_state: from, to_state: to });

  it('derives the state from the whole history', () => {
    const history = [
      step('submit', null, 'submitted'),
      step('request-supplement', 'submitted', 'awaiting-supplement'),
      step('supply', 'awaiting-supplement', 'submitted'),
      step('accept', 'submitted', 'under-review'),
      step('pause', 'under-review', 'under-review'),
      step('resume', 'under-review', 'under-review'),
      step('complete-review', 'under-review', 'awaiting-decision'),
      step('grant', 'awaiting-decision', 'granted'),
      step('deliver', 'granted', 'delivered'),
      step('phone-follow-up', 'delivered', 'delivered'),
    ];
    expect(replayState(history)).toBe('delivered');
    expect(replayState([])).toBeNull();
  });

  it('refuses a history with an action its state did not allow, or a recorded state replay does not give', () => {
    expect(() => replayState([step('submit', null, 'submitted'), step('grant', 'submitted', 'granted')])).toThrow(/not allowed/);
    expect(() => replayState([step('submit', null, 'submitted'), step('accept', 'submitted', 'awaiting-decision')])).toThrow(/replay gives under-review/);
    expect(() => replayState([step('submit', null, 'submitted'), step('teleport', 'submitted', 'granted')])).toThrow(/unknown case action/);
  });
});

describe('due dates on the working-day calendar', () => {
  const base = { promisedUnit: 'working-day' as const, extensionDays: 0, pauses: [], today: '2026-02-12' };

  it('skips 春节 2026 (2/15–2/23 off) and counts the make-up Saturdays 2/14 and 2/28', () => {
    // Thu 2/12 accepted: Fri 2/13 (1), Sat 2/14 调休上班 (2), Tue 2/24 (3), Wed 2/25 (4), Thu 2/26 (5),
    // Fri 2/27 (6), Sat 2/28 调休上班 (7), Mon 3/2 (8).
    expect(dueDate(cal, { ...base, acceptedOn: '2026-02-12', promisedDays: 2 })).toBe('2026-02-14');
    expect(dueDate(cal, { ...base, acceptedOn: '2026-02-12', promisedDays: 3 })).toBe('2026-02-24');
    expect(dueDate(cal, { ...base, acceptedOn: '2026-02-12', promisedDays: 7 })).toBe('2026-02-28');
    expect(dueDate(cal, { ...base, acceptedOn: '2026-02-12', promisedDays: 8 })).toBe('2026-03-02');
  });

  it('skips 中秋 and 国庆 2026 and counts the make-up days 9/20 and 10/10, with a pause in between', () => {
    // Fri 9/18 accepted: Sun 9/20 调休 (1), 9/21–9/24 (2–5), 9/25–9/27 中秋 off, 9/28–9/30 (6–8),
    // 10/1–10/7 国庆 off, Thu 10/8 (9), Fri 10/9 (10).
    const accepted = { ...base, acceptedOn: '2026-09-18', promisedDays: 10, today: '2026-10-20' };
    expect(dueDate(cal, accepted)).toBe('2026-10-09');
    // Expert review paused the clock on Tue 9/22 and Wed 9/23 (resumed on Thu 9/24): two working days
    // more, Sat 10/10 调休上班 (11) and Mon 10/12 (12).
    const paused = { ...accepted, pauses: [{ startedOn: '2026-09-22', endedOn: '2026-09-24' }] };
    expect(pausedDays(cal, 'working-day', paused.pauses, paused.today)).toBe(2);
    expect(dueDate(cal, paused)).toBe('2026-10-12');
    // A pause over the holiday itself moves nothing: no working day stood still.
    const overHoliday = { ...accepted, pauses: [{ startedOn: '2026-10-01', endedOn: '2026-10-08' }] };
    expect(dueDate(cal, overHoliday)).toBe('2026-10-09');
    // An extension of 3 working days on top of the pause: 10/13, 10/14, 10/15.
    expect(dueDate(cal, { ...paused, extensionDays: 3 })).toBe('2026-10-15');
  });

  it('an open pause runs through today', () => {
    const open = { ...base, acceptedOn: '2026-09-18', promisedDays: 10, pauses: [{ startedOn: '2026-09-28', endedOn: null }], today: '2026-09-29' };
    // 9/28 and 9/29 stood still so far.
    expect(pausedDays(cal, 'working-day', open.pauses, open.today)).toBe(2);
    expect(dueDate(cal, open)).toBe('2026-10-12');
    // A pause started and ended on the same day stopped nothing.
    expect(pausedDays(cal, 'working-day', [{ startedOn: '2026-09-28', endedOn: '2026-09-28' }], '2026-09-29')).toBe(0);
  });

  it('calendar-day limits count every day and end on the next working day after a holiday', () => {
    // 9/24 + 7 days = 10/1 (国庆): the period ends on Thu 10/8.
    expect(dueDate(cal, { ...base, promisedUnit: 'calendar-day', acceptedOn: '2026-09-24', promisedDays: 7 })).toBe('2026-10-08');
    const paused = { ...base, promisedUnit: 'calendar-day' as const, acceptedOn: '2026-03-02', promisedDays: 5, pauses: [{ startedOn: '2026-03-03', endedOn: '2026-03-05' }] };
    // 3/2 + 5 + 2 paused days = 3/9 (Mon).
    expect(dueDate(cal, paused)).toBe('2026-03-09');
  });

  it('refuses a due date in a year without holiday data (calendar-year-unknown), never guessing weekdays', () => {
    let error: unknown;
    try {
      dueDate(cal, { ...base, acceptedOn: '2026-12-28', promisedDays: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarError);
    expect((error as CalendarError).code).toBe('calendar-year-unknown');
    expect((error as CalendarError).status).toBe(422);
    expect((error as CalendarError).year).toBe(2027);
  });

  it('the acceptance decision is due the next working day (Fri before 春节 → Sat 2/14 调休; 2/14 → Tue 2/24)', () => {
    expect(acceptanceDueDate(cal, '2026-02-13')).toBe('2026-02-14');
    expect(acceptanceDueDate(cal, '2026-02-14')).toBe('2026-02-24');
    expect(acceptanceDueDate(cal, '2026-09-30')).toBe('2026-10-08');
  });
});

describe('remaining days and colour', () => {
  it('green, amber in the last fifth, red when overdue, grey when paused, none when not running', () => {
    const c = { dueOn: '2026-03-13', totalDays: 10, paused: false, running: true };
    expect(remaining(cal, c, '2026-03-02')).toEqual({ days: 9, colour: 'green' });
    expect(remaining(cal, c, '2026-03-11')).toEqual({ days: 2, colour: 'amber' });
    expect(remaining(cal, c, '2026-03-13')).toEqual({ days: 0, colour: 'amber' });
    expect(remaining(cal, c, '2026-03-16')).toEqual({ days: -1, colour: 'red' });
    expect(remaining(cal, { ...c, paused: true }, '2026-03-16').colour).toBe('paused');
    expect(remaining(cal, { ...c, running: false }, '2026-03-02')).toEqual({ days: null, colour: 'none' });
  });
});

describe('startOfDayAfter', () => {
  it('is midnight Beijing time of the next day', () => {
    expect(startOfDayAfter('2026-02-13').toISOString()).toBe('2026-02-13T16:00:00.000Z');
    expect(startOfDayAfter('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('the supplement / tolerant list (checkListItems, Art. 8)', () => {
  const guide = [
    { id: 'application', name: '申请书', source: 'applicant' as const },
    { id: 'floorplan', name: '平面图', source: 'applicant' as const },
    { id: 'bizlicence', name: '营业执照', source: 'sharing' as const },
  ];

  it('accepts materials of the situation not yet accepted, trimming notes', () => {
    const r = checkListItems([{ materialId: 'floorplan', note: ' 未标尺寸 ' }, { materialId: 'application', note: '' }], guide, [{ material_id: 'floorplan', status: 'submitted' }]);
    expect(r.code).toBeNull();
    expect(r.items).toEqual([
      { materialId: 'floorplan', name: '平面图', note: '未标尺寸' },
      { materialId: 'application', name: '申请书', note: '' },
    ]);
  });

  it('names each refused item: outside the guide, already accepted, obtained by sharing, listed twice', () => {
    expect(checkListItems([{ materialId: 'passport', note: '' }], guide, []).problems).toEqual([{ name: 'body.items.0.materialId', reason: expect.stringContaining('Art. 8') }]);
    expect(checkListItems([{ materialId: 'passport', note: '' }], guide, []).code).toBe('material-not-in-guide');
    const accepted = checkListItems([{ materialId: 'floorplan', note: '' }, { materialId: 'application', note: '' }], guide, [{ material_id: 'application', status: 'accepted' }]);
    expect(accepted.code).toBe('material-already-accepted');
    expect(accepted.problems.map((p) => p.name)).toEqual(['body.items.1.materialId']);
    expect(checkListItems([{ materialId: 'bizlicence', note: '' }], guide, []).code).toBe('items-invalid');
    const twice = checkListItems([{ materialId: 'floorplan', note: '' }, { materialId: 'floorplan', note: '' }], guide, []);
    expect(twice.problems.map((p) => p.name)).toEqual(['body.items.1.materialId']);
    // Several kinds of problem at once: every one is named, under one general code.
    const mixed = checkListItems([{ materialId: 'passport', note: '' }, { materialId: 'application', note: '' }], guide, [{ material_id: 'application', status: 'accepted' }]);
    expect(mixed.code).toBe('items-invalid');
    expect(mixed.problems).toHaveLength(2);
  });

  it('lists items for messages as 一、二、…', () => {
    expect(itemsText([{ materialId: 'a', name: '申请书', note: '签字' }, { materialId: 'b', name: '平面图', note: '' }])).toBe('一、申请书：签字\n二、平面图');
  });
});

describe('notice numbers and the clock from segments', () => {
  it('numbers notices after the case number', () => {
    expect(noticeNumber('TB20260302000001', 'acceptance-receipt')).toBe('TB20260302000001-SL');
    expect(noticeNumber('TB20260302000001', 'supplement', 2)).toBe('TB20260302000001-BZ2');
    expect(noticeNumber('TB20260302000001', 'tolerant')).toBe('TB20260302000001-RQ');
    expect(noticeNumber('TB20260302000001', 'not-accepted')).toBe('TB20260302000001-BY');
    expect(noticeNumber('TB20260302000001', 'refused')).toBe('TB20260302000001-JD');
  });

  it('sums extensions and reports the open pause', () => {
    const clock = clockFrom(cal, {
      acceptedOn: '2026-09-18',
      promisedDays: 10,
      promisedUnit: 'working-day',
      pauses: [
        { startedOn: '2026-09-22', endedOn: '2026-09-24' },
        { startedOn: '2026-10-12', endedOn: null },
      ],
      extensions: [{ days: 2 }, { days: 1 }],
      today: '2026-10-12',
    });
    // 10 + 3 extension + 2 closed + 1 open (10/12 itself) = 16 working days after 9/18 → 10/16.
    expect(clock).toEqual({ dueOn: '2026-10-16', extensionDays: 3, pausedSince: '2026-10-12' });
  });
});

describe('服务对象: which applicant a guide serves', () => {
  const person = { kind: 'person' as const, identity: '152201198102111012' };
  const company = { kind: 'enterprise' as const, identity: '91152201MA0N1234X0' };
  // 个体工商户: registration authority 9 (工商), organization type 2.
  const shop = { kind: 'enterprise' as const, identity: '92152201MA0N1234X0' };
  const refusal = (objects: Parameters<typeof assertGuideServes>[0], applicant: typeof person | typeof company) => {
    try {
      assertGuideServes(objects, applicant, 'body.applicant.kind');
      return null;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return error;
    }
  };

  it('counts a person as a natural person, an entity as a legal person or other organization, a 个体工商户 as a natural person or other organization', () => {
    expect(serviceObjectsOf(person)).toEqual(['natural-person']);
    expect(serviceObjectsOf(company)).toEqual(['legal-person', 'other-organization']);
    expect(serviceObjectsOf(shop)).toEqual(['natural-person', 'other-organization']);
  });

  it('refuses with 422 naming the field, in Chinese and English, only an applicant the guide does not serve', () => {
    const e = refusal(['legal-person', 'other-organization'], person)!;
    expect(e.status).toBe(422);
    expect(e.code).toBe('applicant-not-served');
    expect(e.detail).toBe('本事项的服务对象为法人、其他组织，个人不能申请 (this item serves legal persons and other organizations only: apply as an organization)');
    expect(e.invalidParams.map((p) => p.name)).toEqual(['body.applicant.kind']);
    expect(refusal(['natural-person'], company)!.detail).toBe('本事项的服务对象为自然人，法人及其他组织不能申请 (this item serves natural persons only: apply as a person)');
    expect(refusal(['legal-person'], shop)!.detail).toMatch(/^本事项的服务对象为法人，个体工商户不能申请 .*apply as a legal person\)$/);
    expect(refusal(['natural-person'], shop)).toBeNull();
    expect(refusal(['other-organization'], company)).toBeNull();
    expect(refusal(['natural-person', 'legal-person'], person)).toBeNull();
    // A guide naming nobody (not publishable) restricts nobody.
    expect(refusal([], company)).toBeNull();
  });
});

describe('case materials in guide order', () => {
  it('orders by the guide version, then materials it does not list by id, ties as stored', () => {
    const guide = [{ id: 'application' }, { id: 'report' }, { id: 'resolution' }];
    const rows = [
      { material_id: 'zeta', n: 1 },
      { material_id: 'resolution', n: 2 },
      { material_id: 'alpha', n: 3 },
      { material_id: 'report', n: 4 },
      { material_id: 'application', n: 5 },
      { material_id: 'report', n: 6 },
    ];
    expect(inGuideOrder(rows, guide).map((r) => r.n)).toEqual([5, 4, 6, 2, 3, 1]);
  });
});
