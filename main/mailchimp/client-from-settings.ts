import { AppFailure } from '../../shared/domain/app-error.js';
import type { AppContext } from '../context/app-context.js';
import { registerSecret } from '../logging/logger.js';
import { ensureDemoSimulator } from './demo-simulator.js';
import type { MailchimpApi } from './mailchimp-api.js';
import { createMailchimpClient, type MailchimpClientOptions } from './sdk-client.js';

/** Tuning a caller may override (tests: small retry delays; the engine: its concurrency). */
export type ClientTuning = Omit<MailchimpClientOptions, 'apiKey' | 'baseUrl' | 'logger'>;

/**
 * The one way the engine, the mappings and the handlers get a client for the configured account
 * (settings `mailchimp.apiKey`, optional `mailchimp.baseUrl`). When the settings point at the built-in
 * demo, its simulator is started (or found running) first. The base URL is checked where the client is
 * built (`resolveBaseUrl`), so an address the key must not go to fails here, before any request.
 * Throws `AppFailure('mailchimp_not_configured')` when no key is stored.
 */
export async function createMailchimpClientFromSettings(
  ctx: Pick<AppContext, 'settings' | 'logger' | 'dataDir' | 'disposers'>,
  tuning: ClientTuning = {},
): Promise<MailchimpApi> {
  await ensureDemoSimulator(ctx);
  const apiKey = ctx.settings.get('mailchimp.apiKey');
  if (!apiKey) throw new AppFailure('mailchimp_not_configured');
  registerSecret(apiKey);
  const baseUrl = ctx.settings.get('mailchimp.baseUrl') || undefined;
  return createMailchimpClient({ ...tuning, apiKey, logger: ctx.logger, ...(baseUrl ? { baseUrl } : {}) });
}
