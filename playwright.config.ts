import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the renderer in Debian's Chromium (the Electron binary cannot be downloaded
 * here): `npm run test:e2e` builds the renderer, the global set-up starts the browser test bridge
 * (main/test-bridge/) with the Mailchimp simulator, and the journey in tests/e2e/ drives the UI.
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
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
