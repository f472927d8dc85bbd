import { defineConfig } from 'vitest/config';

/**
 * Three projects: unit (fast, no services), integration (a real server on port 0, real
 * PostgreSQL and Redis), e2e (Chromium against a real server). `npm test` runs them all.
 */
export default defineConfig({
  test: {
    // Two files at a time: vitest's default on a 2-core machine is one (cores - 1), and most of a
    // test's time is spent waiting on servers, sockets and timers, not on a core. The e2e project
    // still runs one file at a time (fileParallelism below), after the others; unit and integration files
    // share the two. `npm test` runs the e2e project in a second process beside the rest (scripts/test.ts).
    maxWorkers: 2,
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
