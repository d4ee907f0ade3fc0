import { AppFailure } from '../../shared/domain/app-error.js';
import type { AppContext } from '../app-context.js';
import { registerSecret } from '../logging/logger.js';
import type { MailchimpApi } from './mailchimp-api.js';
import { createMailchimpClient, type MailchimpClientOptions } from './sdk-client.js';

/** Tuning a caller may override (tests: small retry delays; the engine: its concurrency). */
export type ClientTuning = Omit<MailchimpClientOptions, 'apiKey' | 'baseUrl' | 'logger'>;

/**
 * A client for the configured account (settings `mailchimp.apiKey`, optional `mailchimp.baseUrl`).
 * Throws `AppFailure('mailchimp_not_configured')` when no key is stored.
 */
export function createMailchimpClientFromSettings(ctx: Pick<AppContext, 'settings' | 'logger'>, tuning: ClientTuning = {}): MailchimpApi {
  const apiKey = ctx.settings.get('mailchimp.apiKey');
  if (!apiKey) throw new AppFailure('mailchimp_not_configured');
  registerSecret(apiKey);
  const baseUrl = ctx.settings.get('mailchimp.baseUrl') || undefined;
  return createMailchimpClient({ ...tuning, apiKey, logger: ctx.logger, ...(baseUrl ? { baseUrl } : {}) });
}
