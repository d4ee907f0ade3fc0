import isEmail from 'validator/lib/isEmail.js';
import { codeOf, hasInvisible, isInvisible, withoutInvisible } from '../../shared/domain/email-marks.js';

/**
 * Cyrillic letters that look like Latin ones. Typed into a Latin address (a Bulgarian keyboard left on
 * the Cyrillic layout for one key) they make an address that looks right and never delivers.
 */
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X',
  І: 'I', Ј: 'J', Ѕ: 'S',
};

/** Mailchimp takes international characters only after the `@`; the local part must be ASCII. */
const EMAIL_OPTIONS = { allow_utf8_local_part: false, require_tld: true, allow_ip_domain: false, allow_display_name: false };

export type EmailCheck = {
  /** As typed, trimmed. */
  email: string;
  /** Identity: lower-cased. Two clients with one key are one Mailchimp member. */
  key: string;
  status: 'empty' | 'valid' | 'invalid';
  /** The address we think was meant (look-alike letters replaced, or the first of several addresses). */
  suggestion: string | null;
  /** The address contains Cyrillic look-alike letters where Latin ones belong. */
  lookalike: boolean;
  /** The address contains invisible characters (zero-width, bidirectional controls, soft hyphen). */
  invisible: boolean;
};

/** `ivan⟦U+200B⟧@abv.bg`: an address with its invisible characters written out, for warnings and the CLI. */
export function showInvisible(s: string): string {
  let out = '';
  for (const ch of s) out += isInvisible(ch) ? `⟦${codeOf(ch)}⟧` : ch;
  return out;
}

/**
 * A strict subset of what `isEmail(…, EMAIL_OPTIONS)` accepts (dot-atom local part of validator's
 * characters, LDH domain labels, an alphabetic TLD; lengths checked separately). Most addresses of an
 * export match it, which skips validator's slower checks; anything else goes to validator, which stays
 * the authority. A unit test checks the subset claim on generated addresses.
 */
const SIMPLE_EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Mailchimp's rule through validator, with the fast path above. */
export function isValidEmail(email: string): boolean {
  if (email.length <= 254 && SIMPLE_EMAIL.test(email) && email.indexOf('@') <= 64) return true;
  return isEmail(email, EMAIL_OPTIONS);
}

const NON_ASCII_UNITS = /[^ -~\t\r\n]/;
const NON_ASCII_BMP = /[\u0080-\uffff]/u;
/** A character in U+0080–U+FFFF; the plain test first, as a unicode-mode regex costs far more per address and most addresses are ASCII. */
const NON_ASCII = { test: (s: string): boolean => NON_ASCII_UNITS.test(s) && NON_ASCII_BMP.test(s) };
const CYRILLIC = /[\u0400-\u052f]/u;
const LATIN = /[a-z]/i;

/** Replaces look-alike letters; undefined when some non-ASCII letter has no Latin twin. */
function transliterate(s: string): string | undefined {
  let out = '';
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (LOOKALIKES[ch]) out += LOOKALIKES[ch];
    else return undefined;
  }
  return out;
}

/**
 * Finds look-alikes: any non-ASCII letter in the local part, and Cyrillic letters in a domain label
 * that also has Latin letters (`аbv.bg`). An all-Cyrillic domain (`пример.бг`) is a real IDN and fine.
 */
function lookalikeFix(local: string, domain: string): { found: boolean; fixed: string | undefined } {
  let found = false;
  let fixed: string | undefined = local;
  if (NON_ASCII.test(local)) {
    found = true;
    fixed = transliterate(local);
  }
  const labels = domain.split('.').map((label) => {
    if (!(CYRILLIC.test(label) && LATIN.test(label))) return label;
    found = true;
    return transliterate(label);
  });
  if (!found || fixed === undefined || labels.some((l) => l === undefined)) return { found, fixed: undefined };
  return { found, fixed: `${fixed}@${labels.join('.')}` };
}

/** Validates one address the way Mailchimp accepts it and suggests a correction for common slips. */
export function checkEmail(raw: string): EmailCheck {
  const email = raw.trim();
  const key = email.toLowerCase();
  if (email === '') return { email, key, status: 'empty', suggestion: null, lookalike: false, invisible: false };
  if (NON_ASCII.test(email) && hasInvisible(email)) {
    // Never valid as typed (validator would let some through after the @); the cleaned address, with
    // any look-alike letters fixed too, is the suggestion.
    const cleaned = checkEmail(withoutInvisible(email));
    const suggestion = cleaned.status === 'valid' ? cleaned.email : cleaned.suggestion;
    return { email, key, status: 'invalid', suggestion, lookalike: cleaned.lookalike, invisible: true };
  }
  const at = email.lastIndexOf('@');
  // Look-alikes are non-ASCII, so a plain ASCII address needs no look-alike check.
  if (at > 0 && NON_ASCII.test(email)) {
    const look = lookalikeFix(email.slice(0, at), email.slice(at + 1));
    if (look.found) {
      const suggestion = look.fixed !== undefined && isValidEmail(look.fixed) ? look.fixed : null;
      return { email, key, status: 'invalid', suggestion, lookalike: suggestion !== null, invisible: false };
    }
  }
  if (isValidEmail(email)) return { email, key, status: 'valid', suggestion: null, lookalike: false, invisible: false };
  // Several addresses in one cell: suggest the first, which is the one Barsy users usually mean.
  const first = email.split(/[;,\s]+/u).find((p) => p !== '');
  const suggestion = first && first !== email && isValidEmail(first) ? first : null;
  return { email, key, status: 'invalid', suggestion, lookalike: false, invisible: false };
}
