import { assertNever } from '../../shared/domain/assert-never.js';
import type { MailchimpErrorKind } from './mailchimp-error.js';

/** How failed calls are retried. Tests pass small delays; the app uses the defaults. */
export type RetryPolicy = {
  /** Attempts per call including the first (>= 1). */
  maxAttempts: number;
  /** Backoff cap for attempt n is min(maxDelayMs, baseDelayMs * 2^(n-1)); the wait is uniform in [0, cap]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails with `rate_limit` instead. */
  maxRetryAfterMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** Kinds worth another attempt: throttling, Mailchimp-side failures, resets and timeouts. Never other 4xx. */
export function isRetryableKind(kind: MailchimpErrorKind): boolean {
  return kind === 'rate_limit' || kind === 'server' || kind === 'network';
}

/**
 * What a failure means for a member and for the run, for the engine to act on:
 * - `retry`: transient (429, 5xx, network); try again in this run;
 * - `later`: Mailchimp will take it later ("signed up to a lot of lists"): keep it for a later run, not failed;
 * - `settle`: settled once, never retried every run (compliance state, permanently deleted address);
 * - `member`: this member's data is refused (bad address, merge values, interest): it fails with the message;
 * - `stop`: the run cannot go on (key, role, account, certificate, host, audience gone, unreadable answers).
 */
export type ErrorDisposition = 'retry' | 'later' | 'settle' | 'member' | 'stop';

/** The disposition of a failure kind (closed over every kind). */
export function errorDisposition(kind: MailchimpErrorKind): ErrorDisposition {
  switch (kind) {
    case 'rate_limit':
    case 'server':
    case 'network':
      return 'retry';
    case 'too_many_signups':
      return 'later';
    case 'compliance_state':
    case 'forgotten_email':
      return 'settle';
    case 'invalid_email':
    case 'invalid_merge_fields':
    case 'invalid_interest':
    case 'bad_request':
      return 'member';
    case 'auth':
    case 'forbidden':
    case 'account_disabled':
    case 'key_refused':
    case 'certificate':
    case 'host_not_found':
    case 'not_found':
    case 'bad_response':
      return 'stop';
    default:
      return assertNever(kind, 'Mailchimp error kind');
  }
}

/**
 * Kinds after which the server may have applied the request although we saw no answer (reset, timeout,
 * 5xx): a retried create can then meet its own first attempt.
 */
export function isAmbiguousKind(kind: MailchimpErrorKind): boolean {
  return kind === 'server' || kind === 'network';
}

/** Exponential backoff with full jitter (AWS architecture blog): spreads retries of many callers apart. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds; undefined when absent or bad. */
export function parseRetryAfterMs(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
