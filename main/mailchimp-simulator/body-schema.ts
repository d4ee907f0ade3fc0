import { schemaInvalid, type FieldError } from './problem.js';

/**
 * A tiny validator for request bodies, written against the Swagger 2.0 request schemas (the product must
 * not ship ajv, a dev dependency). Messages follow Mailchimp's wording ("Schema describes object, array
 * found instead") so clients see what the real API says.
 */
export type BodySchema =
  | { type: 'string'; enum?: readonly string[] }
  | { type: 'boolean' }
  | { type: 'number' }
  | { type: 'integer' }
  | { type: 'any' }
  | { type: 'array'; items: BodySchema; maxItems?: number }
  | { type: 'object'; properties?: Record<string, BodySchema>; required?: readonly string[]; values?: BodySchema };

/** JSON type name of a value, as Mailchimp names it in messages. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(schema: BodySchema, value: unknown): boolean {
  const actual = jsonType(value);
  switch (schema.type) {
    case 'any':
      return true;
    case 'number':
      return actual === 'number' || actual === 'integer';
    default:
      return actual === schema.type;
  }
}

function check(schema: BodySchema, value: unknown, field: string, out: FieldError[]): void {
  if (!typeMatches(schema, value)) {
    out.push({ field, message: `Schema describes ${schema.type}, ${jsonType(value)} found instead` });
    return;
  }
  const at = (key: string) => (field ? `${field}.${key}` : key);
  if (schema.type === 'string' && schema.enum && !schema.enum.includes(value as string)) {
    out.push({ field, message: 'Value is not one of enum list' });
  } else if (schema.type === 'array') {
    const items = value as unknown[];
    if (schema.maxItems !== undefined && items.length > schema.maxItems) {
      out.push({ field, message: `Array has more than ${schema.maxItems} items` });
    }
    items.forEach((item, i) => check(schema.items, item, at(String(i)), out));
  } else if (schema.type === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (obj[key] === undefined) out.push({ field: at(key), message: 'This value should not be blank.' });
    }
    for (const [key, v] of Object.entries(obj)) {
      const prop = schema.properties?.[key] ?? schema.values;
      if (prop && v !== undefined) check(prop, v, at(key), out);
    }
  }
}

/** Validates a body and throws 400 "Invalid Resource" with `errors[]` when it does not fit. */
export function assertBody<T>(schema: BodySchema, body: unknown): T {
  const errors: FieldError[] = [];
  check(schema, body, '', errors);
  if (errors.length > 0) throw schemaInvalid(errors);
  return body as T;
}

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const statusSchema = { type: 'string', enum: ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'] } as const;

/** Member fields shared by PUT and batch subscribe. */
const memberProperties: Record<string, BodySchema> = {
  email_address: str,
  email_type: str,
  status: statusSchema,
  merge_fields: { type: 'object', values: { type: 'any' } },
  interests: { type: 'object', values: bool },
  language: str,
  vip: bool,
  location: { type: 'object', properties: { latitude: { type: 'number' }, longitude: { type: 'number' } } },
  ip_signup: str,
  timestamp_signup: str,
  ip_opt: str,
  timestamp_opt: str,
};

export const putMemberSchema: BodySchema = {
  type: 'object',
  required: ['email_address', 'status_if_new'],
  properties: {
    ...memberProperties,
    status_if_new: statusSchema,
    marketing_permissions: { type: 'array', items: { type: 'object', properties: { marketing_permission_id: str, enabled: bool } } },
  },
};

export const batchSubscribeSchema: BodySchema = {
  type: 'object',
  required: ['members'],
  properties: {
    // `status_if_new` is not in the documented item, but the real API accepts it (NOTES §11).
    members: { type: 'array', maxItems: 500, items: { type: 'object', properties: { ...memberProperties, status_if_new: statusSchema } } },
    sync_tags: bool,
    update_existing: bool,
  },
};

export const mergeFieldPostSchema: BodySchema = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    tag: str,
    name: str,
    type: { type: 'string', enum: ['text', 'number', 'address', 'phone', 'date', 'url', 'imageurl', 'radio', 'dropdown', 'birthday', 'zip'] },
    required: bool,
    default_value: str,
    public: bool,
    display_order: { type: 'integer' },
    options: {
      type: 'object',
      properties: {
        default_country: { type: 'integer' },
        phone_format: str,
        date_format: str,
        choices: { type: 'array', items: str },
        size: { type: 'integer' },
      },
    },
    help_text: str,
  },
};

export const categoryPostSchema: BodySchema = {
  type: 'object',
  required: ['title', 'type'],
  properties: { title: str, display_order: { type: 'integer' }, type: { type: 'string', enum: ['checkboxes', 'dropdown', 'radio', 'hidden'] } },
};

export const interestPostSchema: BodySchema = {
  type: 'object',
  required: ['name'],
  properties: { name: str, display_order: { type: 'integer' } },
};
