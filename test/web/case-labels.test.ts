// The admin app names case states the way the server does. The web may import server types only
// (ARCHITECTURE.md), so web/src/features/cases/labels.ts keeps its own copy of the state names; this
// keeps that copy equal to the server's table (src/modules/cases/rules.ts), which the portal, the
// API's stateName and the archive use.
import { describe, expect, it } from 'vitest';
import { CASE_STATES, STATE_NAMES } from '../../src/modules/cases/rules.js';
import { CASE_STATE_NAMES } from '../../web/src/features/cases/labels.js';

describe('case state names in the admin app', () => {
  it('are the server’s names, for every state and no other', () => {
    expect(Object.keys(CASE_STATE_NAMES).sort()).toEqual([...CASE_STATES].sort());
    expect(CASE_STATE_NAMES).toEqual(STATE_NAMES);
  });
});
