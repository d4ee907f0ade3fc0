import { appError, AppFailure, type AppError } from '../../shared/domain/app-error.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import type { MailchimpErrorKind } from './mailchimp-error.js';
import { MailchimpError } from './mailchimp-error.js';

/** Mailchimp's own words for the user: detail plus any field messages, capped for the UI. */
function describe(err: Pick<MailchimpError, 'detail' | 'title' | 'errors'>): string {
  const fields = err.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).filter(Boolean);
  const text = [err.detail ?? err.title ?? '', ...fields].filter(Boolean).join('; ');
  return text.slice(0, 500);
}

/** Maps a classified Mailchimp failure to the `AppError` the UI, CLI and report translate. */
export function mailchimpErrorToAppError(err: Pick<MailchimpError, 'kind' | 'status' | 'detail' | 'title' | 'errors'>): AppError {
  const detail = describe(err);
  const kind: MailchimpErrorKind = err.kind;
  switch (kind) {
    case 'auth':
      return appError('mailchimp_auth', { detail });
    case 'forbidden':
      return appError('mailchimp_forbidden', { detail });
    case 'account_disabled':
      return appError('mailchimp_account_disabled', { detail });
    case 'key_refused':
      return appError('mailchimp_key_refused', { detail });
    case 'too_many_signups':
      return appError('mailchimp_too_many_signups', { detail });
    case 'certificate':
      return appError('mailchimp_certificate', { detail });
    case 'host_not_found':
      return appError('mailchimp_host_not_found', { detail });
    case 'not_found':
      return appError('mailchimp_not_found', { detail });
    case 'compliance_state':
      return appError('mailchimp_compliance_state', { detail });
    case 'forgotten_email':
      return appError('mailchimp_forgotten_email', { detail });
    case 'invalid_email':
      return appError('mailchimp_invalid_email', { detail });
    case 'invalid_merge_fields':
      return appError('mailchimp_invalid_merge_fields', { detail });
    case 'invalid_interest':
      return appError('mailchimp_invalid_interest', { detail });
    case 'rate_limit':
      return appError('mailchimp_rate_limit', { detail });
    case 'server':
      return appError('mailchimp_server', { status: err.status ?? 0, detail });
    case 'network':
      return appError('mailchimp_network', { detail });
    case 'bad_request':
      return appError('mailchimp_bad_request', { status: err.status ?? 0, detail });
    case 'bad_response':
      return appError('mailchimp_bad_response', { detail });
    default:
      return assertNever(kind, 'Mailchimp error kind');
  }
}

/** Re-throws a `MailchimpError` as an `AppFailure` (for handlers); anything else passes through unchanged. */
export function rethrowAsAppFailure(err: unknown): never {
  if (err instanceof MailchimpError) {
    const e = mailchimpErrorToAppError(err);
    throw new AppFailure(e.code, e.params);
  }
  throw err;
}
