import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { load as loadYaml } from 'js-yaml';

/**
 * A small Swagger 2.0 → JSON Schema adapter for ajv. Swagger 2.0 schemas are JSON Schema draft-04 plus
 * a few extensions, so the adapter only: resolves local `$ref`s, drops `x-*` and the Swagger-only keywords,
 * turns draft-04's boolean `exclusiveMaximum/Minimum` into numbers, and drops empty `format`s. No OAS3
 * conversion is involved (those mistype `merge_fields`, NOTES §1).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Operation = { parameters?: JsonObject[]; responses?: Record<string, JsonObject> };
type SwaggerDoc = JsonObject & { paths: Record<string, Record<string, Operation>> };

const SWAGGER_ONLY = new Set(['discriminator', 'xml', 'externalDocs', 'example']);
/** Keywords whose value maps names to schemas: their keys are names, not keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions']);

function resolvePointer(root: Json, ref: string): Json {
  let node: Json = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' && !Array.isArray(node) ? (node[key] ?? null) : null;
  }
  if (node === null) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

/** Converts one Swagger 2.0 schema (inside `root`) to a self-contained JSON Schema. */
export function toJsonSchema(node: Json, root: Json, refs: string[] = []): Json {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, root, refs));
  if (!node || typeof node !== 'object') return node;
  const ref = node.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    // A recursive schema stops at its second visit: accept anything there rather than loop.
    return refs.includes(ref) ? {} : toJsonSchema(resolvePointer(root, ref), root, [...refs, ref]);
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') || SWAGGER_ONLY.has(key)) continue;
    if (key === 'format' && (value === '' || value === null)) continue;
    if (key === 'type' && value === 'file') continue;
    if (NAME_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s, root, refs)]));
    } else out[key] = toJsonSchema(value, root, refs);
  }
  for (const [flagKey, limitKey] of [['exclusiveMaximum', 'maximum'], ['exclusiveMinimum', 'minimum']] as const) {
    if (typeof out[flagKey] === 'boolean') {
      if (out[flagKey] === true) out[flagKey] = out[limitKey] ?? null;
      else delete out[flagKey];
      if (out[flagKey] !== undefined) delete out[limitKey];
    }
  }
  return out;
}

// RFC 3339 date-time. Mailchimp sends "" for unset date-times (e.g. `timestamp_signup`, recorded in real
// responses, NOTES §9 grouparoo fixtures), so the empty string is accepted; any other text must be valid.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export type SpecOperation = { method: string; template: string; file: string; op: Operation };
type IndexedOperation = SpecOperation & { root: SwaggerDoc; pattern: RegExp; literals: number };

/** The operations of a set of Swagger files, with cached validators. */
export class SpecIndex {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction | null>();

  private constructor(private readonly ops: IndexedOperation[]) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv, { mode: 'full', formats: ['uri', 'email', 'date', 'time'] });
    this.ajv.addFormat('date-time', (s: string) => s === '' || DATE_TIME.test(s));
  }

  /** Loads every `*.yml` Swagger 2.0 file of a folder. */
  static load(dir: string): SpecIndex {
    const ops: IndexedOperation[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yml')).sort()) {
      const root = loadYaml(fs.readFileSync(path.join(dir, file), 'utf8')) as SwaggerDoc;
      if (root.swagger !== '2.0') throw new Error(`${file} is not Swagger 2.0`);
      for (const [template, methods] of Object.entries(root.paths)) {
        const segs = template.split('/').filter(Boolean);
        const pattern = new RegExp(`^/${segs.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
        const literals = segs.filter((s) => !s.startsWith('{')).length;
        for (const [method, op] of Object.entries(methods)) {
          ops.push({ method: method.toUpperCase(), template, file, op, root, pattern, literals });
        }
      }
    }
    return new SpecIndex(ops);
  }

  /** The operation for a request path below `/3.0` (most literal segments win), if the spec has one. */
  find(method: string, urlPath: string): SpecOperation | undefined {
    const matches = this.ops.filter((o) => o.method === method && o.pattern.test(urlPath));
    return matches.sort((a, b) => b.literals - a.literals)[0];
  }

  private compile(key: string, schema: Json | undefined, root: SwaggerDoc): ValidateFunction | null {
    if (!this.cache.has(key)) {
      this.cache.set(key, schema === undefined ? null : this.ajv.compile(toJsonSchema(schema, root) as object));
    }
    return this.cache.get(key) ?? null;
  }

  /** Validator of the body parameter, or null when the operation takes no body. */
  requestValidator(found: SpecOperation): ValidateFunction | null {
    const entry = this.ops.find((o) => o.op === found.op);
    const param = found.op.parameters?.find((p) => p.in === 'body');
    return this.compile(`${found.file} ${found.method} ${found.template} body`, param?.schema, entry?.root as SwaggerDoc);
  }

  /** Validator of a response status (falling back to `default`), or null when the spec gives no schema. */
  responseValidator(found: SpecOperation, status: number): ValidateFunction | null {
    const entry = this.ops.find((o) => o.op === found.op);
    const response = found.op.responses?.[String(status)] ?? found.op.responses?.default;
    return this.compile(`${found.file} ${found.method} ${found.template} ${status}`, response?.schema, entry?.root as SwaggerDoc);
  }
}

/** Readable ajv errors. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}
