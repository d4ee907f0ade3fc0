/**
 * `MailchimpApi` on the official SDK (see sdk-transport.ts for why a non-singleton client). Style after
 * Nango's Mailchimp integration: every response zod-parsed, collections always fully paged with an
 * explicit `count`, retries with backoff, Mailchimp's documentation linked above each call.
 */
import type { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { resolveBaseUrl } from './base-url.js';
import type { ArchiveResult, MailchimpApi } from './mailchimp-api.js';
import { MailchimpError } from './mailchimp-error.js';
import { fetchAllPages } from './paging.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import {
  accountSchema,
  audienceSchema,
  batchSubscribeResultSchema,
  interestCategorySchema,
  interestSchema,
  MEMBER_FIELDS,
  memberSchema,
  mergeFieldSchema,
  pageSchema,
  pingSchema,
} from './schemas.js';
import { batchMethods } from './batch-operations.js';
import { readMarketingPermissions } from './marketing-permissions.js';
import { createTransport, failedAfterAmbiguousAttempt, type SdkApiClient, type Transport } from './sdk-transport.js';
import { isSubscriberHash, subscriberHash } from './subscriber-hash.js';

export type MailchimpClientOptions = {
  apiKey: string;
  /** Explicit API base (simulator, proxy), e.g. `http://127.0.0.1:4010/3.0`; default from the key's dc. */
  baseUrl?: string;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** Timeout of a 500-member batch subscribe; default 120 s (Mailchimp's own server-side limit). */
  batchTimeoutMs?: number;
  /** Requests in flight for this client, all calls together; default 4, at most 10; changeable with `setConcurrency`. */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  /** Test hooks: jitter source and sleep. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

/** Batch subscribe takes at most 500 members per call. */
export const BATCH_SUBSCRIBE_MAX = 500;

/** Creates a `MailchimpApi` backed by its own SDK client, retry policy and concurrency cap. */
export function createMailchimpClient(opts: MailchimpClientOptions): MailchimpApi {
  const retry = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  const t = createTransport({
    apiKey: opts.apiKey,
    baseUrl: resolveBaseUrl(opts.apiKey, opts.baseUrl),
    timeoutMs: opts.timeoutMs ?? 30_000,
    concurrency: opts.concurrency ?? 4,
    retry,
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.random ? { random: opts.random } : {}),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
  });
  const batchTimeoutMs = opts.batchTimeoutMs ?? 120_000;

  /** One call: send, then parse with `schema`. */
  const get = async <S extends z.ZodType>(op: string, schema: S, call: (sdk: SdkApiClient) => Promise<unknown>): Promise<z.output<S>> =>
    t.parse(schema, (await t.send(op, call)).data, op);

  /** Every page of a collection whose items sit under `key`. */
  const all = <S extends z.ZodType>(op: string, key: string, item: S, call: (sdk: SdkApiClient, page: { count: number; offset: number }) => Promise<unknown>, onPage?: (items: z.output<S>[]) => void) => {
    const schema = pageSchema(key, item);
    return fetchAllPages<z.output<S>>(
      async (offset, count) => {
        const page = (await get(op, schema, (sdk) => call(sdk, { count, offset }))) as Record<string, unknown> & { total_items: number };
        return { items: page[key] as z.output<S>[], totalItems: page.total_items };
      },
      onPage ? { onPage } : {},
    );
  };

  const api: MailchimpApi = {
    // https://mailchimp.com/developer/marketing/api/ping/ping/
    async ping() {
      return (await get('GET /ping', pingSchema, (sdk) => sdk.ping.get())).health_status;
    },

    // https://mailchimp.com/developer/marketing/api/root/list-api-root-resources/
    getAccount: () => get('GET /', accountSchema, (sdk) => sdk.root.getRoot({ fields: ['account_id', 'account_name', 'login_id'] })),

    // https://mailchimp.com/developer/marketing/api/lists/get-lists-info/
    listAudiences: () => all('GET /lists', 'lists', audienceSchema, (sdk, page) => sdk.lists.getAllLists({ ...page, fields: ['lists.id', 'lists.web_id', 'lists.name', 'lists.stats', 'lists.date_created', 'total_items'] })),

    // https://mailchimp.com/developer/marketing/api/lists/get-list-info/
    getAudience: (listId) => get('GET /lists/{list_id}', audienceSchema, (sdk) => sdk.lists.getList(listId)),

    // https://mailchimp.com/developer/marketing/api/list-merges/list-merge-fields/
    listMergeFields: (listId) => all('GET /lists/{list_id}/merge-fields', 'merge_fields', mergeFieldSchema, (sdk, page) => sdk.lists.getListMergeFields(listId, page)),

    // https://mailchimp.com/developer/marketing/api/list-merges/add-merge-field/
    createMergeField: (listId, field) =>
      createIdempotent(t, 'POST /lists/{list_id}/merge-fields', mergeFieldSchema, (sdk) => sdk.lists.addListMergeField(listId, field), async () => {
        const fields = await api.listMergeFields(listId);
        return fields.find((f) => (field.tag ? f.tag === field.tag.toUpperCase() : f.name === field.name));
      }),

    // https://mailchimp.com/developer/marketing/api/interest-categories/list-interest-categories/
    listInterestCategories: (listId) =>
      all('GET /lists/{list_id}/interest-categories', 'categories', interestCategorySchema, (sdk, page) => sdk.lists.getListInterestCategories(listId, page)),

    // https://mailchimp.com/developer/marketing/api/interests/list-interests-in-category/
    listInterests: (listId, categoryId) =>
      all('GET /lists/{list_id}/interest-categories/{category_id}/interests', 'interests', interestSchema, (sdk, page) =>
        sdk.lists.listInterestCategoryInterests(listId, categoryId, page),
      ),

    // https://mailchimp.com/developer/marketing/api/interest-categories/add-interest-category/
    createInterestCategory: (listId, category) =>
      createIdempotent(t, 'POST /lists/{list_id}/interest-categories', interestCategorySchema, (sdk) => sdk.lists.createListInterestCategory(listId, category), async () =>
        (await api.listInterestCategories(listId)).find((c) => c.title === category.title),
      ),

    // https://mailchimp.com/developer/marketing/api/interests/add-interest-in-category/
    createInterest: (listId, categoryId, interest) =>
      createIdempotent(
        t,
        'POST /lists/{list_id}/interest-categories/{category_id}/interests',
        interestSchema,
        (sdk) => sdk.lists.createInterestCategoryInterest(listId, categoryId, interest),
        async () => (await api.listInterests(listId, categoryId)).find((i) => i.name === interest.name),
      ),

    // https://mailchimp.com/developer/marketing/api/list-members/list-members-info/
    async listMembers(listId, o = {}) {
      const query = {
        fields: [...MEMBER_FIELDS.map((f) => `members.${f}`), 'total_items'],
        ...(o.sinceLastChanged ? { since_last_changed: o.sinceLastChanged } : {}),
        ...(o.status ? { status: o.status } : {}),
      };
      const members = await all('GET /lists/{list_id}/members', 'members', memberSchema, (sdk, page) => sdk.lists.getListMembersInfo(listId, { ...query, ...page }), o.onPage);
      // Offset paging over a list that changes meanwhile can show a member twice: keep one per id.
      return [...new Map(members.map((m) => [m.id, m])).values()];
    },

    // https://mailchimp.com/developer/marketing/api/list-members/get-member-info/
    async getMember(listId, emailOrHash) {
      const hash = isSubscriberHash(emailOrHash) ? emailOrHash.toLowerCase() : subscriberHash(emailOrHash);
      try {
        return await get('GET /lists/{list_id}/members/{hash}', memberSchema, (sdk) => sdk.lists.getListMember(listId, hash));
      } catch (err) {
        if (err instanceof MailchimpError && err.kind === 'not_found') return null;
        throw err;
      }
    },

    // https://mailchimp.com/developer/marketing/api/list-members/add-or-update-list-member/
    // PUT by subscriber hash is an upsert keyed by the address, so re-sending it after a connection reset
    // (when the server may already have applied it) updates the same member instead of adding a second.
    upsertMember: (listId, hash, body, o = {}) =>
      get('PUT /lists/{list_id}/members/{hash}', memberSchema, (sdk) =>
        sdk.lists.setListMember(listId, hash, body, o.skipMergeValidation ? { skip_merge_validation: true } : {}),
      ),

    // https://mailchimp.com/developer/marketing/api/lists/batch-subscribe-or-unsubscribe/
    // Mailchimp keys members by address, so a batch re-sent after a reset cannot create duplicates: with
    // update_existing the first attempt's new members simply come back as updated.
    // Only documented query parameters (no `fields=`, NOTES §11): the answer echoes every member's whole
    // record, and parsing keeps just id, address, status and last_changed of each (`batchMemberSchema`).
    async batchSubscribe(listId, members, o) {
      checkBatch(members);
      const op = 'POST /lists/{list_id}';
      const body = { members, update_existing: o.updateExisting };
      const sent = await t.send(op, (sdk) => sdk.lists.batchListMembers(listId, body, o.skipMergeValidation ? { skipMergeValidation: true } : {}), { timeoutMs: batchTimeoutMs });
      return { ...t.parse(batchSubscribeResultSchema, sent.data, op), attempts: sent.attempts };
    },

    // Marketing permissions (GDPR fields): the list says whether it has them, a member says which.
    getMarketingPermissions: (listId) => readMarketingPermissions(listId, get),

    ...batchMethods({ t, retry, downloadTimeoutMs: batchTimeoutMs, ...(opts.random ? { random: opts.random } : {}), ...(opts.sleep ? { sleep: opts.sleep } : {}) }),

    // https://mailchimp.com/developer/marketing/api/list-members/archive-list-member/
    async archiveMember(listId, hash): Promise<ArchiveResult> {
      try {
        await t.send('DELETE /lists/{list_id}/members/{hash}', (sdk) => sdk.lists.deleteListMember(listId, hash));
        return 'archived';
      } catch (err) {
        if (!(err instanceof MailchimpError)) throw err;
        if (err.kind === 'not_found') return 'not_found';
        // 405 = already archived (or pending/bounced); after an unseen first attempt it was most likely ours.
        if (err.status === 405) return failedAfterAmbiguousAttempt(err) ? 'archived' : 'not_archivable';
        throw err;
      }
    },

    // https://mailchimp.com/developer/marketing/api/list-members/add-or-update-list-member/
    unsubscribeMember: (listId, emailAddress) =>
      api.upsertMember(listId, subscriberHash(emailAddress), { email_address: emailAddress.trim(), status_if_new: 'unsubscribed', status: 'unsubscribed' }),

    requestCount: () => t.requestCount(),
    setConcurrency: (limit) => t.setConcurrency(limit),
    concurrency: () => t.concurrency(),
    onRateLimited: (listener) => t.onRateLimited(listener),
    rateLimitedCount: () => t.rateLimitedCount(),
  };
  return api;
}

/** Rejects a batch Mailchimp would refuse as a whole: over 500 members or one address twice. */
function checkBatch(members: Array<{ email_address: string }>): void {
  if (members.length > BATCH_SUBSCRIBE_MAX) {
    throw new MailchimpError({ kind: 'bad_request', detail: `A batch subscribe takes at most ${BATCH_SUBSCRIBE_MAX} members (got ${members.length}).` });
  }
  const seen = new Set<string>();
  for (const m of members) {
    const key = m.email_address.trim().toLowerCase();
    if (seen.has(key)) throw new MailchimpError({ kind: 'bad_request', detail: 'The same email address appears twice in one batch subscribe.' });
    seen.add(key);
  }
}

/**
 * A create (POST) that is safe to retry: when an earlier attempt died unseen (reset, timeout, 5xx) and the
 * retry is refused as a duplicate, the first attempt did create it, so the existing item is returned.
 */
async function createIdempotent<S extends z.ZodType>(
  t: Transport,
  op: string,
  schema: S,
  call: (sdk: SdkApiClient) => Promise<unknown>,
  findExisting: () => Promise<z.output<S> | undefined>,
): Promise<z.output<S>> {
  try {
    return t.parse(schema, (await t.send(op, call)).data, op);
  } catch (err) {
    if (err instanceof MailchimpError && err.kind === 'bad_request' && failedAfterAmbiguousAttempt(err)) {
      const existing = await findExisting();
      if (existing !== undefined) return existing;
    }
    throw err;
  }
}

