import { AppFailure } from '../../shared/domain/app-error.js';
import { mergeTagSchema } from '../../shared/domain/mapping.js';
import { settingSchemas } from '../../shared/domain/settings.js';
import type { AppContext } from '../context/app-context.js';
import { registerSecret } from '../logging/logger.js';
import { loadAudienceDetails, toAudienceView, toCategoryView, toInterestView, toMergeFieldView } from './audience-view.js';
import { createMailchimpClientFromSettings } from './client-from-settings.js';
import { startDemoSimulator } from './demo-simulator.js';
import type { MailchimpApi } from './mailchimp-api.js';
import { createMailchimpClient } from './sdk-client.js';
import { rethrowAsAppFailure } from './to-app-error.js';
import type { HandlersFor } from '../context/handler-types.js';

type C =
  | 'mailchimp:connect'
  | 'mailchimp:demo'
  | 'mailchimp:audiences'
  | 'mailchimp:audience'
  | 'mailchimp:createInterest'
  | 'mailchimp:createCategory'
  | 'mailchimp:createMergeField';

/** Runs a Mailchimp task and turns a `MailchimpError` into the `AppFailure` the UI translates. */
async function mc<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (err) {
    return rethrowAsAppFailure(err);
  }
}

/** The audience chosen in the settings. */
function listIdOf(ctx: AppContext): string {
  const listId = ctx.settings.get('mailchimp.listId');
  if (!listId) throw new AppFailure('mailchimp_not_configured');
  return listId;
}

/** Checks a key at once: ping, account name, audiences. */
async function checkAccount(api: MailchimpApi) {
  await api.ping();
  const [account, audiences] = await Promise.all([api.getAccount(), api.listAudiences()]);
  return { accountName: account.account_name, audiences: audiences.map(toAudienceView) };
}

/** Mailchimp account and audience channels. */
export const mailchimpHandlers: HandlersFor<C> = {
  'mailchimp:connect': async ({ apiKey: rawKey, baseUrl }, ctx) => {
    const apiKey = rawKey.trim();
    const format = settingSchemas['mailchimp.apiKey'].safeParse(apiKey);
    if (!format.success) throw new AppFailure('setting_invalid', { key: 'mailchimp.apiKey', reason: format.error.issues[0]?.message ?? 'invalid' });
    registerSecret(apiKey);
    const api = createMailchimpClient({ apiKey, logger: ctx.logger, ...(baseUrl ? { baseUrl } : {}) });
    const result = await mc(() => checkAccount(api));
    // Stored only once Mailchimp accepted the key, so a typo never replaces a working key.
    ctx.settings.set('mailchimp.apiKey', apiKey);
    ctx.settings.set('mailchimp.baseUrl', baseUrl ?? '');
    ctx.settings.set('mailchimp.accountName', result.accountName);
    const listId = ctx.settings.get('mailchimp.listId');
    if (listId && !result.audiences.some((a) => a.id === listId)) ctx.settings.set('mailchimp.listId', '');
    return result;
  },

  'mailchimp:demo': async (_req, ctx) => {
    const demo = await startDemoSimulator(ctx);
    const api = await createMailchimpClientFromSettings(ctx);
    const result = await mc(() => checkAccount(api));
    ctx.settings.set('mailchimp.accountName', result.accountName);
    return { baseUrl: demo.baseUrl, listId: demo.listId, ...result };
  },

  'mailchimp:audiences': async (_req, ctx) => {
    const api = await createMailchimpClientFromSettings(ctx);
    return mc(async () => (await api.listAudiences()).map(toAudienceView));
  },

  'mailchimp:audience': async (_req, ctx) => {
    const listId = listIdOf(ctx);
    const api = await createMailchimpClientFromSettings(ctx);
    return mc(() => loadAudienceDetails(api, listId));
  },

  'mailchimp:createInterest': async ({ categoryId, name }, ctx) => {
    const listId = listIdOf(ctx);
    const api = await createMailchimpClientFromSettings(ctx);
    return mc(async () => toInterestView(await api.createInterest(listId, categoryId, { name: name.trim() })));
  },

  'mailchimp:createCategory': async ({ title }, ctx) => {
    const listId = listIdOf(ctx);
    const api = await createMailchimpClientFromSettings(ctx);
    return mc(async () => toCategoryView(await api.createInterestCategory(listId, { title: title.trim(), type: 'checkboxes' }), []));
  },

  'mailchimp:createMergeField': async ({ name, tag }, ctx) => {
    const listId = listIdOf(ctx);
    const wanted = tag?.trim().toUpperCase() || undefined;
    if (wanted !== undefined && !mergeTagSchema.safeParse(wanted).success) throw new AppFailure('mapping_tag_invalid', { tag: wanted });
    const api = await createMailchimpClientFromSettings(ctx);
    return mc(async () => toMergeFieldView(await api.createMergeField(listId, { name: name.trim(), type: 'text', ...(wanted ? { tag: wanted } : {}) })));
  },
};
