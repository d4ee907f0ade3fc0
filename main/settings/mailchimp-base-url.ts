import { AppFailure } from '../../shared/domain/app-error.js';

/**
 * Where the Mailchimp API key may be sent. Every call carries the key, so an address the user (or a
 * settings import, a database edit, a compromised renderer) points elsewhere would hand the key over in
 * clear. Only two kinds are allowed: Mailchimp itself over HTTPS, for the key's own data centre, and a
 * loopback simulator (our demo, tests and scripts) on an explicit port.
 */

const MAILCHIMP_HOST = /^([a-z]+\d+)\.api\.mailchimp\.com$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** The data centre of a key (`…-us6` → `us6`), or undefined when the key has no such suffix. */
export function dataCentreOf(apiKey: string | undefined): string | undefined {
  return apiKey ? /-([a-z]+\d+)$/.exec(apiKey.trim())?.[1] : undefined;
}

/** The URL as shown in a message: without any user:password part, so nothing secret is echoed. */
function shown(raw: string, url: URL | undefined): string {
  if (!url) return raw.slice(0, 200);
  return `${url.protocol}//${url.host}${url.pathname}`.slice(0, 200);
}

/**
 * The configured base URL, trailing slashes removed, when the key may be sent there; otherwise an
 * `AppFailure` (`mailchimp_base_url_refused`, or `mailchimp_base_url_dc_mismatch` when it is Mailchimp
 * but for another data centre than `apiKey`'s).
 */
export function checkMailchimpBaseUrl(raw: string, apiKey?: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    url = undefined;
  }
  const refused = () => new AppFailure('mailchimp_base_url_refused', { url: shown(raw, url) });
  if (!url || url.username || url.password || url.search || url.hash) throw refused();
  const normalized = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && url.port !== '') return normalized;
  const dc = MAILCHIMP_HOST.exec(url.hostname)?.[1];
  if (url.protocol !== 'https:' || !dc || url.port !== '' || !/^\/3\.0\/*$/.test(url.pathname)) throw refused();
  const keyDc = dataCentreOf(apiKey);
  if (keyDc && keyDc !== dc) throw new AppFailure('mailchimp_base_url_dc_mismatch', { url: normalized, urlDc: dc, keyDc });
  return normalized;
}
