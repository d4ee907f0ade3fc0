import { expect, type Page } from '@playwright/test';
import { screenUrl } from './bridge.js';
import { snap } from './snap.js';

const SCREENS = ['home', 'import', 'groups', 'fields', 'preview', 'sync', 'reports', 'settings'] as const;
const WIZARD = ['mailchimp', 'audience', 'report', 'import', 'groups', 'fields', 'preview'] as const;

/** Opens a screen by its address and waits until nothing is loading any more. */
async function open(page: Page, hash: string): Promise<void> {
  await page.goto(screenUrl(hash));
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
}

/** Every screen (and every settings tab and wizard step) with a screenshot and an axe check. */
export async function tour(page: Page, lang: 'bg' | 'en'): Promise<void> {
  for (const [i, screen] of SCREENS.entries()) {
    await open(page, screen);
    await snap(page, lang, `tour-${String(i + 1).padStart(2, '0')}-${screen}`);
  }
  await open(page, 'settings');
  const tabs = page.getByRole('tab');
  for (let i = 1; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await snap(page, lang, `tour-08-settings-tab${i + 1}`);
  }
  for (const [i, step] of WIZARD.entries()) {
    await open(page, `wizard/${step}`);
    await snap(page, lang, `tour-w${i + 1}-wizard-${step}`);
  }
}
