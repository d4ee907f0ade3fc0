import { appError, type AppError } from '../../shared/domain/app-error.js';
import { mergeTagSchema, type FieldMapping, type GroupMapping } from '../../shared/domain/mapping.js';
import type { AudienceStructure } from './audience-structure.js';
import { TEXT_TYPE } from './audience-structure.js';
import type { SyncRules } from './desired-state.js';
import type { ClientValueReader, SourceSpec } from './merge-values.js';

export type NameMode = 'split' | 'whole';

/** Inputs that decide the rules, all read from SQLite and settings. */
export type RuleInputs = {
  groups: readonly GroupMapping[];
  fields: readonly FieldMapping[];
  nameMode: NameMode;
  /** Barsy groups present in the import being synced (mappings of other groups do not matter). */
  importGroups: ReadonlySet<string>;
  /** Sources of the import in export order, each classified (client field or representative field). */
  sources: readonly SourceSpec[];
  readClient: ClientValueReader;
};

const isText = (s: AudienceStructure, tag: string) => s.mergeFields.some((f) => f.tag === tag && f.type === TEXT_TYPE);

/** FNAME/LNAME used for the name when `name` has no mapping of its own and the tags exist as TEXT. */
export function implicitNameTags(s: AudienceStructure, inputs: Pick<RuleInputs, 'fields' | 'nameMode'>): SyncRules['implicitName'] {
  if (inputs.fields.some((f) => f.source === 'name')) return null;
  if (!isText(s, 'FNAME')) return null;
  if (inputs.nameMode === 'whole') return { first: 'FNAME', rest: null };
  return { first: 'FNAME', rest: isText(s, 'LNAME') ? 'LNAME' : null };
}

/** Field mappings that count: a tag set, and a source the import has. */
function liveFieldMappings(inputs: RuleInputs): Array<{ source: string; tag: string }> {
  const known = new Set(inputs.sources.map((s) => s.source));
  return inputs.fields.filter((f): f is { source: string; tag: string } => f.tag !== null && known.has(f.source));
}

/**
 * Everything that would make the sync write wrong data, checked before any write (Barsy's rules plus
 * Mailchimp's): mapped interests and tags exist, tags are valid and TEXT, and every required merge
 * field of the audience receives a value. Returns every problem, not just the first.
 */
export function checkMappings(s: AudienceStructure, inputs: RuleInputs): AppError[] {
  const problems: AppError[] = [];
  const interestIds = new Set(s.interests.map((i) => i.id));
  for (const g of inputs.groups) {
    if (g.interestId === null || !inputs.importGroups.has(g.barsyGroup)) continue;
    if (!interestIds.has(g.interestId)) problems.push(appError('mapping_unknown_interest', { interestId: g.interestId, group: g.barsyGroup }));
  }
  const sent = new Set<string>();
  for (const f of liveFieldMappings(inputs)) {
    if (!mergeTagSchema.safeParse(f.tag).success) {
      problems.push(appError('mapping_tag_invalid', { tag: f.tag }));
      continue;
    }
    const field = s.mergeFields.find((m) => m.tag === f.tag);
    if (!field) problems.push(appError('mapping_unknown_tag', { tag: f.tag }));
    else if (field.type !== TEXT_TYPE) problems.push(appError('mapping_tag_not_text', { tag: f.tag, type: field.type }));
    else sent.add(f.tag);
  }
  const name = implicitNameTags(s, inputs);
  if (name) {
    sent.add(name.first);
    if (name.rest) sent.add(name.rest);
  }
  for (const m of s.mergeFields) {
    if (m.required && !sent.has(m.tag)) problems.push(appError('mapping_required_unmapped', { tag: m.tag, name: m.name }));
  }
  // One message per distinct problem (two sources on one missing tag say it once).
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The rules for a run (assumes `checkMappings` found nothing). */
export function buildRules(s: AudienceStructure, inputs: RuleInputs): SyncRules {
  const interestIds = new Set(s.interests.map((i) => i.id));
  const groupInterest = new Map<string, string>();
  for (const g of inputs.groups) if (g.interestId !== null && interestIds.has(g.interestId)) groupInterest.set(g.barsyGroup, g.interestId);
  const managedInterests = [...new Set(groupInterest.values())].sort();

  const order = new Map(inputs.sources.map((src, i) => [src.source, i]));
  const bySource = new Map(inputs.sources.map((src) => [src.source, src]));
  const tagSources = new Map<string, SourceSpec[]>();
  for (const f of liveFieldMappings(inputs)) {
    const spec = bySource.get(f.source);
    if (!spec) continue;
    const list = tagSources.get(f.tag) ?? [];
    list.push(spec);
    tagSources.set(f.tag, list);
  }
  for (const list of tagSources.values()) list.sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0));
  return { groupInterest, managedInterests, tagSources, implicitName: implicitNameTags(s, inputs), readClient: inputs.readClient };
}
