/** Asks for permission to show desktop notifications (call from a click, which browsers require). */
export function askNotificationPermission(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
}

/** A desktop notification when a sync ends, so the owner can work in another window meanwhile. */
export function notifyDesktop(title: string, body: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body });
  } catch {
    // Some platforms only allow notifications from a service worker; the on-screen summary remains.
  }
}
