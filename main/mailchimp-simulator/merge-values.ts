import { jsonType } from './body-schema.js';
import type { FieldError } from './problem.js';
import type { AddressValue, MergeValue, SimList, SimMergeField } from './types.js';

/** Mailchimp's documented limit for text merge values: 255 bytes of UTF-8 (about 127 Cyrillic letters). */
export const TEXT_MAX_BYTES = 255;

export type TextOverflow = 'clip' | 'reject';

/** Cuts a string to at most `maxBytes` of UTF-8, never inside a character. */
export function clipUtf8(text: string, maxBytes = TEXT_MAX_BYTES): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) so the cut lands on the start of a character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

export type MergeResult = {
  values: Record<string, MergeValue>;
  /** Wrong JSON types: reported as a schema error, like Mailchimp's anyOf message. */
  schemaErrors: FieldError[];
  /** Value errors: reported as "Your merge fields were invalid." */
  errors: FieldError[];
};

type Converted = { value: MergeValue } | { error: string };

const ADDRESS_KEYS = ['addr1', 'addr2', 'city', 'state', 'zip', 'country'] as const;

function toAddress(raw: Record<string, unknown>): Converted {
  const a: Partial<AddressValue> = {};
  for (const key of ADDRESS_KEYS) a[key] = typeof raw[key] === 'string' ? (raw[key] as string) : '';
  if (!a.addr1 || !a.city || typeof raw.state !== 'string' || typeof raw.zip !== 'string') {
    return { error: 'Please enter a complete address' };
  }
  return { value: a as AddressValue };
}

const DATE_FORMATS: Record<string, RegExp> = {
  'MM/DD/YYYY': /^(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])\/\d{4}$/,
  'DD/MM/YYYY': /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])\/\d{4}$/,
  'MM/DD': /^(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])$/,
  'DD/MM': /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])$/,
};
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Converts one scalar value by field type, or says what Mailchimp would answer. */
function convertScalar(field: SimMergeField, text: string, overflow: TextOverflow): Converted {
  const fmt = field.options.date_format ?? '';
  switch (field.type) {
    case 'text':
      if (Buffer.byteLength(text, 'utf8') > TEXT_MAX_BYTES && overflow === 'reject') {
        return { error: `Please enter a value of ${TEXT_MAX_BYTES} bytes or less` };
      }
      return { value: clipUtf8(text) };
    case 'number':
      return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? { value: Number(text) } : { error: 'Please enter a number' };
    case 'phone':
      return /^[+0-9()./ -]{3,}$/.test(text) ? { value: text } : { error: 'Please enter a valid phone number' };
    case 'date':
      return ISO_DATE.test(text) || (DATE_FORMATS[fmt]?.test(text) ?? false) ? { value: text } : { error: 'Please enter a valid date' };
    case 'birthday':
      return (DATE_FORMATS[fmt] ?? DATE_FORMATS['MM/DD'])?.test(text) ? { value: text } : { error: 'Please enter a valid birthday' };
    case 'url':
    case 'imageurl':
      return /^https?:\/\/\S+$/.test(text) ? { value: text } : { error: 'Please enter a valid URL' };
    case 'radio':
    case 'dropdown':
      return field.options.choices?.includes(text) ? { value: text } : { error: 'Please select one of the options' };
    case 'zip':
      return /^\d{5}(-\d{4})?$/.test(text) ? { value: text } : { error: 'Please enter a valid zip code' };
    case 'address':
      return { error: 'Please enter a complete address' };
  }
}

/**
 * Applies `merge_fields` from a request onto a member's current values. Unknown tags are ignored (as the
 * real API does); `""` or null clears a value; required fields are checked unless `skipRequired`.
 */
export function applyMergeFields(
  list: SimList,
  current: Record<string, MergeValue>,
  input: Record<string, unknown> | undefined,
  opts: { overflow: TextOverflow; skipRequired: boolean },
): MergeResult {
  const values: Record<string, MergeValue> = { ...current };
  const schemaErrors: FieldError[] = [];
  const errors: FieldError[] = [];
  const byTag = new Map(list.merge_fields.map((f) => [f.tag, f]));
  for (const [tag, raw] of Object.entries(input ?? {})) {
    const field = byTag.get(tag);
    if (!field) continue;
    if (raw === '' || raw === null) {
      delete values[tag];
      continue;
    }
    const kind = jsonType(raw);
    let result: Converted;
    if (kind === 'object' && field.type === 'address') result = toAddress(raw as Record<string, unknown>);
    else if (kind === 'string' || kind === 'integer' || kind === 'number') result = convertScalar(field, String(raw), opts.overflow);
    else {
      schemaErrors.push({ field: `merge_fields.${tag}`, message: 'Data did not match any of the schemas described in anyOf.' });
      continue;
    }
    if ('error' in result) errors.push({ field: tag, message: result.error });
    else values[tag] = result.value;
  }
  if (!opts.skipRequired) {
    for (const f of list.merge_fields) {
      const reported = errors.some((e) => e.field === f.tag);
      if (f.required && values[f.tag] === undefined && !reported) errors.push({ field: f.tag, message: 'Please enter a value' });
    }
  }
  return { values, schemaErrors, errors };
}
