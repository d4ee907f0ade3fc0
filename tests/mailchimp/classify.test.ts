import { describe, expect, it } from 'vitest';
import { classifyBatchRowError, classifyHttpStatus, classifySdkFailure } from '../../main/mailchimp/classify-error.js';
import { MAILCHIMP_ERROR_KINDS, MailchimpError, type MailchimpErrorKind } from '../../main/mailchimp/mailchimp-error.js';
import { mailchimpErrorToAppError } from '../../main/mailchimp/to-app-error.js';
import { formatError } from '../../shared/i18n/messages.js';

/** What the SDK rejects with for an HTTP error: a superagent error carrying the response. */
const httpError = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, message: 'Bad Request', response: { status, body, headers } });

const cases: Array<[MailchimpErrorKind, unknown]> = [
  ['auth', httpError(401, { title: 'API Key Invalid', status: 401, detail: "Your API key may be invalid, or you've attempted to access the wrong datacenter." })],
  ['not_found', httpError(404, { title: 'Resource Not Found', status: 404, detail: 'The requested resource could not be found.' })],
  ['compliance_state', httpError(400, { title: 'Member In Compliance State', status: 400, detail: 'x@y.bg is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.' })],
  ['forgotten_email', httpError(400, { title: 'Forgotten Email Not Subscribed', status: 400, detail: 'x@y.bg was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.' })],
  ['invalid_email', httpError(400, { title: 'Invalid Resource', status: 400, detail: 'x@example.com looks fake or invalid, please enter a real email address.' })],
  ['invalid_merge_fields', httpError(400, { title: 'Invalid Resource', status: 400, detail: 'Your merge fields were invalid.', errors: [{ field: 'LTV', message: 'Please enter a number' }] })],
  ['invalid_interest', httpError(400, { title: 'Invalid Resource', status: 400, detail: "Invalid interest ID: 'c06bb4b529'." })],
  ['rate_limit', httpError(429, { title: 'Too Many Requests', status: 429, detail: 'You have exceeded the limit of 10 simultaneous connections.' })],
  ['server', httpError(500, { title: 'Internal Server Error', status: 500, detail: 'An unexpected internal error has occurred.' })],
  ['network', { code: 'ECONNRESET', message: 'socket hang up' }],
  ['bad_request', httpError(400, { title: 'Member Exists', status: 400, detail: 'x@y.bg is already a list member. Use PUT to insert or update list members.' })],
  ['bad_response', new SyntaxError('Unexpected token < in JSON at position 0')],
  ['forbidden', httpError(403, { title: 'Forbidden', status: 403, detail: 'You are not permitted to access this resource.' })],
  ['account_disabled', httpError(403, { title: 'User Disabled', status: 403, detail: 'This account has been disabled.' })],
  ['key_refused', httpError(403, { title: 'Wrong Datacenter', status: 403, detail: 'The API key provided is linked to a different datacenter.' })],
  ['too_many_signups', httpError(400, { title: 'Invalid Resource', status: 400, detail: "a@b.bg has signed up to a lot of lists very recently; we're not allowing more signups for now" })],
  ['certificate', { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' }],
  ['host_not_found', { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND us99.api.mailchimp.com' }],
];

describe('error classification', () => {
  it('covers every kind', () => {
    expect(cases.map(([k]) => k).sort()).toEqual([...MAILCHIMP_ERROR_KINDS].sort());
  });

  it.each(cases)('classifies %s and keeps Mailchimp’s words', (kind, raw) => {
    const { error } = classifySdkFailure(raw, 'GET /x');
    expect(error.kind).toBe(kind);
    expect(error.operation).toBe('GET /x');
    const body = (raw as { response?: { body?: { detail?: string; title?: string } } }).response?.body;
    if (body) expect(error).toMatchObject({ title: body.title, detail: body.detail });
  });

  it('keeps errors[] and reads Retry-After', () => {
    const { error, retryAfterMs } = classifySdkFailure(
      httpError(400, { title: 'Invalid Resource', status: 400, detail: 'Your merge fields were invalid.', errors: [{ field: 'FNAME', message: 'Please enter a value' }] }, { 'retry-after': '7' }),
      'PUT',
    );
    expect(error.errors).toEqual([{ field: 'FNAME', message: 'Please enter a value' }]);
    expect(retryAfterMs).toBe(7000);
  });

  it('treats a timeout and a refused connection as network', () => {
    expect(classifySdkFailure({ code: 'ECONNABORTED', timeout: 100, message: 'Timeout of 100ms exceeded' }, 'GET').error.kind).toBe('network');
    expect(classifySdkFailure({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' }, 'GET').error.kind).toBe('network');
  });

  it('classifies a schema-level 400 by its errors[] field', () => {
    expect(classifyHttpStatus(400, { detail: 'The resource submitted could not be validated.', errors: [{ field: 'email_address', message: 'This value should be a valid email.' }] })).toBe('invalid_email');
    expect(classifyHttpStatus(400, { detail: 'The resource submitted could not be validated.', errors: [{ field: 'merge_fields.FNAME', message: 'Data did not match any of the schemas described in anyOf.' }] })).toBe('invalid_merge_fields');
    expect(classifyHttpStatus(503, { title: 'Service Unavailable' })).toBe('server');
  });

  it.each([
    [{ error: 'x@test.com looks fake or invalid, please enter a real email address.', error_code: 'ERROR_GENERIC' }, 'invalid_email'],
    [{ error: 'Please provide a valid email address.', error_code: 'ERROR_GENERIC' }, 'invalid_email'],
    [{ error: 'Your merge fields were invalid.', error_code: 'ERROR_GENERIC', field: 'LTV', field_message: 'Please enter a number' }, 'invalid_merge_fields'],
    [{ error: "Invalid interest ID: 'abc'.", error_code: 'ERROR_GENERIC' }, 'invalid_interest'],
    [{ error: 'a@b.bg is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.', error_code: 'ERROR_GENERIC' }, 'compliance_state'],
    [{ error: 'a@b.bg was permanently deleted and cannot be re-imported.', error_code: 'ERROR_GENERIC' }, 'forgotten_email'],
    [{ error: 'a@b.bg is already a list member.', error_code: 'ERROR_CONTACT_EXISTS' }, 'bad_request'],
    [{ error: 'The resource submitted could not be validated', error_code: 'ERROR_GENERIC' }, 'bad_request'],
    [{ error: "a@b.bg has signed up to a lot of lists very recently; we're not allowing more signups for now", error_code: 'ERROR_GENERIC' }, 'too_many_signups'],
    // Another account language: the message is German, the field name (with a space) still tells.
    [{ error: 'Bitte gib eine gültige E-Mail-Adresse an.', error_code: 'ERROR_GENERIC', field: 'email address', field_message: 'Bitte gib eine gültige E-Mail-Adresse an.' }, 'invalid_email'],
    [{ error: 'Deine Zusammenführungsfelder waren ungültig.', error_code: 'ERROR_GENERIC', field: 'FNAME', field_message: 'Bitte gib einen Wert ein.' }, 'invalid_merge_fields'],
  ] as const)('classifies batch row %#', (row, kind) => {
    expect(classifyBatchRowError(row)).toBe(kind);
  });

  it('maps every kind to a translated AppError that carries Mailchimp’s detail', () => {
    for (const kind of MAILCHIMP_ERROR_KINDS) {
      const err = new MailchimpError({ kind, status: 400, title: 'T', detail: 'Mailchimp said so', errors: [{ field: 'FNAME', message: 'Please enter a value' }] });
      const app = mailchimpErrorToAppError(err);
      expect(app.code).toBe(`mailchimp_${kind}`);
      expect(app.params.detail).toBe('Mailchimp said so; FNAME: Please enter a value');
      for (const lang of ['bg', 'en'] as const) expect(formatError(app, lang).length).toBeGreaterThan(10);
    }
  });
});
