import { defineConfig } from 'vitest/config';

// Browser journeys: one civgrid server (embedded PostgreSQL, demo city) per file, driven by Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
