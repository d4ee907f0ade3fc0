/**
 * Zod schemas for the Mailchimp responses the client reads, following Mailchimp's Swagger 2.0 files in
 * `../shared/mailchimp-spec/` (copied for tests to `tests/fixtures/mailchimp-spec/`) (lists.yml, merge.yml, categories.yml, interests.yml, members.yml,
 * list-id.yml). Objects are loose: Mailchimp adds fields over time and we must not break on them, but
 * every field we use is validated. Types are inferred from these schemas.
 */
import { z } from 'zod';
import { memberStatusSchema } from '../../shared/domain/sync.js';

export { memberStatusSchema };

/** `GET /ping` (pings.yml). */
export const pingSchema = z.looseObject({ health_status: z.string() });

/** `GET /` API root (account info); only the name is used. */
export const accountSchema = z.looseObject({
  account_id: z.string().optional(),
  account_name: z.string(),
  login_id: z.string().optional(),
});
export type Account = z.infer<typeof accountSchema>;

/** A list ("audience"), lists.yml `List`. */
export const audienceSchema = z.looseObject({
  id: z.string(),
  web_id: z.number().int().optional(),
  name: z.string(),
  stats: z.looseObject({ member_count: z.number(), unsubscribe_count: z.number().optional(), cleaned_count: z.number().optional() }),
  date_created: z.string().optional(),
});
export type Audience = z.infer<typeof audienceSchema>;

export const mergeFieldTypeSchema = z.enum(['text', 'number', 'address', 'phone', 'date', 'url', 'imageurl', 'radio', 'dropdown', 'birthday', 'zip']);
export type MergeFieldType = z.infer<typeof mergeFieldTypeSchema>;

/** merge.yml `MergeField`. `type` is kept as a string so a new Mailchimp type does not break parsing. */
export const mergeFieldSchema = z.looseObject({
  merge_id: z.number().int(),
  tag: z.string(),
  name: z.string(),
  type: z.string(),
  required: z.boolean(),
  default_value: z.string().optional(),
  public: z.boolean().optional(),
  display_order: z.number().int().optional(),
  list_id: z.string().optional(),
});
export type MergeField = z.infer<typeof mergeFieldSchema>;

export const interestCategoryTypeSchema = z.enum(['checkboxes', 'dropdown', 'radio', 'hidden']);
export type InterestCategoryType = z.infer<typeof interestCategoryTypeSchema>;

/** categories.yml `Interest Category`. */
export const interestCategorySchema = z.looseObject({
  list_id: z.string().optional(),
  id: z.string(),
  title: z.string(),
  display_order: z.number().int().optional(),
  type: z.string(),
});
export type InterestCategory = z.infer<typeof interestCategorySchema>;

/** interests.yml `Interest`. `subscriber_count` is a string in the spec; accept a number too. */
export const interestSchema = z.looseObject({
  category_id: z.string(),
  list_id: z.string().optional(),
  id: z.string(),
  name: z.string(),
  subscriber_count: z.union([z.string(), z.number()]).optional(),
  display_order: z.number().int().optional(),
});
export type Interest = z.infer<typeof interestSchema>;

/** Merge values: the spec gives `additionalProperties` no type (text, number, address objects…). */
export const mergeValuesSchema = z.record(z.string(), z.unknown());

/** A member's marketing permission: the audience's permission id and text, and the contact's choice. */
export const marketingPermissionSchema = z.object({
  marketing_permission_id: z.string(),
  text: z.string().optional().default(''),
  enabled: z.boolean().optional().default(false),
});
export type MarketingPermission = z.infer<typeof marketingPermissionSchema>;

/** members.yml `List Members` — the fields the engine reads (see `MEMBER_FIELDS`). */
export const memberSchema = z.looseObject({
  id: z.string(),
  email_address: z.string(),
  status: memberStatusSchema,
  merge_fields: mergeValuesSchema.optional().default({}),
  interests: z.record(z.string(), z.boolean()).optional().default({}),
  last_changed: z.string().optional(),
  list_id: z.string().optional(),
  /** GDPR audiences only (members.yml `Marketing Permission`); absent elsewhere. */
  marketing_permissions: z.array(marketingPermissionSchema).optional(),
});
export type Member = z.infer<typeof memberSchema>;

