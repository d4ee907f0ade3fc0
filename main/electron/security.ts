import { shell, type Session, type WebContents } from 'electron';

export { contentSecurityPolicy } from './csp.js';

/** Hosts whose https pages a link may open — in the user's browser, never in the app's window. */
export const EXTERNAL_HOSTS = ['mailchimp.com', 'barsy.bg'] as const;

/** An https URL on an allowed host (or its subdomain, e.g. `us6.admin.mailchimp.com`), without credentials. */
export function isAllowedExternalUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password) return false;
  return EXTERNAL_HOSTS.some((h) => u.hostname === h || u.hostname.endsWith(`.${h}`));
}

/** Only desktop notifications; camera, microphone, geolocation, clipboard reads, … are all refused. */
export function isPermissionAllowed(permission: string): boolean {
  return permission === 'notifications';
}

/** CSP header on every response, permissions denied (except notifications), downloads refused. */
export function installSessionSecurity(ses: Session, csp: string): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([k]) => k.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  ses.on('will-download', (event) => event.preventDefault());
}

/** Opens an allowed link in the user's browser; says whether it did. */
function openExternally(url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  void shell.openExternal(url);
  return true;
}

/**
 * Every web contents the app creates stays on the app's own page: navigation elsewhere and redirects
 * are cancelled (an allowed https link opens in the browser instead), `window.open` is denied and
 * `<webview>` cannot attach.
 */
export function guardWebContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  const stay = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternally(url);
  };
  contents.on('will-navigate', (event, url) => stay(event, url));
  contents.on('will-redirect', (event, url) => stay(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}
