import { MailchimpError } from './mailchimp-error.js';

/**
 * The API base URL for a key: the configured one (simulator, proxy) when given, else
 * `https://<dc>.api.mailchimp.com/3.0` from the key's `-<dc>` suffix. Set explicitly on the SDK
 * client so its default `https://server.api.mailchimp.com/3.0` and the `'server'` replace never apply.
 */
export function resolveBaseUrl(apiKey: string, configured?: string): string {
  const explicit = configured?.trim();
  if (explicit) return explicit.replace(/\/+$/, '');
  const dc = /-([a-z]+\d+)$/.exec(apiKey.trim())?.[1];
  if (!dc) {
    throw new MailchimpError({ kind: 'auth', title: 'API Key Invalid', detail: 'The API key has no data-center suffix such as "-us6".' });
  }
  return `https://${dc}.api.mailchimp.com/3.0`;
}