/** A marketing permission as written on a member (PUT body; batch subscribe has no such field). */
export type MarketingPermissionInput = { marketing_permission_id: string; enabled: boolean };

/** The only member fields requested when listing, so 100k members do not cost 100k full records. */
export const MEMBER_FIELDS = ['id', 'email_address', 'status', 'merge_fields', 'interests', 'last_changed'] as const;

type WritableStatus = Exclude<Member['status'], 'archived'>;

/** The member fields the engine writes, common to PUT and batch subscribe. */
type MemberFieldsInput = {
  email_address: string;
  email_type?: 'html' | 'text';
  merge_fields?: Record<string, string | number>;
  interests?: Record<string, boolean>;
  language?: string;
  vip?: boolean;
};

/** Body of `PUT /lists/{id}/members/{hash}` (members.yml `AddOrUpdateListMember`). */
export type MemberUpsertBody = MemberFieldsInput & {
  /** Used only when the address is new; Mailchimp requires it on every PUT. */
  status_if_new: WritableStatus;
  /** Sent only to change an existing member's status (compliance rules apply). */
  status?: WritableStatus;
  /** GDPR opt-ins to set (only the ones listed change). */
  marketing_permissions?: MarketingPermissionInput[];
};

/** One member of a batch subscribe body (list-id.yml `Members to subscribe`). */
export type BatchMemberInput = MemberFieldsInput & {
  /** With `updateExisting: true` this CHANGES an existing member's status: omit it to keep it. */
  status?: WritableStatus;
  /**
   * Status for a new member only (undocumented for this route but accepted, NOTES §11): with
   * `updateExisting: true` existing members keep theirs.
   */
  status_if_new?: WritableStatus;
};

/**
 * A member as echoed back by batch subscribe (`new_members[]`, `updated_members[]`): the engine reads
 * the address (to match its row), the status (kept/transactional/archived) and `last_changed` (its next
 * read cursor and the confirmed change). `last_changed` is optional so an answer without it still parses.
 * A strict (stripping) object: Mailchimp echoes every member's whole record (merge fields, interests,
 * stats, location, tags, links: about 2 KB each, 1 MB per 500-member answer), and only these four
 * fields are kept once the answer is parsed. (`fields=` would trim the answer itself, but it is not a
 * documented parameter of this route, NOTES §11.)
 */
export const batchMemberSchema = z.object({
  id: z.string(),
  email_address: z.string(),
  status: memberStatusSchema.optional(),
  last_changed: z.string().optional(),
});

/** One failed row of a batch subscribe (list-id.yml `errors[]`). */
export const batchRowErrorSchema = z.object({
  email_address: z.string().optional().default(''),
  error: z.string(),
  error_code: z.string().optional().default('ERROR_GENERIC'),
  field: z.string().optional(),
  field_message: z.string().optional(),
});
export type BatchRowError = z.infer<typeof batchRowErrorSchema>;

/** `POST /lists/{id}` response: 200 even when every row failed. Strict: `_links` and the like are dropped. */
export const batchSubscribeResultSchema = z.object({
  new_members: z.array(batchMemberSchema),
  updated_members: z.array(batchMemberSchema),
  errors: z.array(batchRowErrorSchema),
  total_created: z.number().int(),
  total_updated: z.number().int(),
  error_count: z.number().int(),
});
/**
 * The parsed response plus `attempts`: more than 1 means the request was re-sent after a reset, timeout
 * or 5xx, so with `update_existing: false` an `ERROR_CONTACT_EXISTS` row may be one the first attempt created.
 */
export type BatchSubscribeResult = z.infer<typeof batchSubscribeResultSchema> & { attempts: number };

/** Mailchimp's problem document (RFC 7807-like); `errors[]` appears on validation failures. */
export const problemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.looseObject({ field: z.string().optional().default(''), message: z.string().optional().default('') })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** A page of any collection: the item array under `key` plus `total_items`. */
export function pageSchema<T extends z.ZodType>(key: string, item: T) {
  return z.looseObject({ [key]: z.array(item), total_items: z.number().int().nonnegative() });
}
