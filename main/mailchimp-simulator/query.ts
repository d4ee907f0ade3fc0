/** Query-string conventions shared by every collection: paging and `fields` / `exclude_fields`. */

export const DEFAULT_COUNT = 10;
export const MAX_COUNT = 1000;

/** `count` (default 10, capped at 1000) and `offset` (default 0). Garbage falls back to the defaults. */
export function paging(query: URLSearchParams): { count: number; offset: number } {
  const int = (name: string, fallback: number) => {
    const raw = query.get(name);
    const n = raw === null ? NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 ? n : fallback;
  };
  return { count: Math.min(int('count', DEFAULT_COUNT), MAX_COUNT), offset: int('offset', 0) };
}

/** One page of an array. */
export function page<T>(items: readonly T[], query: URLSearchParams): T[] {
  const { count, offset } = paging(query);
  return items.slice(offset, offset + count);
}

/** A boolean query flag: only `true` (any case) or `1` count as true. */
export function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name)?.toLowerCase();
  return v === 'true' || v === '1';
}

type FieldTree = { [key: string]: FieldTree | true };

/** Builds a tree from dot paths: `members.email_address,total_items`. */
function fieldTree(csv: string): FieldTree {
  const tree: FieldTree = {};
  for (const path of csv.split(',').map((p) => p.trim()).filter(Boolean)) {
    let node = tree;
    const parts = path.split('.');
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = true;
      else {
        const next = node[part];
        if (next === true) return;
        node = node[part] = next ?? {};
      }
    });
  }
  return tree;
}

/** Applies `fn` to an object, or to each element of an array of objects (dot paths go through arrays). */
function each(value: unknown, fn: (obj: Record<string, unknown>) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => each(v, fn));
  if (value && typeof value === 'object') return fn(value as Record<string, unknown>);
  return value;
}

function pick(value: unknown, tree: FieldTree): unknown {
  return each(value, (obj) => {
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(tree)) {
      if (!(key in obj)) continue;
      out[key] = sub === true ? obj[key] : pick(obj[key], sub);
    }
    return out;
  });
}

function omit(value: unknown, tree: FieldTree): unknown {
  return each(value, (obj) => {
    const out: Record<string, unknown> = { ...obj };
    for (const [key, sub] of Object.entries(tree)) {
      if (!(key in out)) continue;
      if (sub === true) delete out[key];
      else out[key] = omit(out[key], sub);
    }
    return out;
  });
}

/** Applies `fields` then `exclude_fields` (CSV, dot notation) to a response body. */
export function filterFields(body: unknown, query: URLSearchParams): unknown {
  const fields = query.get('fields');
  const exclude = query.get('exclude_fields');
  let out = body;
  if (fields) out = pick(out, fieldTree(fields));
  if (exclude) out = omit(out, fieldTree(exclude));
  return out;
}
