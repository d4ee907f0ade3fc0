import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { renderRunReport } from '../../main/report/report-document.js';
import { chromiumLaunchOptions } from '../helpers/chromium.js';
import { item, mixedRun, runOf } from '../helpers/report/synthetic-run.js';

const OUTPUT = path.resolve(__dirname, '../output');
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(OUTPUT, { recursive: true });
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a report in Chromium with JavaScript on, so an escaped script would have run if it were not text. */
async function open(html: string, width: number) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, javaScriptEnabled: true });
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

describe('HTML report in Chromium', () => {
  it('renders the Bulgarian report with hostile names as text, and saves a screenshot', async () => {
    const data = mixedRun();
    data.items[0] = item(2, { outcome: 'created', name: '<img src=x onerror="window.__pwned=1">Иван', email: 'ivan@example.bg', group: 'VIP' });
    const html = renderRunReport(data, { lang: 'bg', version: '0.1.0', context: 'email' }).html;
    const page = await open(html, 900);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('script, img, link, style, iframe').count()).toBe(0);
    const body = await page.locator('body').innerText();
    expect(body).toContain('<script>alert(1)</script>');
    expect(body).toContain('<img src=x onerror="window.__pwned=1">Иван');
    expect(body).toContain('Отчет за синхронизация № 7');
    // The card keeps an email client's usual width.
    const card = await page.locator('table').nth(1).boundingBox();
    expect(card?.width).toBeGreaterThan(600);
    expect(card?.width).toBeLessThanOrEqual(640);
    await page.screenshot({ path: path.join(OUTPUT, 'report-email-bg.png'), fullPage: true });
    await page.close();
  });

  it('renders the English report and fits a phone screen without sideways scrolling', async () => {
    const items = [
      ...mixedRun().items,
      ...Array.from({ length: 60 }, (_, i) => item(100 + i, { outcome: 'created', name: `Клиент с дълго име номер ${i}` })),
    ];
    const html = renderRunReport(runOf(items), { lang: 'en', version: '0.1.0', context: 'email' }).html;
    const desktop = await open(html, 900);
    expect(await desktop.locator('body').innerText()).toContain('…and 15 more — see the attached CSV file.');
    await desktop.screenshot({ path: path.join(OUTPUT, 'report-email-en.png'), fullPage: true });
    await desktop.close();
    const phone = await open(html, 390);
    const overflow = await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: path.join(OUTPUT, 'report-email-phone.png'), fullPage: false });
    await phone.close();
  });
});
