/** The Mailchimp client's public surface for the engine and the handlers (see README.md). */
export type * from './mailchimp-api.js';
export { MailchimpError, isMailchimpError, MAILCHIMP_ERROR_KINDS, type MailchimpErrorKind, type MailchimpFieldError } from './mailchimp-error.js';
export { createMailchimpClient, BATCH_SUBSCRIBE_MAX, type MailchimpClientOptions } from './sdk-client.js';
export { createMailchimpClientFromSettings, type ClientTuning } from './client-from-settings.js';
export { classifyBatchRowError } from './classify-error.js';
export { mailchimpErrorToAppError, rethrowAsAppFailure } from './to-app-error.js';
export { subscriberHash, isSubscriberHash } from './subscriber-hash.js';
export { ensureDemoSimulator, startDemoSimulator, settingsPointAtDemo } from './demo-simulator.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
export { MEMBER_FIELDS } from './schemas.js';
