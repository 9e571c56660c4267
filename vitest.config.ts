import { defineConfig } from 'vitest/config';

// Two tiers: pure unit tests (domain, sim) and module tests (server, through app.inject() on a real
// PostgreSQL). The server tier's global setup starts one PostgreSQL (embedded, or DATABASE_URL) and
// builds a seeded template database; each test file clones its own database from it.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      // Property tests and whole-city plans take seconds, more on a loaded 2-core machine.
      { test: { name: 'unit', include: ['packages/*/src/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'server',
          include: ['apps/server/**/*.test.ts'],
          globalSetup: ['apps/server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
