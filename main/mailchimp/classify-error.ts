/**
 * Turns what the SDK rejects with (a superagent error) and what batch subscribe reports per row into
 * one `MailchimpErrorKind`. Mailchimp's wire `title` is a phrase and its glossary codes never appear,
 * so we match on status + title first, then on the `detail` text (NOTES.md §4).
 */
import { redact } from '../logging/logger.js';
import { MailchimpError, type MailchimpErrorKind, type MailchimpFieldError } from './mailchimp-error.js';
import { parseRetryAfterMs } from './retry-policy.js';
import { problemSchema, type BatchRowError } from './schemas.js';

const TEXT_RULES: Array<[RegExp, MailchimpErrorKind]> = [
  [/compliance state/i, 'compliance_state'],
  [/signed up to a lot of lists/i, 'too_many_signups'],
  [/permanently deleted|forgotten email/i, 'forgotten_email'],
  [/looks fake or invalid|valid email address|single @|username portion|domain portion/i, 'invalid_email'],
  [/merge fields were invalid/i, 'invalid_merge_fields'],
  [/invalid interest/i, 'invalid_interest'],
];

/** The kind a Mailchimp message names (title, detail or a batch row's `error`), if any. */
export function kindFromText(text: string): MailchimpErrorKind | undefined {
  return TEXT_RULES.find(([re]) => re.test(text))?.[1];
}

/**
 * The kind a validation `errors[]` entry points at: the email, an interest or a merge field. Field names
 * are matched loosely: real answers carry `"email address"` (with a space) as well as `email_address`.
 * The field, unlike the message, is not translated, so this works in every account language.
 */
function kindFromField(field: string | undefined): MailchimpErrorKind | undefined {
  if (!field) return undefined;
  const name = field.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (name === 'email_address' || name === 'email') return 'invalid_email';
  if (/^interests\b/.test(name)) return 'invalid_interest';
  if (/^merge_fields\b/.test(name) || /^[A-Z0-9_]{1,10}$/.test(field.trim())) return 'invalid_merge_fields';
  return undefined;
}

/**
 * The three 403s (NOTES §11): a disabled account, a key Mailchimp will not take (disabled, another
 * data centre), or a user whose role lacks the permission. Titles are English phrases in every language.
 */
function kindOf403(problem: { title?: string; detail?: string }): MailchimpErrorKind {
  const text = `${problem.title ?? ''} ${problem.detail ?? ''}`;
  if (/user disabled|account (has been )?disabled/i.test(text)) return 'account_disabled';
  if (/datacenter|data center|api key/i.test(text)) return 'key_refused';
  return 'forbidden';
}

/** Classifies an HTTP error answer by status, then Mailchimp's title, detail and `errors[]`. */
export function classifyHttpStatus(status: number, problem: { title?: string; detail?: string; errors?: MailchimpFieldError[] }): MailchimpErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return kindOf403(problem);
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limit';
  if (status >= 500) return 'server';
  if (status !== 400) return 'bad_request';
  const byText = kindFromText(`${problem.title ?? ''} ${problem.detail ?? ''}`);
  if (byText) return byText;
  for (const e of problem.errors ?? []) {
    const byField = kindFromField(e.field) ?? kindFromText(e.message);
    if (byField) return byField;
  }
  return 'bad_request';
}

/**
 * Classifies one `errors[]` row of a batch subscribe. `ERROR_CONTACT_EXISTS` (the member exists and
 * `update_existing` was false) is `bad_request`: the engine decides whether that matters.
 */
export function classifyBatchRowError(row: Pick<BatchRowError, 'error' | 'error_code'> & { field?: string | undefined; field_message?: string | undefined }): MailchimpErrorKind {
  if (row.error_code === 'ERROR_CONTACT_EXISTS') return 'bad_request';
  return kindFromText(row.error) ?? kindFromField(row.field) ?? kindFromText(row.field_message ?? '') ?? 'bad_request';
}

/**
 * A certificate the TLS layer refused, or a host name DNS says does not exist, will not get better by
 * retrying in a few seconds (unlike a reset or a refused connection): they are kinds of their own, so
 * the user gets one clear message at once. `EAI_AGAIN` (DNS temporarily failing) stays `network`.
 */
export function kindOfNetworkCode(code: string): MailchimpErrorKind {
  if (code === 'ENOTFOUND') return 'host_not_found';
  if (/CERT|_TLS_|^ERR_SSL|^SSL_/i.test(code)) return 'certificate';
  return 'network';
}

type SdkFailure = {
  status?: unknown;
  /** Set by superagent when a JSON body failed to parse. */
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  timeout?: unknown;
  response?: { status?: unknown; body?: unknown; text?: unknown; headers?: Record<string, unknown>; header?: Record<string, unknown> };
};

/** A classified failure plus the server's requested wait, if it sent `Retry-After`. */
export type ClassifiedFailure = { error: MailchimpError; retryAfterMs?: number };

/** Turns an SDK rejection into a `MailchimpError`. The raw error (which holds request headers) is dropped. */
export function classifySdkFailure(err: unknown, operation: string): ClassifiedFailure {
  if (err instanceof MailchimpError) return { error: err };
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SdkFailure;
  const message = redact(typeof e.message === 'string' ? e.message : 'unknown error');
  const status = [e.response?.status, e.status, e.statusCode].find((x): x is number => typeof x === 'number');

  // No HTTP error status: a network failure, or a success answer we could not read.
  if (status === undefined || status < 400) {
    // Resets, refusals, DNS failures and superagent's timeout (ECONNABORTED) all carry a Node error code.
    if (typeof e.code === 'string' || typeof e.timeout === 'number') {
      const code = typeof e.code === 'string' ? e.code : 'ETIMEDOUT';
      return { error: new MailchimpError({ kind: kindOfNetworkCode(code), detail: `${code}: ${message}`, operation }) };
    }
    return { error: new MailchimpError({ kind: 'bad_response', detail: message, operation }) };
  }

  const parsed = problemSchema.safeParse(e.response?.body);
  const problem = parsed.success ? parsed.data : {};
  const errors = (problem.errors ?? []).map((x) => ({ field: redact(x.field), message: redact(x.message) }));
  const headers = e.response?.headers ?? e.response?.header ?? {};
  const retryAfterMs = parseRetryAfterMs(headers['retry-after']);
  const title = problem.title !== undefined ? redact(problem.title) : undefined;
  const detail = problem.detail !== undefined ? redact(problem.detail) : message;
  const error = new MailchimpError({
    kind: classifyHttpStatus(status, { title, detail, errors }),
    status,
    title,
    detail,
    errors,
    instance: problem.instance,
    operation,
  });
  return retryAfterMs === undefined ? { error } : { error, retryAfterMs };
}
