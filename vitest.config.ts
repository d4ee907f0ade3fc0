import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // better-sqlite3 is native: forks isolate it cleanly and let a test kill a child process safely.
    pool: 'forks',
    // Most suites wait on real servers, child processes and timers, not the CPU: two forks on our 2-core
    // machines keep \`npm test\` within its time budget without starving the timing-sensitive suites.
    maxWorkers: 2,
  },
});
