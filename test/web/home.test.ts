// The admin app opens where each person works: the queue for case handlers, the overdue monitor for
// supervisors, the catalog for everyone else.
import { describe, expect, it } from 'vitest';
import { homeOf } from '../../web/src/app/home.js';

describe('the admin app’s home page by role', () => {
  it('sends case handlers to 我的待办, supervisors to 超期监控 and the rest to 事项目录', () => {
    expect(homeOf(['window-clerk'])).toBe('/cases');
    expect(homeOf(['reviewer'])).toBe('/cases');
    expect(homeOf(['decider'])).toBe('/cases');
    expect(homeOf(['supervisor'])).toBe('/cases/overdue');
    expect(homeOf(['center-admin'])).toBe('/cases/overdue');
    expect(homeOf(['catalog-admin'])).toBe('/catalog');
    expect(homeOf(['system-admin'])).toBe('/catalog');
    expect(homeOf(undefined)).toBe('/catalog');
    // The first role with a home decides.
    expect(homeOf(['auditor', 'decider', 'supervisor'])).toBe('/cases');
  });
});
