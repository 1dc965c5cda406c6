import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser tests start their own server and Chromium; keep them from competing for the 2 cores.
    maxWorkers: 2,
    // expect.poll gives up after 1 s by default; a browser test on a busy 2-core machine can take
    // longer than that to show a validation message. Waiting longer changes no verdict, only patience.
    expect: { poll: { timeout: 10_000 } },
  },
});
