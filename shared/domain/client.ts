import { z } from 'zod';

/**
 * Why a client is not synced. The first four are the rules of Barsy 8.5.2; `duplicate_email` is ours:
 * two clients with one email are one Mailchimp member, so only one of them (the winner) is synced.
 */
export const eligibilityReasonSchema = z.enum([
  'group_not_mapped',
  'not_subscribed',
  'no_email',
  'invalid_email',
  'deleted',
  'duplicate_email',
]);
export type EligibilityReason = z.infer<typeof eligibilityReasonSchema>;
export const ELIGIBILITY_REASONS = eligibilityReasonSchema.options;

/** The client fields Barsy exports that the importer understands by name. */
export const clientFieldSchema = z.enum([
  'id',
  'code',
  'name',
  'company',
  'email',
  'group',
  'subscribed',
  'deleted',
  'phone',
  'town',
  'address',
  'mol',
  'bulstat',
  'vatNum',
  'lastUpdate',
]);
export type ClientField = z.infer<typeof clientFieldSchema>;

export const representativeSchema = z.object({
  kind: z.string(),
  /** Field name → value, in export order. */
  fields: z.array(z.object({ field: z.string(), value: z.string() })),
});
export type Representative = z.infer<typeof representativeSchema>;

/** One client as the cache holds it, with its import-time eligibility facts. */
export const clientSchema = z.object({
  id: z.number().int(),
  importId: z.number().int(),
  /** 1-based line in the clients file where the record starts. */
  line: z.number().int(),
  barsyId: z.string(),
  code: z.string(),
  name: z.string(),
  company: z.string(),
  /** As typed, trimmed; identity uses the lower-cased form. */
  email: z.string(),
  group: z.string(),
  subscribed: z.boolean(),
  deleted: z.boolean(),
  /** Known-but-optional fields (phone, town, …) and unknown columns, keyed by the CSV header. */
  extra: z.record(z.string(), z.string()),
  representatives: z.array(representativeSchema),
  /** Reasons known at import time (everything but `group_not_mapped`, which depends on mappings). */
  reasons: z.array(eligibilityReasonSchema),
  /** For a mistyped email (e.g. a Cyrillic look-alike letter), the address we think was meant. */
  emailSuggestion: z.string().nullable(),
  /** For a duplicate, the line of the client that wins the email. */
  duplicateOfLine: z.number().int().nullable(),
});
export type Client = z.infer<typeof clientSchema>;
