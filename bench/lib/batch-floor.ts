import type { MailchimpApi } from '../../main/mailchimp/mailchimp-api.js';
import { emailOf, GROUPS } from './barsy-csv.js';

/** The audience's interest ids, in the order the floor assigns them to clients (as the export's groups). */
export async function interestIds(api: MailchimpApi, listId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const c of await api.listInterestCategories(listId)) for (const i of await api.listInterests(listId, c.id)) ids.push(i.id);
  return ids;
}

/**
 * The batch floor: clients 1..n as batch-subscribe POSTs of 500, `concurrency` in flight — what a first
 * sync cannot do with fewer requests. Answers the number of requests sent.
 */
export async function postBatchFloor(api: MailchimpApi, listId: string, interests: string[], n: number, concurrency: number): Promise<number> {
  let next = 1;
  const worker = async () => {
    while (next <= n) {
      const from = next;
      next += 500;
      const members = [];
      for (let i = from; i < Math.min(from + 500, n + 1); i++) {
        members.push({ email_address: emailOf(i), status: 'subscribed' as const, merge_fields: { FNAME: 'Клиент', LNAME: `Номер${i}` }, interests: Object.fromEntries(interests.map((id, k) => [id, k === i % GROUPS.length])) });
      }
      await api.batchSubscribe(listId, members, { updateExisting: false });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return Math.ceil(n / 500);
}
