/**
 * Mailchimp's address checks as seen on the wire (NOTES §3, §4): international characters only after
 * the `@`, no spaces, a plausible domain, and a refusal of "fake-looking" addresses.
 */

/** Domains (and `.tld` suffixes) refused as fake by default; configurable with `fakeDomains`. */
export const DEFAULT_FAKE_DOMAINS = ['example.com', 'example.org', 'example.net', 'test.com', 'bar.com', 'foo.com', '.vom', '.con', '.cmo'];

// RFC 5322 "atext" plus dots, ASCII only: Mailchimp accepts international characters only after the @.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
// Labels may hold letters of any script (IDN), digits and inner hyphens; the TLD has two or more letters.
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

/** True when the domain is on the fake list (`.tld` entries match by suffix). */
function isFake(domain: string, fakeDomains: readonly string[]): boolean {
  const d = domain.toLowerCase();
  return fakeDomains.some((f) => {
    const entry = f.toLowerCase();
    return entry.startsWith('.') ? d.endsWith(entry) : d === entry;
  });
}

/** Returns Mailchimp's detail text when the address is refused, or null when it is accepted. */
export function emailProblem(email: string, fakeDomains: readonly string[]): string | null {
  if (email.length === 0 || /\s/.test(email)) return 'Please provide a valid email address.';
  const parts = email.split('@');
  if (parts.length !== 2) return 'An email address must contain a single @.';
  const [local = '', domain = ''] = parts;
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(local)) return 'Please provide a valid email address.';
  if (!LOCAL_PART.test(local)) return `The username portion of the email address is invalid (the portion before the @: ${local})`;
  if (!DOMAIN.test(domain)) return `The domain portion of the email address is invalid (the portion after the @: ${domain})`;
  if (isFake(domain, fakeDomains)) return `${email} looks fake or invalid, please enter a real email address.`;
  return null;
}
