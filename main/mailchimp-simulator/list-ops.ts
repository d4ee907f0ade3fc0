import { nextId } from './ids.js';
import { invalidResource, notFound, schemaInvalid } from './problem.js';
import type { CategoryType, MergeFieldOptions, MergeFieldType, SimCategory, SimInterest, SimList, SimMergeField, SimState } from './types.js';

/** Audience structure: merge fields, interest categories and interests, with Mailchimp's limits. */

export type NewMergeField = {
  name: string;
  type: MergeFieldType;
  tag?: string;
  required?: boolean;
  default_value?: string;
  public?: boolean;
  display_order?: number;
  options?: MergeFieldOptions;
  help_text?: string;
};

const TYPE_OPTIONS: Record<MergeFieldType, MergeFieldOptions> = {
  text: { size: 25 },
  number: {},
  address: { default_country: 164 },
  phone: { phone_format: 'none' },
  date: { date_format: 'MM/DD/YYYY' },
  birthday: { date_format: 'MM/DD' },
  url: {},
  imageurl: {},
  radio: { choices: [] },
  dropdown: { choices: [] },
  zip: {},
};

const TAG_PATTERN = /^[A-Z0-9_]{1,10}$/;

/**
 * Adds a merge field. Tags are upper-cased, then must be ≤ 10 characters of A-Z, 0-9 and `_` (refused
 * otherwise, never truncated); without a tag Mailchimp assigns `MMERGE<merge_id>`.
 */
export function addMergeField(list: SimList, input: NewMergeField, cap: number): SimMergeField {
  if (list.merge_fields.length >= cap) {
    throw invalidResource(`This audience already has the maximum of ${cap} merge fields.`);
  }
  const mergeId = list.next_merge_id;
  const tag = input.tag === undefined || input.tag.trim() === '' ? `MMERGE${mergeId}` : input.tag.trim().toUpperCase();
  if (!TAG_PATTERN.test(tag)) {
    throw schemaInvalid([{ field: 'tag', message: 'Merge tags must be 10 characters or fewer and contain only letters A-Z, digits and underscores.' }]);
  }
  if (tag === 'EMAIL' || list.merge_fields.some((f) => f.tag === tag)) {
    throw invalidResource(`A Merge Field with the tag "${tag}" already exists for this list.`);
  }
  const field: SimMergeField = {
    merge_id: mergeId,
    tag,
    name: input.name,
    type: input.type,
    required: input.required ?? false,
    default_value: input.default_value ?? '',
    public: input.public ?? false,
    display_order: input.display_order ?? Math.max(1, ...list.merge_fields.map((f) => f.display_order)) + 1,
    options: { ...TYPE_OPTIONS[input.type], ...input.options },
    help_text: input.help_text ?? '',
  };
  list.next_merge_id += 1;
  list.merge_fields.push(field);
  return field;
}

/** Adds an interest category; a duplicate title is refused with Mailchimp's message. */
export function addCategory(state: SimState, list: SimList, input: { title: string; type: CategoryType; display_order?: number }): SimCategory {
  if (list.categories.some((c) => c.title === input.title)) {
    throw invalidResource(`An interest category with the title '${input.title}' already exists.`);
  }
  const category: SimCategory = {
    id: nextId(state, 'category'),
    title: input.title,
    type: input.type,
    display_order: input.display_order ?? list.categories.length,
  };
  list.categories.push(category);
  return category;
}

/** The category named by id, or 404. */
export function categoryOf(list: SimList, id: string): SimCategory {
  const category = list.categories.find((c) => c.id === id);
  if (!category) throw notFound();
  return category;
}

/**
 * Adds an interest ("group"). Names are unique across the audience and the audience holds at most
 * `cap` (60) interests across all categories.
 */
export function addInterest(state: SimState, list: SimList, categoryId: string, input: { name: string; display_order?: number }, cap: number): SimInterest {
  categoryOf(list, categoryId);
  if (list.interests.some((i) => i.name === input.name)) {
    throw invalidResource(`Cannot add "${input.name}" because it already exists on the list.`);
  }
  if (list.interests.length >= cap) {
    throw invalidResource(`Cannot have more than ${cap} interests per list (across all categories).`);
  }
  const interest: SimInterest = {
    id: nextId(state, 'interest'),
    category_id: categoryId,
    name: input.name,
    display_order: input.display_order ?? list.interests.filter((i) => i.category_id === categoryId).length,
  };
  list.interests.push(interest);
  return interest;
}

/** Subscribed members per interest id, in one pass over the audience. */
export function interestCounts(list: SimList): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of list.members.values()) {
    if (m.status !== 'subscribed') continue;
    for (const id of m.interests) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}
