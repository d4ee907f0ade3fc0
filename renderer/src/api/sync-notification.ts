import i18next from 'i18next';
import type { RunSummary } from '../../../shared/domain/sync.js';
import { syncCountsLine } from '../../../shared/i18n/sync-counts.js';
import { toLanguage } from '../../../shared/i18n/translate.js';

/** What the browser test bridge injects before the app (`main/test-bridge/static-files.ts`). */
type BridgeConfig = { token?: string; notifyInPage?: boolean };

/**
 * Whether this page shows the end-of-sync notification itself. In the desktop app main does (a native
 * notification whose click brings the window back), so the page must not add a second one; only the
 * browser test bridge, which has no shell, asks the page to (`notifyInPage`).
 */
export function notifiesInPage(): boolean {
  return (globalThis as { __BARSY_BRIDGE__?: BridgeConfig }).__BARSY_BRIDGE__?.notifyInPage === true;
}

/** Asks for permission to show the notification (call from a click, which browsers require). */
export function askNotificationPermission(): void {
  if (!notifiesInPage() || typeof Notification === 'undefined') return;
  if (Notification.permission === 'default') void Notification.requestPermission();
}

/** The notification at the end of a sync, so the owner can work in another window meanwhile. */
export function notifySyncEnd(s: RunSummary): void {
  if (!notifiesInPage() || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const c = s.counts;
  try {
    new Notification(i18next.t(`sync.notify.${s.status}`), { body: syncCountsLine(c, toLanguage(i18next.language)) });
  } catch {
    // Some platforms only allow notifications from a service worker; the on-screen summary remains.
  }
}
