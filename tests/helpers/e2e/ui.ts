import fs from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';

/** The wizard's "Next" button (Напред / Next). */
export async function wizardNext(page: Page, label = 'Напред'): Promise<void> {
  const next = page.getByRole('button', { name: label, exact: true });
  await expect(next).toBeEnabled();
  await next.click();
}

/** Drops a file on the import drop zone, as dragging it from the desktop would. */
export async function dropFile(page: Page, file: string): Promise<void> {
  const b64 = fs.readFileSync(file).toString('base64');
  const name = path.basename(file);
  // A string body: this file is type-checked without the DOM library.
  const dataTransfer = await page.evaluateHandle(`(() => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(b64)}), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], ${JSON.stringify(name)}, { type: 'text/csv' }));
    return dt;
  })()`);
  await page.getByTestId('file-drop').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('file-drop').dispatchEvent('drop', { dataTransfer });
}

/** Chooses a file through the "Choose file…" button (the native dialog's stand-in). */
export async function chooseFile(page: Page, file: string, buttonLabel: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: buttonLabel }).click();
  await (await chooser).setFiles(file);
}

/**
 * Replaces the Notification API with a recorder (headless Chromium shows nothing), so the test can
 * see that the end of a sync raised a desktop notification.
 */
export async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(`(() => {
    const shown = [];
    class FakeNotification {
      static permission = 'granted';
      static requestPermission() { return Promise.resolve('granted'); }
      constructor(title, options) { shown.push({ title, body: options && options.body }); }
    }
    window.Notification = FakeNotification;
    window.__notifications = shown;
  })()`);
}

/** Titles of the desktop notifications shown so far. */
export async function notificationTitles(page: Page): Promise<string[]> {
  return page.evaluate('(window.__notifications || []).map((n) => n.title)');
}
