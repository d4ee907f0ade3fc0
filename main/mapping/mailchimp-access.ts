import type { AppContext } from '../context/app-context.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { createMailchimpClientFromSettings } from '../mailchimp/client-from-settings.js';
import type { MailchimpApi } from '../mailchimp/mailchimp-api.js';
import { rethrowAsAppFailure } from '../mailchimp/to-app-error.js';
import { readAudienceStructure, type AudienceStructure } from './audience-structure.js';

/** The audience chosen in the settings (mappings are per audience). */
export function requireListId(ctx: Pick<AppContext, 'settings'>): string {
  const listId = ctx.settings.get('mailchimp.listId');
  if (!listId) throw new AppFailure('mailchimp_not_configured');
  return listId;
}

/** The audience's fields and groups; Mailchimp failures become the `AppFailure` the UI translates. */
export async function audienceStructureFor(ctx: AppContext, api?: MailchimpApi): Promise<AudienceStructure> {
  try {
    return await readAudienceStructure(api ?? (await createMailchimpClientFromSettings(ctx)), requireListId(ctx));
  } catch (err) {
    return rethrowAsAppFailure(err);
  }
}
