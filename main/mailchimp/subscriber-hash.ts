import { createHash } from 'node:crypto';

/** Mailchimp's member id: MD5 of the lower-cased address (trimmed: our choice, Barsy cells carry spaces). */
export function subscriberHash(email: string): string {
  return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

/** True when `value` already is a subscriber hash (32 hex characters) rather than an email. */
export function isSubscriberHash(value: string): boolean {
  return /^[0-9a-f]{32}$/i.test(value);
}
