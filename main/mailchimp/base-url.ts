import { checkMailchimpBaseUrl, dataCentreOf } from '../settings/mailchimp-base-url.js';
import { MailchimpError } from './mailchimp-error.js';

/**
 * The API base URL for a key: the configured one (the simulator) when given, else
 * `https://<dc>.api.mailchimp.com/3.0` from the key's `-<dc>` suffix. Every client is built through
 * here, so a configured address the key must not go to is refused before anything is sent
 * (`AppFailure`, see `checkMailchimpBaseUrl`). Set explicitly on the SDK client so its default
 * `https://server.api.mailchimp.com/3.0` and the `'server'` replace never apply.
 */
export function resolveBaseUrl(apiKey: string, configured?: string): string {
  const explicit = configured?.trim();
  if (explicit) return checkMailchimpBaseUrl(explicit, apiKey);
  const dc = dataCentreOf(apiKey);
  if (!dc) {
    throw new MailchimpError({ kind: 'auth', title: 'API Key Invalid', detail: 'The API key has no data-center suffix such as "-us6".' });
  }
  return `https://${dc}.api.mailchimp.com/3.0`;
}
