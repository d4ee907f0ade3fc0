/**
 * Shapes the IPC contract uses for audiences, groups and merge fields (camelCase, only what the UI
 * shows), built from the client's Mailchimp-shaped data.
 */
import type { Audience, Interest, InterestCategory, MailchimpApi, MergeField } from './mailchimp-api.js';

export type AudienceView = { id: string; name: string; memberCount: number };
export type InterestView = { id: string; name: string; categoryId: string; subscriberCount: number };
export type CategoryView = { id: string; title: string; type: string; interests: InterestView[] };
export type MergeFieldView = { tag: string; name: string; type: string; required: boolean };

/** An audience as listed in the UI. */
export const toAudienceView = (a: Audience): AudienceView => ({ id: a.id, name: a.name, memberCount: Math.trunc(a.stats.member_count) });

/** An interest ("group"); Mailchimp sends `subscriber_count` as a string. */
export const toInterestView = (i: Interest): InterestView => ({
  id: i.id,
  name: i.name,
  categoryId: i.category_id,
  subscriberCount: Math.trunc(Number(i.subscriber_count ?? 0)) || 0,
});

/** A category with its interests. */
export const toCategoryView = (c: InterestCategory, interests: Interest[]): CategoryView => ({
  id: c.id,
  title: c.title,
  type: c.type,
  interests: interests.map(toInterestView),
});

/** A merge field. */
export const toMergeFieldView = (f: MergeField): MergeFieldView => ({ tag: f.tag, name: f.name, type: f.type, required: f.required });

/** Like `Promise.all`, but waits for every task before rejecting, so no request outlives the call. */
async function settleAll<T>(tasks: Array<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** The audience with EVERY category, EVERY interest of each and EVERY merge field (all pages). */
export async function loadAudienceDetails(api: MailchimpApi, listId: string) {
  // The audience first: when it is gone, that one 404 is the answer.
  const audience = await api.getAudience(listId);
  const loadCategories = async () => {
    const categories = await api.listInterestCategories(listId);
    return settleAll(categories.map(async (c) => toCategoryView(c, await api.listInterests(listId, c.id))));
  };
  const [categories, mergeFields] = await Promise.allSettled([loadCategories(), api.listMergeFields(listId)]);
  if (categories.status === 'rejected') throw categories.reason;
  if (mergeFields.status === 'rejected') throw mergeFields.reason;
  return { audience: toAudienceView(audience), categories: categories.value, mergeFields: mergeFields.value.map(toMergeFieldView) };
}
