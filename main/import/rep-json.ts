import type { Representative } from '../../shared/domain/client.js';

/** A node of `RepShapes`' trie: one step per field name, under a kind. */
type ShapeNode = { index: number; next: Map<string, ShapeNode> | undefined };

/**
 * The distinct shapes of an import's representatives — a kind and its field names in order — numbered
 * in order of first appearance (`imports.representative_shapes`, migration 077:
 * `[[kind, field, field, …], …]`). A row then stores only the shape's number and the values, instead of
 * naming the kind and every field of every representative again. Looked up through a trie of the
 * names, so no key string is built per representative.
 */
export class RepShapes {
  private readonly kinds = new Map<string, ShapeNode>();
  private readonly list: string[][] = [];

  /** The number of `rep`'s shape, added when new. */
  indexOf(rep: Representative): number {
    let node = this.kinds.get(rep.kind);
    if (!node) {
      node = { index: -1, next: undefined };
      this.kinds.set(rep.kind, node);
    }
    const { fields } = rep;
    for (let f = 0; f < fields.length; f++) {
      const name = fields[f]!.field;
      node.next ??= new Map();
      let child = node.next.get(name);
      if (!child) {
        child = { index: -1, next: undefined };
        node.next.set(name, child);
      }
      node = child;
    }
    if (node.index === -1) {
      node.index = this.list.length;
      this.list.push([rep.kind, ...fields.map((f) => f.field)]);
    }
    return node.index;
  }

  /** The stored form: `[[kind, field, …], …]`. */
  json(): string {
    return JSON.stringify(this.list);
  }
}

/**
 * How a client's representatives are stored on its row (`clients.representatives`, migration 071; the
 * form of migration 077): JSON `[[shape, value, value, …], …]` in export order, `shape` numbering the
 * import's `RepShapes`; NULL when there are none. One column on a row the import writes anyway instead
 * of two tables and an index.
 */
export function encodeRepresentatives(reps: readonly Representative[], shapes: RepShapes): string | null {
  if (reps.length === 0) return null;
  const out = new Array<Array<number | string>>(reps.length);
  for (let r = 0; r < reps.length; r++) {
    const rep = reps[r]!;
    const { fields } = rep;
    const flat = new Array<number | string>(1 + fields.length);
    flat[0] = shapes.indexOf(rep);
    for (let f = 0; f < fields.length; f++) flat[1 + f] = fields[f]!.value;
    out[r] = flat;
  }
  return JSON.stringify(out);
}

/**
 * The representatives of one stored client row, given its import's shapes (`[]` for an import written
 * before migration 077: its rows name the kind and fields, `[[kind, field, value, field, value, …], …]`).
 */
export function decodeRepresentatives(json: string | null, shapes: readonly string[][]): Representative[] {
  if (json === null) return [];
  return (JSON.parse(json) as Array<Array<number | string>>).map((flat) => {
    const fields: Representative['fields'] = [];
    const head = flat[0]!;
    if (typeof head === 'number') {
      const shape = shapes[head]!;
      for (let i = 1; i < flat.length; i++) fields.push({ field: shape[i]!, value: flat[i] as string });
      return { kind: shape[0]!, fields };
    }
    for (let i = 1; i + 1 < flat.length; i += 2) fields.push({ field: flat[i] as string, value: flat[i + 1] as string });
    return { kind: head, fields };
  });
}

/** Samples kept per merge-tag source. */
export const SOURCE_SAMPLES = 3;

/** Adds `value` to a source's samples while it has fewer than 3 and not this one; empty values are no samples. */
export function pushSample(samples: string[], value: string): void {
  if (value !== '' && samples.length < SOURCE_SAMPLES && !samples.includes(value)) samples.push(value);
}

/**
 * The `<kind>: <field>` merge-tag sources of an import with up to 3 distinct sample values each, in
 * order of first appearance, collected as representatives are written (`imports.representative_sources`),
 * so listing them never scans the clients.
 */
export class RepSources {
  private readonly byKind = new Map<string, Map<string, string[]>>();
  private readonly order: Array<[source: string, samples: string[]]> = [];

  /** Notes every field of one representative. */
  add(rep: Representative): void {
    let fields = this.byKind.get(rep.kind);
    if (!fields) {
      fields = new Map();
      this.byKind.set(rep.kind, fields);
    }
    for (const { field, value } of rep.fields) {
      let samples = fields.get(field);
      if (!samples) {
        samples = [];
        fields.set(field, samples);
        this.order.push([`${rep.kind}: ${field}`, samples]);
      }
      if (samples.length < SOURCE_SAMPLES) pushSample(samples, value);
    }
  }

  /** The stored form: `[[source, [samples…]], …]`. */
  json(): string {
    return JSON.stringify(this.order);
  }
}

/** The stored sources of an import as merge sources. */
export function decodeRepSources(json: string): Array<{ source: string; origin: 'representative'; samples: string[] }> {
  return (JSON.parse(json) as Array<[string, string[]]>).map(([source, samples]) => ({ source, origin: 'representative' as const, samples }));
}
