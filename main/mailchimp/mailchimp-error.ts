/**
 * The one error type the Mailchimp client throws: a `kind` the engine switches on, plus Mailchimp's
 * own status/title/detail/errors[] so the user sees what Mailchimp said. Never carries the API key.
 */
export type MailchimpErrorKind =
  | 'auth'
  | 'forbidden'
  | 'account_disabled'
  | 'key_refused'
  | 'not_found'
  | 'compliance_state'
  | 'forgotten_email'
  | 'invalid_email'
  | 'invalid_merge_fields'
  | 'invalid_interest'
  | 'too_many_signups'
  | 'rate_limit'
  | 'server'
  | 'network'
  | 'certificate'
  | 'host_not_found'
  | 'bad_request'
  | 'bad_response';

export const MAILCHIMP_ERROR_KINDS: readonly MailchimpErrorKind[] = [
  'auth',
  'forbidden',
  'account_disabled',
  'key_refused',
  'not_found',
  'compliance_state',
  'forgotten_email',
  'invalid_email',
  'invalid_merge_fields',
  'invalid_interest',
  'too_many_signups',
  'rate_limit',
  'server',
  'network',
  'certificate',
  'host_not_found',
  'bad_request',
  'bad_response',
];

export type MailchimpFieldError = { field: string; message: string };

export type MailchimpErrorInit = {
  kind: MailchimpErrorKind;
  /** HTTP status, absent for network errors and timeouts. */
  status?: number;
  title?: string;
  detail?: string;
  errors?: MailchimpFieldError[];
  /** Mailchimp's request id (`instance`), useful in a support ticket. */
  instance?: string;
  /** Which call failed, e.g. `PUT /lists/{list_id}/members/{hash}` (no ids, no emails). */
  operation?: string;
  /** Attempts made, including the first. */
  attempts?: number;
};

/** A classified Mailchimp failure. */
export class MailchimpError extends Error {
  readonly kind: MailchimpErrorKind;
  readonly status: number | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly errors: MailchimpFieldError[];
  readonly instance: string | undefined;
  readonly operation: string | undefined;
  attempts: number;

  constructor(init: MailchimpErrorInit) {
    const head = [init.status, init.title].filter((x) => x !== undefined && x !== '').join(' ');
    super(`Mailchimp ${init.kind}${head ? ` (${head})` : ''}${init.detail ? `: ${init.detail}` : ''}`);
    this.name = 'MailchimpError';
    this.kind = init.kind;
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.instance = init.instance;
    this.operation = init.operation;
    this.attempts = init.attempts ?? 1;
  }
}

/** Type guard for `MailchimpError`. */
export function isMailchimpError(err: unknown): err is MailchimpError {
  return err instanceof MailchimpError;
}
