/** Mailchimp's error documents (`application/problem+json`), thrown by handlers and written by the server. */

export const PROBLEM_TYPE = 'https://mailchimp.com/developer/marketing/docs/errors/';

export type FieldError = { field: string; message: string };

/** A handled failure: the server turns it into a problem document with this status. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${title}: ${detail}`);
  }
}

export const SCHEMA_DETAIL = "The resource submitted could not be validated. For field-specific details, see the 'errors' array.";
export const MERGE_DETAIL = 'Your merge fields were invalid.';

/** 404 for any unknown list, member, category or route. */
export function notFound(): SimError {
  return new SimError(404, 'Resource Not Found', 'The requested resource could not be found.');
}

/** 400 "Invalid Resource" with a detail and optional field errors. */
export function invalidResource(detail: string, errors?: FieldError[]): SimError {
  return new SimError(400, 'Invalid Resource', detail, errors);
}

/** 400 for a body that does not match the request schema. */
export function schemaInvalid(errors: FieldError[]): SimError {
  return invalidResource(SCHEMA_DETAIL, errors);
}

/** 429 as Mailchimp sends it for the simultaneous-connection limit. */
export function tooManyRequests(limit: number, retryAfter?: number): SimError {
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) };
  return new SimError(429, 'Too Many Requests', `You have exceeded the limit of ${limit} simultaneous connections.`, undefined, headers);
}

/** 500 with the glossary's text. */
export function internalError(): SimError {
  return new SimError(500, 'Internal Server Error', 'An unexpected internal error has occurred. Please contact Support for more information.');
}

/** 503 for an injected outage. */
export function serviceUnavailable(): SimError {
  return new SimError(503, 'Service Unavailable', 'The service is temporarily unavailable. Please try again later.');
}

/** The problem document body for an error and a request id. */
export function problemBody(err: SimError, requestId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: PROBLEM_TYPE,
    title: err.title,
    status: err.status,
    detail: err.detail,
    instance: requestId,
  };
  if (err.errors) body.errors = err.errors;
  return body;
}
