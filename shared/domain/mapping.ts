import { z } from 'zod';

/** Barsy client group → one Mailchimp interest ("group" in Mailchimp's UI), or explicitly not synced. */
export const groupMappingSchema = z.object({
  barsyGroup: z.string(),
  /** null = "don't sync this group". */
  interestId: z.string().nullable(),
  categoryId: z.string().nullable(),
  /** Names as they were when mapped, for display when Mailchimp is offline. */
  interestName: z.string().nullable(),
});
export type GroupMapping = z.infer<typeof groupMappingSchema>;

/**
 * A source of a merge-tag value: `name`, `email`, a client column header, or `<kind>: <field>` for a
 * representative field. Several sources may map to one tag.
 */
export const fieldMappingSchema = z.object({
  source: z.string(),
  /** null = not synced. */
  tag: z.string().nullable(),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

/** Mailchimp merge tags: at most 10 characters of A-Z, 0-9 and _. */
export const mergeTagSchema = z.string().regex(/^[A-Z0-9_]{1,10}$/);
