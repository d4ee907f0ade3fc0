import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const SCREENSHOT_DIR = path.resolve('tests/output/screenshots');

/**
 * Saves a full-page screenshot under tests/output/screenshots/<lang>/<name>.png and runs axe on the
 * same state: no serious or critical WCAG 2.1 A/AA violation may remain.
 */
export async function snap(page: Page, lang: 'bg' | 'en', name: string): Promise<void> {
  // Let loads finish and transitions (modals, notifications) settle so the picture shows the real state.
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 30_000 });
  await page.waitForTimeout(250);
  const dir = path.join(SCREENSHOT_DIR, lang);
  fs.mkdirSync(dir, { recursive: true });
  // A full-page capture would paint the fixed header mid-page; a viewport as tall as the page does not.
  const size = page.viewportSize() ?? { width: 1280, height: 860 };
  const height = Math.min(6000, await page.evaluate<number>('document.documentElement.scrollHeight'));
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  await page.setViewportSize(size);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(bad, `axe on ${lang}/${name}`).toEqual([]);
}
