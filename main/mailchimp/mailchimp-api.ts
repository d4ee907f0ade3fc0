/**
 * The narrow, typed interface the sync engine and the IPC handlers use to talk to Mailchimp. The SDK
 * implementation (`createMailchimpClient`) sits behind it, so the transport can be swapped and tests
 * can use a fake. Every method resolves to zod-validated data or rejects with a `MailchimpError`.
 * Collection methods always return EVERY page (Mailchimp's default page is 10 items).
 */
import type { MemberStatus } from '../../shared/domain/sync.js';
import type { BatchMethods } from './batch-operations.js';
import type { MarketingPermissions } from './marketing-permissions.js';
import type * as S from './schemas.js';
import type { RateLimitEvent } from './sdk-transport.js';

export type {
  Account,
  Audience,
  BatchMemberInput,
  BatchRowError,
  BatchSubscribeResult,
  Interest,
  InterestCategory,
  InterestCategoryType,
  Member,
  MemberUpsertBody,
  MergeField,
  MarketingPermission,
  MarketingPermissionInput,
} from './schemas.js';
export type { BatchOperation, BatchRunResult, BatchStatus, BatchUpsertOptions, BatchUpsertRow, WaitForBatchOptions } from './batch-operations.js';
export type { BatchOperationResult, BatchResultMember } from './batch-results.js';
export type { AudiencePermission, MarketingPermissions } from './marketing-permissions.js';
export type { RateLimitEvent } from './sdk-transport.js';
export type { MemberStatus } from '../../shared/domain/sync.js';

export type ListMembersOptions = {
  /** ISO 8601; only members changed after it (Mailchimp's `since_last_changed`). */
  sinceLastChanged?: string;
  status?: MemberStatus;
  /** Called with each page as it arrives (progress, streaming into SQLite). */
  onPage?: (members: S.Member[]) => void;
};

export type BatchSubscribeOptions = {
  /** true: existing members are updated (and a `status` in a row CHANGES theirs); false: they are row errors. */
  updateExisting: boolean;
  skipMergeValidation?: boolean;
};

/** What `archiveMember` found: `not_archivable` = already archived, pending or bounced (Mailchimp's 405). */
export type ArchiveResult = 'archived' | 'not_found' | 'not_archivable';

export interface MailchimpApi extends BatchMethods {
  /** `GET /ping`: checks the key and the data center; resolves to Mailchimp's health text. */
  ping(): Promise<string>;
  /** `GET /` (API root): the account, for its `account_name`. */
  getAccount(): Promise<S.Account>;
  /** All audiences (every page). */
  listAudiences(): Promise<S.Audience[]>;
  getAudience(listId: string): Promise<S.Audience>;
  /** All merge fields of an audience (every page). */
  listMergeFields(listId: string): Promise<S.MergeField[]>;
  /** Creates a TEXT merge field; Mailchimp assigns `MMERGE<n>` when no tag is given. */
  createMergeField(listId: string, field: { name: string; type: 'text'; tag?: string }): Promise<S.MergeField>;
  /** All interest categories ("group titles") of an audience (every page). */
  listInterestCategories(listId: string): Promise<S.InterestCategory[]>;
  /** All interests ("groups") of a category (every page). */
  listInterests(listId: string, categoryId: string): Promise<S.Interest[]>;
  createInterestCategory(listId: string, category: { title: string; type: S.InterestCategoryType }): Promise<S.InterestCategory>;
  createInterest(listId: string, categoryId: string, interest: { name: string }): Promise<S.Interest>;
  /** All members (every page, 1000 a page, only the fields the engine needs). */
  listMembers(listId: string, opts?: ListMembersOptions): Promise<S.Member[]>;
  /** One member by email or subscriber hash; `null` when Mailchimp has no such member (404). */
  getMember(listId: string, emailOrHash: string): Promise<S.Member | null>;
  /**
   * `PUT /lists/{id}/members/{hash}`: creates with `status_if_new` or updates. Idempotent by hash, so it
   * is safe to retry after a connection reset.
   */
  upsertMember(listId: string, hash: string, body: S.MemberUpsertBody, opts?: { skipMergeValidation?: boolean }): Promise<S.Member>;
  /**
   * `POST /lists/{id}` with at most 500 members. Row failures come back in `errors[]` (classify them with
   * `classifyBatchRowError`); only a failure of the whole request throws.
   */
  batchSubscribe(listId: string, members: S.BatchMemberInput[], opts: BatchSubscribeOptions): Promise<S.BatchSubscribeResult>;
  /** `DELETE /lists/{id}/members/{hash}`: archives (reversible). */
  archiveMember(listId: string, hash: string): Promise<ArchiveResult>;
  /** Sets an existing member's status to `unsubscribed` (PUT by hash of `emailAddress`). */
  unsubscribeMember(listId: string, emailAddress: string): Promise<S.Member>;
  /** HTTP requests sent so far by this client, retries included (for run metrics). */
  requestCount(): number;
  /**
   * The audience's marketing permissions (GDPR fields): whether it has any, and their ids and texts
   * (read from a member; empty when the audience has no contact yet).
   */
  getMarketingPermissions(listId: string): Promise<MarketingPermissions>;
  /**
   * Requests this client may have in flight (1–10), changeable while calls run: the engine halves it on
   * a 429 and grows it back. Lowering it never cancels a request; new ones wait for a slot.
   */
  setConcurrency(limit: number): void;
  concurrency(): number;
  /** Calls `listener` on every 429 this client meets, also those it then retries; returns an unsubscribe function. */
  onRateLimited(listener: (event: RateLimitEvent) => void): () => void;
  /** 429s met so far (retried ones included). */
  rateLimitedCount(): number;
}
