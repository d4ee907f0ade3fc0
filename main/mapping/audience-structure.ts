import type { Audience, Interest, InterestCategory, MailchimpApi, MergeField } from '../mailchimp/mailchimp-api.js';

/** The audience as the engine needs it: name, every merge field, every interest with its category. */
export type AudienceStructure = {
  audience: Audience;
  mergeFields: MergeField[];
  categories: InterestCategory[];
  interests: Interest[];
};

/** Reads every merge field, category and interest (all pages; Mailchimp's default page of 10 truncates). */
export async function readAudienceStructure(api: MailchimpApi, listId: string): Promise<AudienceStructure> {
  // Independent reads in parallel: at Mailchimp's latency, one after another cost the preview a round trip.
  const [audience, mergeFields, categories] = await Promise.all([api.getAudience(listId), api.listMergeFields(listId), api.listInterestCategories(listId)]);
  const interests = (await Promise.all(categories.map((c) => api.listInterests(listId, c.id)))).flat();
  return { audience, mergeFields, categories, interests };
}

/** Mailchimp's merge field type for text; Barsy requires mapped tags to be of this type. */
export const TEXT_TYPE = 'text';
