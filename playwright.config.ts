import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/helpers/chromium.js';

/**
 * End-to-end tests of the renderer in Chromium — Debian's where it is installed, else Playwright's own
 * (the Electron binary cannot be downloaded here): `npm run test:e2e` builds the renderer, the global
 * set-up starts the browser test bridge (main/test-bridge/) with the Mailchimp simulator, and the
 * journey in tests/e2e/ drives the UI.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/output/playwright',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1280, height: 860 },
    timezoneId: 'Europe/Sofia',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    // Debian's Chromium where it exists, else Playwright's own (tests/helpers/chromium.ts).
    launchOptions: chromiumLaunchOptions(['--disable-background-networking', '--disable-component-update', '--disable-sync']),
  },
});
