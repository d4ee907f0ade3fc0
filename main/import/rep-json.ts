import type { Representative } from '../../shared/domain/client.js';

/**
 * How a client's representatives are stored on its row (`clients.representatives`, migration 071):
 * compact JSON `[[kind, field, value, field, value, …], …]` in export order, NULL when there are none.
 * One column on a row the import writes anyway instead of two tables and an index.
 */
export function encodeRepresentatives(reps: readonly Representative[]): string | null {
  if (reps.length === 0) return null;
  const out = new Array<string[]>(reps.length);
  for (let r = 0; r < reps.length; r++) {
    const { kind, fields } = reps[r]!;
    const flat = new Array<string>(1 + 2 * fields.length);
    flat[0] = kind;
    for (let f = 0; f < fields.length; f++) {
      flat[1 + 2 * f] = fields[f]!.field;
      flat[2 + 2 * f] = fields[f]!.value;
    }
    out[r] = flat;
  }
  return JSON.stringify(out);
}

/** The representatives of one stored client row. */
export function decodeRepresentatives(json: string | null): Representative[] {
  if (json === null) return [];
  return (JSON.parse(json) as string[][]).map((flat) => {
    const fields: Representative['fields'] = [];
    for (let i = 1; i + 1 < flat.length; i += 2) fields.push({ field: flat[i]!, value: flat[i + 1]! });
    return { kind: flat[0]!, fields };
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
