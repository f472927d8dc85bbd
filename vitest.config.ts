import { defineConfig } from 'vitest/config';

/**
 * Three projects: unit (fast, no services), integration (a real server on port 0, real
 * PostgreSQL and Redis), e2e (Chromium against a real server). `npm test` runs them all.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Real servers on a small, busy machine: give eventual conditions time.
          expect: { poll: { timeout: 10_000, interval: 50 } },
          globalSetup: ['test/helpers/globalServices.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 10_000, interval: 50 } },
          globalSetup: ['test/helpers/globalServices.ts', 'test/helpers/buildClient.ts'],
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
