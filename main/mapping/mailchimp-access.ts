import type { AppContext } from '../app-context.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { createMailchimpClientFromSettings } from '../mailchimp/client-from-settings.js';
import { ensureDemoSimulator } from '../mailchimp/demo-simulator.js';
import type { MailchimpApi } from '../mailchimp/mailchimp-api.js';
import { rethrowAsAppFailure } from '../mailchimp/to-app-error.js';
import { readAudienceStructure, type AudienceStructure } from '../sync/audience-structure.js';

/** The audience chosen in the settings (mappings are per audience). */
export function requireListId(ctx: Pick<AppContext, 'settings'>): string {
  const listId = ctx.settings.get('mailchimp.listId');
  if (!listId) throw new AppFailure('mailchimp_not_configured');
  return listId;
}

/** A client for the configured account (restarting the demo simulator first when the settings point at it). */
export async function mailchimpFor(ctx: AppContext): Promise<MailchimpApi> {
  await ensureDemoSimulator(ctx);
  return createMailchimpClientFromSettings(ctx);
}

/** The audience's fields and groups; Mailchimp failures become the `AppFailure` the UI translates. */
export async function audienceStructureFor(ctx: AppContext, api?: MailchimpApi): Promise<AudienceStructure> {
  try {
    return await readAudienceStructure(api ?? (await mailchimpFor(ctx)), requireListId(ctx));
  } catch (err) {
    return rethrowAsAppFailure(err);
  }
}
