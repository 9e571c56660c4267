import { defineConfig } from 'vitest/config';

// Browser journeys: one civgrid server (embedded PostgreSQL, demo city) per file, driven by Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    setupFiles: ['e2e/failure-report.ts'],
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Pages wait on a real server that may be busy (a 2-core machine, the live simulator): give each
    // poll 15 s instead of 1 s before calling it a failure.
    expect: { poll: { timeout: 15_000 } },
  },
});
