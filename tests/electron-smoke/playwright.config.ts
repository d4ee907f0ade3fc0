import { defineConfig } from '@playwright/test';

/**
 * Smoke test of the PACKAGED app, run by .github/workflows/release.yml after `npm run dist` on a
 * networked runner. Not part of `npm test` (the offline machines have no Electron binary).
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'smoke.spec.ts',
  timeout: 90_000,
  retries: 0,
  workers: 1,
  reporter: 'list',
  use: { trace: 'retain-on-failure' },
});
